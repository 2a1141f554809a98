import { addAuditEvent } from '../../../db/queries/audit';
import { communeOfProvince } from '../../../db/queries/catalog';
import { getUnit, LastAdminError, listUnitOfficers, saveOfficer, updateUnit, type UnitValues } from '../../../db/queries/units';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { AdminOfficer, OfficerEntry, UnitInput } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';

// The unit and its officers, as the admin keeps them (issue 11.1–2). Every change is an audit line and is read
// from the database on every desk's next call: nothing is cached.

/** The unit's values as kept: text in NFC, the commune one of the province's on today's map. */
export async function unitValues(station: Pick<Station, 'db'>, u: UnitInput): Promise<UnitValues> {
  if (!(await communeOfProvince(station.db, u.communeCode, u.provinceCode))) throw new StationError('rejected', vi.admin.communeNotInProvince);
  const t = (v: string) => nfc(v.trim());
  return {
    ...u, name: t(u.name), parentName: t(u.parentName), address: t(u.address), placeName: t(u.placeName), headTitle: t(u.headTitle),
    deputyTitle: t(u.deputyTitle), zalo: t(u.zalo), fanpage: t(u.fanpage), vnetraffic: t(u.vnetraffic), email: u.email.trim(),
  };
}

const audit = (station: Station, action: 'admin.unit-saved' | 'admin.officer-saved', detail: Record<string, unknown>) =>
  addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action, detail });

export async function saveUnit(station: Station, input: UnitInput) {
  const before = (await getUnit(station.db, station.unitId))!;
  const values = await unitValues(station, input);
  await updateUnit(station.db, station.unitId, values);
  // The line names what changed, old and new (the unit's public details: nothing about a reporter).
  const changed = Object.fromEntries(Object.entries(values)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before] ?? ''))
    .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]));
  await audit(station, 'admin.unit-saved', { changed });
  return (await getUnit(station.db, station.unitId))!;
}

export async function unitOfficers(station: Station): Promise<AdminOfficer[]> {
  return listUnitOfficers(station.db, station.unitId);
}

/**
 * Creates or edits an officer (the account, when a login and password come with it, is given by the session,
 * which wraps the data key for it). Roles and switching off take effect on the officer's next call at any desk.
 */
export async function saveOfficerEntry(station: Station, o: OfficerEntry): Promise<number> {
  if (o.login !== '') {
    const taken = await station.db.selectFrom('officers').select('id').where('login', '=', o.login).executeTakeFirst();
    if (taken && taken.id !== o.id) throw new StationError('rejected', vi.admin.officer.loginTaken(o.login));
  }
  let id: number | null;
  try {
    id = await saveOfficer(station.db, station.unitId, { id: o.id, fullName: nfc(o.fullName), rank: nfc(o.rank), roles: o.roles, active: o.active });
  } catch (err) {
    if (err instanceof LastAdminError) throw new StationError('rejected', vi.admin.officer.lastAdmin);
    throw err;
  }
  if (id === null) throw new StationError('not-found', vi.admin.officer.notFound);
  await audit(station, 'admin.officer-saved', { officerId: id, fullName: nfc(o.fullName), roles: o.roles, active: o.active, account: o.login || null });
  return id;
}
