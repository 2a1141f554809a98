import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../connection';
import type { Database } from '../schema';

// The statistics' counts, each one query over the facts (migration 0016, db/queries/facts.ts). A scope is a unit, a
// period of station days (inclusive) and the screen's filters; what was received counts by the day it was received,
// what was decided by the day of its decision. PostgreSQL returns counts and sums as text: each is made a number here.

export interface StatsScope {
  unitId: number;
  from: string;
  to: string;
  communeCode: string | null;
  violationCode: string | null;
  channel: string | null;
  /** An outcome move ('sanction', 'forward'…), or 'pending' for reports not decided. */
  outcome: string | null;
}

export interface Count { key: string; n: number }

type Facts = ExpressionBuilder<Database & { f: Database['report_facts'] }, 'f'>;

const num = (v: unknown): number => Number(v ?? 0);

/** The filters on the facts besides the period: commune, channel, outcome, a violation type among the report's. */
function filtered(s: StatsScope, day: 'day' | 'decided_day') {
  return (eb: Facts) => {
    const and = [eb('f.unit_id', '=', s.unitId), eb(`f.${day}`, '>=', s.from), eb(`f.${day}`, '<=', s.to)];
    if (s.communeCode !== null) and.push(eb('f.commune_code', '=', s.communeCode));
    if (s.channel !== null) and.push(eb('f.channel', '=', s.channel));
    if (s.outcome !== null) and.push(eb('f.outcome', '=', s.outcome === 'pending' ? '' : s.outcome));
    if (s.violationCode !== null) {
      and.push(eb('f.report_id', 'in', eb.selectFrom('report_fact_items as v').select('v.report_id')
        .where('v.unit_id', '=', s.unitId).where('v.dim', '=', 'violation').where('v.value', '=', s.violationCode)));
    }
    return eb.and(and);
  };
}

/** Reports received each day of the period (days with none left out). */
export async function receivedByDay(db: Db, s: StatsScope): Promise<Count[]> {
  const rows = await db.selectFrom('report_facts as f').select(['f.day as key', (eb) => eb.fn.countAll().as('n')])
    .where(filtered(s, 'day')).groupBy('f.day').orderBy('f.day').execute();
  return rows.map((r) => ({ key: r.key, n: num(r.n) }));
}

/** Reports received in the period by channel, commune or outcome ('' for not decided). */
export async function receivedBy(db: Db, s: StatsScope, column: 'channel' | 'commune_code' | 'outcome'): Promise<Count[]> {
  const rows = await db.selectFrom('report_facts as f').select([`f.${column} as key`, (eb) => eb.fn.countAll().as('n')])
    .where(filtered(s, 'day')).groupBy(`f.${column}`).orderBy('n', 'desc').orderBy(`f.${column}`).execute();
  return rows.map((r) => ({ key: String(r.key), n: num(r.n) }));
}

/** Reports received by weekday (0 Monday) and hour of the station's day. */
export async function receivedByWeekHour(db: Db, s: StatsScope): Promise<{ weekday: number; hour: number; n: number }[]> {
  const rows = await db.selectFrom('report_facts as f').select(['f.weekday', 'f.hour', (eb) => eb.fn.countAll().as('n')])
    .where(filtered(s, 'day')).groupBy(['f.weekday', 'f.hour']).execute();
  return rows.map((r) => ({ weekday: num(r.weekday), hour: num(r.hour), n: num(r.n) }));
}

/** A filter besides the period (a report with the chosen violation type counts its other types too). */
const narrows = (s: StatsScope) => s.communeCode !== null || s.channel !== null || s.outcome !== null || s.violationCode !== null;

/**
 * The items of a kind received in the period, grouped by value. Without a filter on the facts, the items alone
 * answer, in their index's order; with one, only the items of the reports it keeps.
 */
function itemsBy(db: Db, s: StatsScope, dim: 'violation' | 'vehicle' | 'plate', minimum: number) {
  const q = db.selectFrom('report_fact_items as i')
    .where('i.unit_id', '=', s.unitId).where('i.dim', '=', dim).where('i.day', '>=', s.from).where('i.day', '<=', s.to)
    .$if(narrows(s), (qb) => qb.where('i.report_id', 'in', db.selectFrom('report_facts as f').select('f.report_id').where(filtered(s, 'day'))))
    .groupBy('i.value');
  return minimum > 1 ? q.having((eb) => eb.fn.countAll(), '>=', minimum) : q;
}

/**
 * Reports received in the period by a fact they may have several of (a report with a car and a motorbike counts
 * once for each class); with `minimum`, only values reported that many times (repeat plates).
 */
export async function receivedByItem(db: Db, s: StatsScope, dim: 'violation' | 'vehicle' | 'plate', minimum = 1, limit = 1000): Promise<Count[]> {
  const rows = await itemsBy(db, s, dim, minimum).select(['i.value as key', (eb) => eb.fn.countAll().as('n')])
    .orderBy('n', 'desc').orderBy('i.value').limit(limit).execute();
  return rows.map((r) => ({ key: r.key, n: num(r.n) }));
}

/** How many values were reported at least `minimum` times in the period (the list above stops at its limit). */
export async function itemCount(db: Db, s: StatsScope, dim: 'violation' | 'vehicle' | 'plate', minimum = 1): Promise<number> {
  const inner = itemsBy(db, s, dim, minimum).select('i.value');
  const row = await db.selectFrom(inner.as('p')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return num(row.n);
}

export interface Decided {
  outcome: string;
  n: number;
  /** Of these, decided with a verification clock, and how many within its deadline. */
  timed: number;
  inTime: number;
  fineVnd: number;
  rewardVnd: number;
}

/** Reports decided in the period (by the day of the decision), by outcome: fines, proposed rewards, deadlines kept. */
export async function decidedBy(db: Db, s: StatsScope): Promise<Decided[]> {
  const rows = await db.selectFrom('report_facts as f')
    .select((eb) => [
      'f.outcome', eb.fn.countAll().as('n'), eb.fn.count('f.in_time').as('timed'), eb.fn.sum('f.in_time').as('in_time'),
      eb.fn.sum('f.fine_vnd').as('fine'), eb.fn.sum('f.reward_vnd').as('reward'),
    ])
    .where(filtered(s, 'decided_day')).where('f.outcome', '<>', '').groupBy('f.outcome').orderBy('f.outcome').execute();
  return rows.map((r) => ({
    outcome: r.outcome, n: num(r.n), timed: num(r.timed), inTime: num(r.in_time), fineVnd: num(r.fine), rewardVnd: num(r.reward),
  }));
}

/** How the plates of these keys were written (the latest report's way), for showing them. */
export async function platesOfKeys(db: Db, unitId: number, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('vehicles as v').innerJoin('reports as r', 'r.id', 'v.report_id')
    .select(['v.plate_key', 'v.plate_canonical']).where('r.unit_id', '=', unitId).where('v.plate_key', 'in', keys).orderBy('v.report_id').execute();
  return new Map(rows.map((r) => [r.plate_key, r.plate_canonical]));
}

/** The ids of the reports a scope keeps (received in the period, with the filters), in the order received; at most `limit`. */
export async function reportIdsInScope(db: Db, s: StatsScope, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('report_facts as f').select('f.report_id').where(filtered(s, 'day'))
    .orderBy('f.day').orderBy('f.report_id').limit(limit).execute();
  return rows.map((r) => r.report_id);
}
