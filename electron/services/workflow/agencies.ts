import { listAgencies, saveAgency } from '../../../db/queries/agencies';
import { nfc } from '../../contract/domain/text';
import type { Agency } from '../../contract/schemas';
import type { Station } from '../station';

export async function agencyDirectory(station: Station): Promise<Agency[]> {
  return (await listAgencies(station.db)).map((a) => ({ ...a, kind: a.kind as Agency['kind'] }));
}

export async function saveAgencyEntry(station: Station, a: Agency): Promise<Agency[]> {
  await saveAgency(station.db, { ...a, name: nfc(a.name), address: nfc(a.address) });
  return agencyDirectory(station);
}
