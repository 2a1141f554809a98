import { PostgresAdapter, type Selectable, sql } from 'kysely';
import type { Db } from '../connection';
import type { UnitsTable } from '../schema';

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
}

const columns = (u: UnitValues) => ({
  name: u.name, parent_name: u.parentName === '' ? null : u.parentName, province_code: u.provinceCode, commune_code: u.communeCode,
  address: u.address, place_name: u.placeName, document_symbol: u.documentSymbol, drafting_symbol: u.draftingSymbol,
  prints_ranks: Number(u.printsRanks), head_title: u.headTitle, deputy_title: u.deputyTitle, hotlines: JSON.stringify(u.hotlines),
  email: u.email, zalo: u.zalo, fanpage: u.fanpage, vnetraffic: u.vnetraffic,
});

function unitOf(r: Selectable<UnitsTable>) {
  return {
    id: r.id, name: r.name, parentName: r.parent_name, address: r.address, hotlines: JSON.parse(r.hotlines) as string[],
    documentSymbol: r.document_symbol, draftingSymbol: r.drafting_symbol, printsRanks: r.prints_ranks === 1, provinceCode: r.province_code,
    communeCode: r.commune_code, placeName: r.place_name, headTitle: r.head_title, deputyTitle: r.deputy_title, email: r.email,
    zalo: r.zalo, fanpage: r.fanpage, vnetraffic: r.vnetraffic,
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
 * The first run: the unit and its admin, made together only while no account exists, in one transaction two
 * desks starting at once cannot both pass (SQLite's BEGIN IMMEDIATE; on PostgreSQL a transaction-scoped advisory
 * lock, there being no row yet to lock). Returns null when another desk set the station up meanwhile.
 */
export async function setUpStation(db: Db, unit: UnitValues, admin: { fullName: string; rank: string; login: string; passwordHash: string; roles: string[] }) {
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${FIRST_RUN_LOCK})`.execute(trx);
    const any = await trx.selectFrom('officers').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst();
    if (any) return null;
    const { id: unitId } = await trx.insertInto('units').values({ preset_key: null, ...columns(unit) }).returning('id').executeTakeFirstOrThrow();
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

/** Creates (id null) or edits an officer of the unit; returns the id (null: no such officer in the unit). The station always keeps one admin who can sign in. */
export async function saveOfficer(db: Db, unitId: number, o: { id: number | null; fullName: string; rank: string; roles: string[]; active: boolean }): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const values = { full_name: o.fullName, rank: o.rank, roles: o.roles.join(' '), role: o.roles[0] ?? '', active: Number(o.active) };
    let id = o.id;
    if (id === null) {
      id = (await trx.insertInto('officers').values({ unit_id: unitId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const changed = await trx.updateTable('officers').set(values).where('id', '=', id).where('unit_id', '=', unitId).executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return null;
    }
    const admins = await trx.selectFrom('officers').select('id').where('active', '=', 1).where('password_hash', 'is not', null)
      .where(sql<boolean>`' ' || roles || ' ' like '% admin %'`).limit(1).executeTakeFirst();
    if (!admins) throw new LastAdminError();
    return id;
  });
}
