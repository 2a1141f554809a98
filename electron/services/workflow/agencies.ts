import { listAgencies, saveAgency } from '../../../db/queries/agencies';
import { addAuditEvent } from '../../../db/queries/audit';
import { getUnit } from '../../../db/queries/units';
import { nfc } from '../../contract/domain/text';
import type { Agency } from '../../contract/schemas';
import type { Station } from '../station';

export async function agencyDirectory(station: Station): Promise<Agency[]> {
  const unit = await getUnit(station.db, station.unitId);
  return (await listAgencies(station.db, unit?.provinceCode ?? '')).map((a) => ({ ...a, kind: a.kind as Agency['kind'] }));
}

/** Adds or edits an agency (an audit line: the directory decides where reports go); an edited preset keeps the edit through new catalog versions. */
export async function saveAgencyEntry(station: Station, a: Agency): Promise<Agency[]> {
  const kept = { ...a, name: nfc(a.name), address: nfc(a.address) };
  const id = await saveAgency(station.db, kept);
  await addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'admin.agency-saved', detail: { ...kept, id } });
  return agencyDirectory(station);
}
