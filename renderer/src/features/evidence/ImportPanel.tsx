import { useEffect, useId, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ImportStatus, ScanSummary } from '../../../../electron/contract/schemas';
import { call, useStation } from '../../lib/api';
import { formatBytes, formatSeconds } from '../../lib/format';

const POLL_MS = 300;
/** Above this many files nothing is picked in advance: the officer chooses (a whole disk is never imported by one click). */
const PRESELECT_MAX = 200;

/** Choose a drive or folder, see what is on it, pick, import, and follow the progress. */
export function ImportPanel(props: { reportId: number; onImported: () => void }) {
  const sources = useStation('evidence:sources', {}).data ?? [];
  const [folder, setFolder] = useState('');
  const [scan, setScan] = useState<ScanSummary | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [scanning, setScanning] = useState<string | null>(null);
  const [error, setError] = useState('');
  const folderId = useId();


  // Follow a running import until it ends; the import itself runs in the station, not in this page.
  useEffect(() => {
    if (!status || status.state !== 'running') return undefined;
    const timer = setTimeout(() => {
      call('evidence:importStatus', { importId: status.importId }).then((s) => {
        setStatus(s);
        if (s.state !== 'running') props.onImported();
      }, (e: Error) => setError(e.message));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [status, props]);

  const runScan = async (path: string) => {
    const scanId = crypto.randomUUID();
    setScanning(scanId);
    setError('');
    setStatus(null);
    setScan(null);
    try {
      const s = await call('evidence:scan', { scanId, folder: path });
      setScan(s);
      const media = s.files.filter((f) => f.kind !== 'other');
      setPicked(new Set(media.length <= PRESELECT_MAX && !s.limited ? media.map((f) => f.relPath) : []));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setScanning(null);
    }
  };

  const start = async () => {
    if (!scan) return;
    setError('');
    try {
      const { importId } = await call('evidence:import', { scanId: scan.scanId, reportId: props.reportId, files: [...picked] });
      setStatus(await call('evidence:importStatus', { importId }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const toggle = (relPath: string) => setPicked((p) => {
    const next = new Set(p);
    if (next.has(relPath)) next.delete(relPath); else next.add(relPath);
    return next;
  });

  const running = status?.state === 'running';
  const failed = status?.results.filter((r) => !r.ok) ?? [];
  const okCount = (status?.results.length ?? 0) - failed.length;
  return (
    <section className="import-panel" aria-label={vi.evidence.importHeading}>
      <h3>{vi.evidence.importHeading}</h3>
      <div className="row">
        {sources.length === 0 && <span className="muted">{vi.evidence.noSources}</span>}
        {sources.map((s) => (
          <button key={s.path} type="button" onClick={() => { setFolder(s.path); void runScan(s.path); }}>
            {s.label} {s.sizeBytes !== null ? `(${formatBytes(s.sizeBytes)}, ${s.fsType})` : ''}
          </button>
        ))}
      </div>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void runScan(folder); }}>
        <div className="field wide">
          <label htmlFor={folderId}>{vi.evidence.folder}</label>
          <input id={folderId} value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/media/usb" />
        </div>
        <button type="submit" disabled={scanning !== null || folder.trim() === '' || running}>{scanning ? vi.evidence.scanning : vi.evidence.scan}</button>
        {scanning && <button type="button" onClick={() => void call('evidence:cancelScan', { scanId: scanning })}>{vi.evidence.stopScan}</button>}
      </form>
      {error && <p className="notice error" role="alert">{error}</p>}

      {scan && !status && (
        <div className="scan">
          <p role="status">
            {vi.evidence.scanned(scan.byKind.photo.count, scan.byKind.video.count, scan.byKind.other.count,
              formatBytes(scan.byKind.photo.bytes + scan.byKind.video.bytes + scan.byKind.other.bytes))}
          </p>
          {scan.limited && <p className="notice info" role="alert">{scan.limited}</p>}
          {scan.files.length > 0 && picked.size === 0 && <p className="muted">{vi.evidence.notPreselected(scan.files.length)}</p>}
          {scan.problems.length > 0 && (
            <details className="warn" open={scan.problems.length <= 5}>
              <summary>{vi.evidence.problems(scan.problems.length)}</summary>
              <ul>{scan.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
            </details>
          )}
          <div className="row">
            <button type="button" onClick={() => setPicked(new Set(scan.files.map((f) => f.relPath)))}>{vi.evidence.pickAll}</button>
            <button type="button" onClick={() => setPicked(new Set())}>{vi.evidence.pickNone}</button>
            <button type="button" className="primary" disabled={picked.size === 0} onClick={() => void start()}>
              {vi.evidence.importSelected(picked.size)}
            </button>
          </div>
          <ul className="scan-files">
            {scan.files.map((f) => (
              <li key={f.relPath}>
                <label>
                  <input type="checkbox" checked={picked.has(f.relPath)} onChange={() => toggle(f.relPath)} />
                  {f.relPath} — {vi.evidenceKind[f.kind]} {f.format !== 'unknown' ? f.format.toUpperCase() : ''}, {formatBytes(f.size)}
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}

      {status && (
        <div className="progress" role="status" aria-live="polite">
          <progress max={Math.max(1, status.bytesTotal)} value={status.bytesDone} />
          <p>
            {vi.evidence.progress(status.filesDone, status.filesTotal, formatBytes(status.bytesDone), formatBytes(status.bytesTotal))}
            {running && status.etaSeconds !== null && ` — ${vi.evidence.speed(formatBytes(status.bytesPerSecond), formatSeconds(status.etaSeconds))}`}
          </p>
          {running && <button type="button" onClick={() => void call('evidence:cancel', { importId: status.importId })}>{vi.evidence.cancel}</button>}
          {status.state === 'done' && <p className="notice ok">{vi.evidence.finished(okCount, failed.length)}</p>}
          {status.state === 'cancelled' && <p className="notice info">{vi.evidence.cancelled(okCount)}</p>}
          {failed.length > 0 && (
            <div className="import-errors">
              <h4>{vi.evidence.errorsHeading}</h4>
              <ul>{failed.map((r) => <li key={r.path} className="error-line">{r.ok ? '' : r.error}</li>)}</ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
