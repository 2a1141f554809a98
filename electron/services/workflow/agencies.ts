import { listAgencies, saveAgency, takeShippedAgency } from '../../../db/queries/agencies';
import { addAuditEvent } from '../../../db/queries/audit';
import { getUnit } from '../../../db/queries/units';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { Agency, ListedAgency } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';

const FIELDS = ['name', 'kind', 'address', 'email'] as const;

export async function agencyDirectory(station: Station): Promise<ListedAgency[]> {
  const unit = await getUnit(station.db, station.unitId);
  return (await listAgencies(station.db, unit?.provinceCode ?? '')).map((a) => {
    const shipped = a.edited === 1 && a.shipped !== '' ? JSON.parse(a.shipped) as Record<(typeof FIELDS)[number], string> : null;
    const says = (k: (typeof FIELDS)[number]) => (k === 'kind' ? vi.agencies.kind[shipped![k] as Agency['kind']] ?? shipped![k] : shipped![k]) || vi.admin.violation.none;
    return {
      id: a.id, name: a.name, kind: a.kind as Agency['kind'], address: a.address, email: a.email,
      catalogSays: shipped ? FIELDS.filter((k) => shipped[k] !== a[k]).map((k) => ({ field: vi.agencies[k === 'kind' ? 'kindLabel' : k], value: says(k) })) : [],
    };
  });
}

/** An edited preset agency takes the shipped catalog's values again (audited). */
export async function takeCatalogAgency(station: Station, id: number): Promise<ListedAgency[]> {
  if (!(await takeShippedAgency(station.db, id))) throw new StationError('not-found', vi.error.notFound);
  await addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'admin.catalog-value-taken', detail: { catalog: 'agencies', id } });
  return agencyDirectory(station);
}

/** Adds or edits an agency (an audit line: the directory decides where reports go); an edited preset keeps the edit through new catalog versions. */
export async function saveAgencyEntry(station: Station, a: Agency): Promise<ListedAgency[]> {
  const kept = { ...a, name: nfc(a.name), address: nfc(a.address) };
  const id = await saveAgency(station.db, kept);
  await addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'admin.agency-saved', detail: { ...kept, id } });
  return agencyDirectory(station);
}
