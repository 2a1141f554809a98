import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ImportStatus, ScanSummary } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { ImportProgress } from './ImportProgress';
import { ScanResult } from './ScanResult';
import { SourcePicker } from './SourcePicker';

const POLL_MS = 300;
/** Above this many files nothing is picked in advance: the officer chooses (a whole disk is never imported by one click). */
const PRESELECT_MAX = 200;

/** Choose a drive or folder, see what is on it, pick, import, and follow the progress. */
export function ImportPanel(props: { reportId: number; onImported: () => void }) {
  const [folder, setFolder] = useState('');
  const [scan, setScan] = useState<ScanSummary | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [scanning, setScanning] = useState<string | null>(null);
  const [error, setError] = useState('');

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

  return (
    <section className="import-panel" aria-label={vi.evidence.importHeading}>
      <h3>{vi.evidence.importHeading}</h3>
      <SourcePicker folder={folder} onFolder={setFolder} onScan={(path) => void runScan(path)}
        scanning={scanning} importing={status?.state === 'running'} />
      {error && <p className="notice error" role="alert">{error}</p>}
      {scan && !status && <ScanResult scan={scan} picked={picked} onPick={setPicked} onImport={() => void start()} />}
      {status && <ImportProgress status={status} />}
    </section>
  );
}
