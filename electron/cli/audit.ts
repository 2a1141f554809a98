import { listOfficers } from '../../db/queries/catalog';
import { formatStationTime } from '../contract/domain/time';
import { vi } from '../contract/messages.vi';
import { type ChainFinding, checkpointChain, type PaperCheckpoint, parsePaperCheckpoint, verifyChain } from '../services/audit/chain';
import { openStation, type StationHost } from '../host/open-station';

// `station audit checkpoint` and `station audit verify` (issue 10.5). Exit codes: 0 intact, 3 tampering found
// (as `station verify` for the evidence store), 2 usage.

/** `signIn`: the command line's sign-in; a checkpoint is recorded in the name of the officer who took it. */
export async function auditCommand(
  dataDir: string, sub: string | undefined, paperTexts: string[], signIn: (host: StationHost) => Promise<boolean>,
): Promise<number> {
  if (sub !== 'checkpoint' && sub !== 'verify') { console.log(vi.cli.usage); return 2; }
  const paper: PaperCheckpoint[] = [];
  for (const text of paperTexts) {
    const p = parsePaperCheckpoint(text);
    if (!p) { console.error(vi.cli.auditBadCheckpoint(text)); return 2; }
    paper.push(p);
  }
  const host = await openStation({ dataDir });
  try {
    const { station } = host;
    if (sub === 'checkpoint') {
      if (!(await signIn(host))) return 1;
      // The command line's checkpoint is a supervisor's act, as the permission table says.
      try { await host.auth.check('audit', 'audit checkpoint'); } catch (err) { console.error((err as Error).message); return 1; }
      const c = await checkpointChain(station);
      if (c.eventId === 0) { console.log(vi.cli.auditCheckpointEmpty); return 0; }
      const officer = (await listOfficers(station.db, station.unitId)).find((o) => o.id === c.officerId)?.fullName ?? `#${c.officerId}`;
      console.log(vi.cli.auditCheckpoint(c.id, formatStationTime(c.at), c.eventId, c.eventHash, officer, c.desk));
      return 0;
    }
    const report = await verifyChain(station, paper);
    for (const f of report.findings) console.log(findingLine(f));
    if (report.findings.length > 0) { console.log(vi.cli.auditProblems(report.findings.length)); return 3; }
    console.log(vi.cli.auditOk(report.events, report.checkpointsChecked));
    if (report.checkpointsChecked === 0) console.log(vi.cli.auditNoCheckpoint);
    else if (report.lastCheckpoint) console.log(vi.cli.auditAfterCheckpoint(report.lastCheckpoint.eventId));
    return 0;
  } finally {
    await host.close();
  }
}

function findingLine(f: ChainFinding): string {
  switch (f.kind) {
    case 'edited': return vi.cli.auditEdited(f.id);
    case 'rehashed': return vi.cli.auditRehashed(f.id, f.next);
    case 'missing': return vi.cli.auditMissing(f.after, f.before);
    case 'missingTail': return vi.cli.auditMissingTail(f.after, f.headId);
    case 'inserted': return vi.cli.auditInserted(f.id);
    case 'swapped': return vi.cli.auditSwapped(f.a, f.b);
    case 'moved': return vi.cli.auditMoved(f.id, f.belongsAt);
    case 'checkpoint': return vi.cli.auditCheckpointBroken(f.checkpointId, f.at === null ? null : formatStationTime(f.at), f.eventId, f.eventMissing);
    case 'checkpointAltered': return vi.cli.auditCheckpointAltered(f.checkpointId);
  }
}
