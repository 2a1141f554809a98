import type { Dispatch, SetStateAction } from 'react';
import { formatName } from '../../../../electron/contract/domain/evidence-display';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ScanSummary } from '../../../../electron/contract/schemas';
import { formatBytes } from '../../lib/format';

/** What a scan found, its problems, and the files to import, picked one by one or all at once. */
export function ScanResult(props: {
  scan: ScanSummary;
  picked: Set<string>;
  onPick: Dispatch<SetStateAction<Set<string>>>;
  onImport: () => void;
}) {
  const { scan, picked, onPick } = props;
  const toggle = (relPath: string) => onPick((p) => {
    const next = new Set(p);
    if (next.has(relPath)) next.delete(relPath); else next.add(relPath);
    return next;
  });
  return (
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
        <button type="button" onClick={() => onPick(new Set(scan.files.map((f) => f.relPath)))}>{vi.evidence.pickAll}</button>
        <button type="button" onClick={() => onPick(new Set())}>{vi.evidence.pickNone}</button>
        <button type="button" className="primary" disabled={picked.size === 0} onClick={props.onImport}>
          {vi.evidence.importSelected(picked.size)}
        </button>
      </div>
      <ul className="scan-files">
        {scan.files.map((f) => (
          <li key={f.relPath}>
            <label>
              <input type="checkbox" checked={picked.has(f.relPath)} onChange={() => toggle(f.relPath)} />
              {f.relPath} — {vi.evidenceKind[f.kind]} {formatName(f.format)}, {formatBytes(f.size)}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
