import { vi } from '../../../../electron/contract/messages.vi';
import type { ImportStatus } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { formatBytes, formatSeconds } from '../../lib/format';

/** A running or finished import: files and bytes done, speed and time left, Cancel, and each file that failed. */
export function ImportProgress(props: { status: ImportStatus }) {
  const { status } = props;
  const running = status.state === 'running';
  const failed = status.results.filter((r) => !r.ok);
  const okCount = status.results.length - failed.length;
  return (
    <div className="progress" role="status" aria-live="polite">
      <progress max={Math.max(1, status.bytesTotal)} value={status.bytesDone} />
      <p>
        {vi.evidence.progress(status.filesDone, status.filesTotal, formatBytes(status.bytesDone), formatBytes(status.bytesTotal))}
        {running && status.etaSeconds !== null && ` — ${vi.evidence.speed(formatBytes(status.bytesPerSecond), formatSeconds(status.etaSeconds))}`}
      </p>
      {running && <button type="button" onClick={() => void call('evidence:cancel', { importId: status.importId })}>{vi.evidence.cancel}</button>}
      {/* Some files failed: a warning, read out at once, never the green of a clean import. */}
      {status.state === 'done' && (failed.length > 0
        ? <p className="notice warning" role="alert">{vi.evidence.finished(okCount, failed.length)}</p>
        : <p className="notice ok">{vi.evidence.finished(okCount, failed.length)}</p>)}
      {status.state === 'cancelled' && <p className="notice info">{vi.evidence.cancelled(okCount)}</p>}
      {failed.length > 0 && (
        <div className="import-errors">
          <h4>{vi.evidence.errorsHeading}</h4>
          <ul>{failed.map((r) => <li key={r.path} className="error-line">{r.ok ? '' : r.error}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
