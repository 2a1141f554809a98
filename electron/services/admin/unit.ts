import { addAuditEvent } from '../../../db/queries/audit';
import { communeOfProvince } from '../../../db/queries/catalog';
import { getUnit, LastAdminError, listUnitOfficers, LoginTakenError, type OfficerValues, saveOfficer, updateUnit, type UnitValues } from '../../../db/queries/units';
import type { Role } from '../../contract/domain/permissions';
import { hashPassword } from '../auth/passwords';
import { heldKeys } from '../keys/keyring';
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

const audit = (station: Station, action: 'admin.unit-saved' | 'admin.officer-saved' | 'auth.account-created' | 'auth.password-reset', detail: Record<string, unknown>) =>
  addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action, detail });

export async function saveUnit(station: Station, input: UnitInput) {
  const before = (await getUnit(station.db, station.unitId))!;
  const values = await unitValues(station, input);
  await updateUnit(station.db, station.unitId, values);
  // The line names what changed, old and new (the unit's public details: nothing about a reporter).
  const changed = Object.fromEntries(Object.entries(values)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before] ?? ''))
    .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]));
  const names = vi.admin.unit as Record<string, unknown>;
  await audit(station, 'admin.unit-saved', { changed, summary: vi.admin.unit.changed(Object.keys(changed).map((k) => (typeof names[k] === 'string' ? names[k] : k) as string)) });
  return (await getUnit(station.db, station.unitId))!;
}

export async function unitOfficers(station: Station): Promise<AdminOfficer[]> {
  return listUnitOfficers(station.db, station.unitId);
}

/** An officer's line in the audit trail, as the audit screen shows it: who, and what changed (before → after). */
function officerSummary(name: string, before: OfficerValues | null, after: OfficerValues): string {
  const o = vi.admin.officer;
  const roleNames = (r: string[]) => r.map((x) => vi.auth.role[x as Role] ?? x).join(', ');
  const shown = (v: OfficerValues): Record<string, string> => ({ [o.fullName]: v.fullName, [o.rank]: v.rank, [o.roles]: roleNames(v.roles), [o.active]: v.active ? o.yes : o.no });
  if (!before) return o.added(name, roleNames(after.roles));
  const was = shown(before);
  const changes = Object.entries(shown(after)).filter(([k, v]) => was[k] !== v).map(([k, v]) => `${k}: ${was[k] || '—'} → ${v || '—'}`);
  return o.changed(name, changes.join('; '));
}

/**
 * Creates or edits an officer, with the account when a login and password come (hashed and the data key wrapped
 * for it before the one transaction that writes them). Roles and switching off take effect on the officer's next
 * call at any desk. Two lines go to the audit trail: the officer's change, and the account given or its password reset.
 */
export async function saveOfficerEntry(station: Station, o: OfficerEntry): Promise<number> {
  const values = { fullName: nfc(o.fullName), rank: nfc(o.rank), roles: o.roles, active: o.active };
  let credentials = null;
  if (o.login !== '') {
    const keys = heldKeys(station);
    const { hash, kek } = await hashPassword(o.password);
    credentials = { login: o.login, passwordHash: hash, wrap: { keyId: keys.id, wrapped: keys.wrap(kek), at: station.now().toISOString() } };
  }
  let saved;
  try {
    saved = await saveOfficer(station.db, station.unitId, o.id, values, credentials);
  } catch (err) {
    if (err instanceof LastAdminError) throw new StationError('rejected', vi.admin.officer.lastAdmin);
    if (err instanceof LoginTakenError) throw new StationError('rejected', vi.admin.officer.loginTaken(o.login));
    throw err;
  }
  if (saved === null) throw new StationError('not-found', vi.admin.officer.notFound);
  const { id, before } = saved;
  await audit(station, 'admin.officer-saved', { officerId: id, summary: officerSummary(values.fullName, before, values), before, after: values });
  if (credentials) {
    const action = before?.login ? 'auth.password-reset' : 'auth.account-created';
    await audit(station, action, { officerId: id, login: o.login, summary: vi.admin.officer.accountLine(values.fullName, o.login) });
  }
  return id;
}
