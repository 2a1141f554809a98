import { useId } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { call, useStation } from '../../lib/api';
import { formatBytes } from '../../lib/format';

/** The drives the station sees, one button each, and a folder typed by hand; either starts a scan. */
export function SourcePicker(props: {
  folder: string;
  onFolder: (folder: string) => void;
  onScan: (folder: string) => void;
  /** The scan running, to stop it; null when none is. */
  scanning: string | null;
  importing: boolean;
}) {
  const { folder, scanning } = props;
  const sources = useStation('evidence:sources', {}).data ?? [];
  const folderId = useId();
  return (
    <>
      <div className="row">
        {sources.length === 0 && <span className="muted">{vi.evidence.noSources}</span>}
        {sources.map((s) => (
          <button key={s.path} type="button" onClick={() => { props.onFolder(s.path); props.onScan(s.path); }}>
            {s.label} {s.sizeBytes !== null ? `(${formatBytes(s.sizeBytes)}, ${s.fsType})` : ''}
          </button>
        ))}
      </div>
      <form className="row" onSubmit={(e) => { e.preventDefault(); props.onScan(folder); }}>
        <div className="field wide">
          <label htmlFor={folderId}>{vi.evidence.folder}</label>
          <input id={folderId} value={folder} onChange={(e) => props.onFolder(e.target.value)} placeholder="/media/usb" />
        </div>
        <button type="submit" disabled={scanning !== null || folder.trim() === '' || props.importing}>{scanning ? vi.evidence.scanning : vi.evidence.scan}</button>
        {scanning && <button type="button" onClick={() => void call('evidence:cancelScan', { scanId: scanning })}>{vi.evidence.stopScan}</button>}
      </form>
    </>
  );
}
