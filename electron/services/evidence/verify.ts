import { addCustodyEvent, allEvidence } from '../../../db/queries/evidence';
import type { Station } from '../station';

export interface VerifyReport {
  checked: number;
  changed: { sha256: string; storePath: string }[];
  missing: { sha256: string; storePath: string }[];
}

/** Re-hashes every stored file against the SHA-256 recorded at import; each check goes into the custody log. */
export async function verifyStore(station: Station): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, changed: [], missing: [] };
  for (const item of await allEvidence(station.db)) {
    const actual = await station.store.hashOf(item.store_path);
    const result = actual === null ? 'missing' : actual === item.sha256 ? 'intact' : 'changed';
    if (result !== 'intact') report[result].push({ sha256: item.sha256, storePath: item.store_path });
    report.checked += 1;
    await addCustodyEvent(station.db, {
      evidenceId: item.id, reportId: null, at: station.now().toISOString(), officerId: station.officerId,
      action: 'verified', detail: { result, ...(actual && actual !== item.sha256 ? { actual } : {}) },
    });
  }
  return report;
}
