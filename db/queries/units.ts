import { PostgresAdapter, type Selectable, sql } from 'kysely';
import type { PeriodRule } from '../../electron/contract/domain/statistics';
import type { Db } from '../connection';
import type { UnitsTable } from '../schema';
import { type Credentials, writeCredentials } from './accounts';

// The receiving unit (issue 11.1): no unit exists until the first run's admin sets one up; the admin keeps it.

export interface UnitValues {
  name: string;
  parentName: string;
  provinceCode: string;
  communeCode: string;
  address: string;
  placeName: string;
  documentSymbol: string;
  draftingSymbol: string;
  printsRanks: boolean;
  headTitle: string;
  deputyTitle: string;
  hotlines: string[];
  email: string;
  zalo: string;
  fanpage: string;
  vnetraffic: string;
  periodRule: PeriodRule;
}

const columns = (u: UnitValues) => ({
  name: u.name, parent_name: u.parentName === '' ? null : u.parentName, province_code: u.provinceCode, commune_code: u.communeCode,
  address: u.address, place_name: u.placeName, document_symbol: u.documentSymbol, drafting_symbol: u.draftingSymbol,
  prints_ranks: Number(u.printsRanks), head_title: u.headTitle, deputy_title: u.deputyTitle, hotlines: JSON.stringify(u.hotlines),
  email: u.email, zalo: u.zalo, fanpage: u.fanpage, vnetraffic: u.vnetraffic, period_rule: u.periodRule,
});

function unitOf(r: Selectable<UnitsTable>) {
  return {
    id: r.id, name: r.name, parentName: r.parent_name, address: r.address, hotlines: JSON.parse(r.hotlines) as string[],
    documentSymbol: r.document_symbol, draftingSymbol: r.drafting_symbol, printsRanks: r.prints_ranks === 1, provinceCode: r.province_code,
    communeCode: r.commune_code, placeName: r.place_name, headTitle: r.head_title, deputyTitle: r.deputy_title, email: r.email,
    zalo: r.zalo, fanpage: r.fanpage, vnetraffic: r.vnetraffic, periodRule: (r.period_rule === 'cutoff' ? 'cutoff' : 'calendar') as PeriodRule,
  };
}
export type UnitRow = ReturnType<typeof unitOf>;

export async function getUnit(db: Db, id: number): Promise<UnitRow | null> {
  const r = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? unitOf(r) : null;
}

/** The unit a desk starts with before anyone signs in: the one whose officers have accounts, else the first; none on a new station. */
export async function firstUnitId(db: Db): Promise<number | null> {
  const r = await db.selectFrom('units').select('units.id')
    .orderBy((eb) => eb.exists(eb.selectFrom('officers').select('officers.id').whereRef('officers.unit_id', '=', 'units.id').where('officers.password_hash', 'is not', null)), 'desc')
    .orderBy('units.id').limit(1).executeTakeFirst();
  return r?.id ?? null;
}

export async function updateUnit(db: Db, id: number, u: UnitValues): Promise<void> {
  await db.updateTable('units').set(columns(u)).where('id', '=', id).execute();
}

/**
 * The first run: the unit (or the one a station an earlier version made already has) and its admin, made together
 * only while no account exists, in one transaction two desks starting at once cannot both pass (SQLite's BEGIN
 * IMMEDIATE; on PostgreSQL a transaction-scoped advisory lock, there being no row yet to lock). Returns null when
 * another desk set the station up meanwhile.
 */
export async function setUpStation(db: Db, unit: UnitValues, admin: { fullName: string; rank: string; login: string; passwordHash: string; roles: string[] }) {
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${FIRST_RUN_LOCK})`.execute(trx);
    const any = await trx.selectFrom('officers').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst();
    if (any) return null;
    // A station an earlier version set up without accounts has its unit, reports and counters: the admin's unit is that one.
    const earlier = await trx.selectFrom('units').select('units.id')
      .orderBy((eb) => eb.exists(eb.selectFrom('reports').select('reports.id').whereRef('reports.unit_id', '=', 'units.id')), 'desc')
      .orderBy('units.id').limit(1).executeTakeFirst();
    let unitId: number;
    if (earlier) {
      unitId = earlier.id;
      await trx.updateTable('units').set(columns(unit)).where('id', '=', unitId).execute();
    } else {
      unitId = (await trx.insertInto('units').values({ preset_key: null, ...columns(unit) }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const { id: officerId } = await trx.insertInto('officers').values({
      unit_id: unitId, full_name: admin.fullName, rank: admin.rank, role: admin.roles[0] ?? '', active: 1, login: admin.login,
      password_hash: admin.passwordHash, roles: admin.roles.join(' '),
    }).returning('id').executeTakeFirstOrThrow();
    return { unitId, officerId };
  });
}
/** The advisory lock's number for the first run (any constant the station uses for nothing else). */
const FIRST_RUN_LOCK = 7_411_001;

// Officers as the admin screen lists and keeps them.

export interface OfficerRow { id: number; fullName: string; rank: string; roles: string[]; active: boolean; login: string | null; holdsKey: boolean }

export async function listUnitOfficers(db: Db, unitId: number): Promise<OfficerRow[]> {
  const rows = await db.selectFrom('officers')
    .select((eb) => ['id', 'full_name', 'rank', 'roles', 'active', 'login',
      eb.exists(eb.selectFrom('key_wraps').select('key_wraps.officer_id').whereRef('key_wraps.officer_id', '=', 'officers.id')).as('holds_key')])
    .where('unit_id', '=', unitId).orderBy('active', 'desc').orderBy('full_name').execute();
  return rows.map((r) => ({
    id: r.id, fullName: r.full_name, rank: r.rank, roles: r.roles.split(' ').filter(Boolean), active: r.active === 1,
    login: r.login, holdsKey: Boolean(r.holds_key),
  }));
}

/** Thrown inside saveOfficer's transaction (which it undoes) when the change would leave no active admin who can sign in. */
export class LastAdminError extends Error {}
/** Thrown inside saveOfficer's transaction when another officer has the login. */
export class LoginTakenError extends Error {}

/** The advisory lock's number for changes to officers on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises them). */
const OFFICERS_LOCK = 7_411_002;

export interface OfficerValues { fullName: string; rank: string; roles: string[]; active: boolean }

/**
 * Creates (id null) or edits an officer of the unit, with their account when credentials come (hashed and wrapped
 * before: no slow work here), in one transaction. The station always keeps an active admin who can sign in and
 * holds the data key; two desks changing officers at once on PostgreSQL take turns so neither can remove the last.
 * Returns the id and the officer as they were (null: new), or null when the unit has no such officer.
 */
export async function saveOfficer(db: Db, unitId: number, id: number | null, o: OfficerValues, credentials: Credentials | null) {
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${OFFICERS_LOCK})`.execute(trx);
    if (credentials) {
      const taken = await trx.selectFrom('officers').select('id').where('login', '=', credentials.login).executeTakeFirst();
      if (taken && taken.id !== id) throw new LoginTakenError();
    }
    const values = { full_name: o.fullName, rank: o.rank, roles: o.roles.join(' '), role: o.roles[0] ?? '', active: Number(o.active) };
    let before: (OfficerValues & { login: string | null }) | null = null;
    if (id === null) {
      id = (await trx.insertInto('officers').values({ unit_id: unitId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const row = await trx.selectFrom('officers').select(['full_name', 'rank', 'roles', 'active', 'login']).where('id', '=', id).where('unit_id', '=', unitId).executeTakeFirst();
      if (!row) return null;
      before = { fullName: row.full_name, rank: row.rank, roles: row.roles.split(' ').filter(Boolean), active: row.active === 1, login: row.login };
      await trx.updateTable('officers').set(values).where('id', '=', id).execute();
    }
    if (credentials) await writeCredentials(trx, id, credentials);
    const admin = await trx.selectFrom('officers').select('officers.id')
      .where('active', '=', 1).where('password_hash', 'is not', null).where(sql<boolean>`' ' || roles || ' ' like '% admin %'`)
      .where((eb) => eb.exists(eb.selectFrom('key_wraps').select('key_wraps.officer_id').whereRef('key_wraps.officer_id', '=', 'officers.id')))
      .limit(1).executeTakeFirst();
    if (!admin) throw new LastAdminError();
    return { id, before };
  });
}
