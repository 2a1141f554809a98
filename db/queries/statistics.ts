import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../connection';
import { addAuditEvent } from './audit';
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

/** A filter besides the period (a report with the chosen violation type counts its other types too). */
const narrows = (s: StatsScope) => s.communeCode !== null || s.channel !== null || s.outcome !== null || s.violationCode !== null;

/** The day counts of one fact over the period (a period with no other filter: the counts answer, not the reports). */
function counts(db: Db, s: StatsScope, dim: string) {
  return db.selectFrom('report_counts as c').where('c.unit_id', '=', s.unitId).where('c.dim', '=', dim)
    .where('c.day', '>=', s.from).where('c.day', '<=', s.to);
}

const sorted = (rows: { key: unknown; n: unknown }[]): Count[] =>
  rows.map((r) => ({ key: String(r.key), n: num(r.n) })).sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Reports received each day of the period (days with none left out). */
export async function receivedByDay(db: Db, s: StatsScope): Promise<Count[]> {
  const rows = narrows(s)
    ? await db.selectFrom('report_facts as f').select(['f.day as key', (eb) => eb.fn.countAll().as('n')]).where(filtered(s, 'day')).groupBy('f.day').execute()
    : await counts(db, s, 'channel').select(['c.day as key', (eb) => eb.fn.sum('c.n').as('n')]).groupBy('c.day').execute();
  return rows.map((r) => ({ key: r.key, n: num(r.n) })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

const DIM = { channel: 'channel', commune_code: 'commune', outcome: 'outcome' } as const;

/** Reports received in the period by channel, commune or outcome ('' for not decided), most first. */
export async function receivedBy(db: Db, s: StatsScope, column: 'channel' | 'commune_code' | 'outcome'): Promise<Count[]> {
  return sorted(narrows(s)
    ? await db.selectFrom('report_facts as f').select([`f.${column} as key`, (eb) => eb.fn.countAll().as('n')]).where(filtered(s, 'day')).groupBy(`f.${column}`).execute()
    : await counts(db, s, DIM[column]).select(['c.value as key', (eb) => eb.fn.sum('c.n').as('n')]).groupBy('c.value').execute());
}

type WeekHour = { weekday: number; hour: number; n: number };

/** Reports received by weekday (0 Monday) and hour of the station's day, in that order. */
export async function receivedByWeekHour(db: Db, s: StatsScope): Promise<WeekHour[]> {
  let cells: WeekHour[];
  if (narrows(s)) {
    const rows = await db.selectFrom('report_facts as f').select(['f.weekday', 'f.hour', (eb) => eb.fn.countAll().as('n')])
      .where(filtered(s, 'day')).groupBy(['f.weekday', 'f.hour']).execute();
    cells = rows.map((r) => ({ weekday: num(r.weekday), hour: num(r.hour), n: num(r.n) }));
  } else {
    const rows = await counts(db, s, 'weekhour').select(['c.value', (eb) => eb.fn.sum('c.n').as('n')]).groupBy('c.value').execute();
    cells = rows.map((r) => {
      const [weekday, hour] = r.value.split(':').map(Number) as [number, number];
      return { weekday, hour, n: num(r.n) };
    });
  }
  return cells.sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

/** The items of a kind received in the period (only those of the reports the filters keep), grouped by value. */
function itemsBy(db: Db, s: StatsScope, dim: 'violation' | 'vehicle' | 'repeat', minimum: number) {
  const q = db.selectFrom('report_fact_items as i')
    .where('i.unit_id', '=', s.unitId).where('i.dim', '=', dim).where('i.day', '>=', s.from).where('i.day', '<=', s.to)
    .$if(narrows(s), (qb) => qb.where('i.report_id', 'in', db.selectFrom('report_facts as f').select('f.report_id').where(filtered(s, 'day'))))
    .groupBy('i.value');
  return minimum > 1 ? q.having((eb) => eb.fn.countAll(), '>=', minimum) : q;
}

/** Reports received in the period by a violation type or vehicle class (a report with a car and a motorbike counts once for each). */
export async function receivedByItem(db: Db, s: StatsScope, dim: 'violation' | 'vehicle'): Promise<Count[]> {
  return sorted(narrows(s)
    ? await itemsBy(db, s, dim, 1).select(['i.value as key', (eb) => eb.fn.countAll().as('n')]).execute()
    : await counts(db, s, dim).select(['c.value as key', (eb) => eb.fn.sum('c.n').as('n')]).groupBy('c.value').execute());
}

/** Plates reported twice or more in the period, most first (at most `limit`), counted among the unit's repeat plates only. */
export async function repeatPlates(db: Db, s: StatsScope, limit: number): Promise<Count[]> {
  const rows = await itemsBy(db, s, 'repeat', 2).select(['i.value as key', (eb) => eb.fn.countAll().as('n')])
    .orderBy('n', 'desc').orderBy('i.value').limit(limit).execute();
  return rows.map((r) => ({ key: r.key, n: num(r.n) }));
}

/** How many plates were reported twice or more in the period (the list above stops at its limit). */
export async function repeatPlateCount(db: Db, s: StatsScope): Promise<number> {
  const row = await db.selectFrom(itemsBy(db, s, 'repeat', 2).select('i.value').as('p')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
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
  const rows = narrows(s)
    ? await db.selectFrom('report_facts as f')
      .select((eb) => [
        'f.outcome', eb.fn.countAll().as('n'), eb.fn.count('f.in_time').as('timed'), eb.fn.sum('f.in_time').as('in_time'),
        eb.fn.sum('f.fine_vnd').as('fine'), eb.fn.sum('f.reward_vnd').as('reward'),
      ])
      .where(filtered(s, 'decided_day')).where('f.outcome', '<>', '').groupBy('f.outcome').execute()
    : await db.selectFrom('decided_counts as d')
      .select((eb) => [
        'd.outcome', eb.fn.sum('d.n').as('n'), eb.fn.sum('d.timed').as('timed'), eb.fn.sum('d.in_time').as('in_time'),
        eb.fn.sum('d.fine_vnd').as('fine'), eb.fn.sum('d.reward_vnd').as('reward'),
      ])
      .where('d.unit_id', '=', s.unitId).where('d.day', '>=', s.from).where('d.day', '<=', s.to).groupBy('d.outcome').execute();
  return rows.map((r) => ({
    outcome: r.outcome, n: num(r.n), timed: num(r.timed), inTime: num(r.in_time), fineVnd: num(r.fine), rewardVnd: num(r.reward),
  })).sort((a, b) => (a.outcome < b.outcome ? -1 : 1));
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

export interface RewardRow {
  reportId: number;
  code: string;
  decidedDay: string;
  fineVnd: number;
  proposedVnd: number;
  /** 'proposed' until a leader approves it. */
  status: string;
  amountVnd: number;
  note: string;
  anonymous: boolean;
  reporterId: number | null;
  /** The sanction move's record (its decision number). */
  sanction: Record<string, unknown>;
  /** False for a reward paid on a sanction since reopened: the money went out, the list keeps saying so. */
  standing: boolean;
}

const SANCTION_MOVE = (eb: ExpressionBuilder<Database & { f: Database['report_facts'] }, 'f'>) => eb.selectFrom('report_moves as m').select('m.detail')
  .whereRef('m.report_id', '=', 'f.report_id').where('m.move', '=', 'sanction').orderBy('m.id', 'desc').limit(1).as('sanction');

/**
 * The sanctions decided in the period that still stand, with a fine: each one's proposed reward and where it stands;
 * and the rewards paid in the period on sanctions reopened since (as they were when approved).
 */
export async function rewardRows(db: Db, unitId: number, from: string, to: string, reportId?: number): Promise<RewardRow[]> {
  const standing = await db.selectFrom('report_facts as f')
    .innerJoin('reports as r', 'r.id', 'f.report_id')
    .leftJoin('rewards as w', 'w.report_id', 'f.report_id')
    .select(['f.report_id', 'r.code', 'f.decided_day', 'f.fine_vnd', 'f.reward_vnd', 'w.status', 'w.amount_vnd', 'w.note', 'r.anonymous', 'r.reporter_id', SANCTION_MOVE])
    .where('f.unit_id', '=', unitId).where('f.outcome', '=', 'sanction').where('f.decided_day', '>=', from).where('f.decided_day', '<=', to)
    .where('f.fine_vnd', 'is not', null).$if(reportId !== undefined, (qb) => qb.where('f.report_id', '=', reportId!))
    .execute();
  const reopened = await db.selectFrom('rewards as w')
    .innerJoin('report_facts as f', 'f.report_id', 'w.report_id').innerJoin('reports as r', 'r.id', 'w.report_id')
    .select(['f.report_id', 'r.code', 'w.decided_day', 'w.fine_vnd', 'w.amount_vnd', 'w.status', 'w.note', 'r.anonymous', 'r.reporter_id', SANCTION_MOVE])
    .where('f.unit_id', '=', unitId).where('w.status', '=', 'paid').where('w.decided_day', '>=', from).where('w.decided_day', '<=', to)
    .where((eb) => eb.or([eb('f.outcome', '<>', 'sanction'), eb('f.fine_vnd', 'is', null)]))
    .$if(reportId !== undefined, (qb) => qb.where('f.report_id', '=', reportId!))
    .execute();
  const detail = (text: string | null) => (text ? JSON.parse(text) as Record<string, unknown> : {});
  return [
    ...standing.map((r) => ({
      reportId: r.report_id, code: r.code, decidedDay: r.decided_day!, fineVnd: num(r.fine_vnd), proposedVnd: num(r.reward_vnd),
      status: r.status ?? 'proposed', amountVnd: r.amount_vnd === null ? num(r.reward_vnd) : num(r.amount_vnd), note: r.note ?? '',
      anonymous: r.anonymous === 1, reporterId: r.reporter_id, sanction: detail(r.sanction), standing: true,
    })),
    ...reopened.map((r) => ({
      reportId: r.report_id, code: r.code, decidedDay: r.decided_day, fineVnd: num(r.fine_vnd), proposedVnd: num(r.amount_vnd), status: r.status,
      amountVnd: num(r.amount_vnd), note: r.note, anonymous: r.anonymous === 1, reporterId: r.reporter_id, sanction: detail(r.sanction), standing: false,
    })),
  ].sort((a, b) => (a.decidedDay < b.decidedDay ? -1 : a.decidedDay > b.decidedDay ? 1 : a.reportId - b.reportId));
}

/**
 * Records a reward's new status if it is still as it was read (another desk may have moved it, the sanction may have
 * been reopened meanwhile), with its audit line, in one transaction. Each step is one statement that says whether it
 * applied: no two desks both pass. An approval keeps the sanction's day and fine as they were.
 */
export async function setRewardStatus(db: Db, r: {
  reportId: number; from: { status: string; amountVnd: number }; status: string; amountVnd: number; note: string; at: string; by: number;
  detail: Record<string, unknown>;
}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const values = { status: r.status, amount_vnd: r.amountVnd, note: r.note, updated_at: r.at, updated_by: r.by };
    let applied: bigint | undefined;
    if (r.from.status === 'proposed') {
      applied = (await trx.insertInto('rewards').columns(['report_id', 'status', 'amount_vnd', 'note', 'updated_at', 'updated_by', 'decided_day', 'fine_vnd'])
        .expression(trx.selectFrom('report_facts').select([
          'report_id', sql<string>`${r.status}`.as('status'), sql<number>`${r.amountVnd}`.as('amount_vnd'), sql<string>`${r.note}`.as('note'),
          sql<string>`${r.at}`.as('updated_at'), sql<number>`${r.by}`.as('updated_by'), 'decided_day', 'fine_vnd',
        ]).where('report_id', '=', r.reportId).where('outcome', '=', 'sanction').where('fine_vnd', 'is not', null))
        .onConflict((oc) => oc.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows;
    } else if (r.status === 'proposed') {
      applied = (await trx.deleteFrom('rewards').where('report_id', '=', r.reportId).where('status', '=', r.from.status).executeTakeFirst()).numDeletedRows;
    } else {
      applied = (await trx.updateTable('rewards').set(values).where('report_id', '=', r.reportId).where('status', '=', r.from.status)
        .where('amount_vnd', '=', r.from.amountVnd).executeTakeFirst()).numUpdatedRows;
    }
    if (!applied) return false;
    await addAuditEvent(trx, { at: r.at, officerId: r.by, reportId: r.reportId, action: 'reward.status', detail: r.detail });
    return true;
  });
}

/**
 * The reporters whose reports led to sanctions decided in the period, most first: one person across their reports (by
 * the blind index of their identity number, else of their phone), the report to open their identity from, the count.
 */
export async function commendedReporters(db: Db, unitId: number, from: string, to: string, limit: number) {
  const person = sql<string>`coalesce(nullif(p.cccd_mac, ''), nullif(p.phone_mac, ''), ${sql.lit('r')} || p.id)`;
  const rows = await db.selectFrom('report_facts as f').innerJoin('reports as r', 'r.id', 'f.report_id').innerJoin('reporters as p', 'p.id', 'r.reporter_id')
    .select((eb) => [person.as('person'), eb.fn.min('r.id').as('report_id'), eb.fn.min('p.id').as('reporter_id'), eb.fn.countAll().as('n'), eb.fn.sum('f.fine_vnd').as('fines')])
    .where('f.unit_id', '=', unitId).where('f.outcome', '=', 'sanction').where('f.decided_day', '>=', from).where('f.decided_day', '<=', to)
    .where('r.anonymous', '=', 0)
    .groupBy(person).orderBy('n', 'desc').orderBy('fines', 'desc').orderBy('report_id').limit(limit).execute();
  return rows.map((r) => ({ reportId: num(r.report_id), reporterId: num(r.reporter_id), n: num(r.n), fineVnd: num(r.fines) }));
}

/** Each officer's reports received and decided in the period (from the day counts), the most decided first. */
export async function officerWork(db: Db, unitId: number, from: string, to: string) {
  const received = await db.selectFrom('report_counts').select(['value', (eb) => eb.fn.sum('n').as('n')])
    .where('unit_id', '=', unitId).where('dim', '=', 'officer').where('day', '>=', from).where('day', '<=', to).groupBy('value').execute();
  const decided = await db.selectFrom('decided_counts').select(['officer_id', (eb) => eb.fn.sum('n').as('n')])
    .where('unit_id', '=', unitId).where('day', '>=', from).where('day', '<=', to).groupBy('officer_id').execute();
  const officers = await db.selectFrom('officers').select(['id', 'full_name', 'rank']).where('unit_id', '=', unitId).execute();
  return officers.map((o) => ({
    name: o.full_name, rank: o.rank, received: num(received.find((r) => r.value === String(o.id))?.n), decided: num(decided.find((r) => r.officer_id === o.id)?.n),
  })).filter((o) => o.received + o.decided > 0).sort((a, b) => b.decided - a.decided || b.received - a.received || (a.name < b.name ? -1 : 1));
}

/** The rewards of the sanctions decided in the period, by status: how many, and the amounts proposed and set. */
export async function rewardTotals(db: Db, unitId: number, from: string, to: string) {
  const rows = await db.selectFrom('report_facts as f').leftJoin('rewards as w', 'w.report_id', 'f.report_id')
    .select((eb) => [eb.fn.coalesce('w.status', sql.lit('proposed')).as('status'), eb.fn.countAll().as('n'), eb.fn.sum('f.reward_vnd').as('proposed'),
      eb.fn.sum(eb.fn.coalesce('w.amount_vnd', 'f.reward_vnd')).as('amount')])
    .where('f.unit_id', '=', unitId).where('f.outcome', '=', 'sanction').where('f.decided_day', '>=', from).where('f.decided_day', '<=', to)
    .where('f.fine_vnd', 'is not', null).groupBy(eb => eb.fn.coalesce('w.status', sql.lit('proposed'))).execute();
  const of = (status: string) => {
    const r = rows.find((x) => x.status === status);
    return { n: num(r?.n), proposedVnd: num(r?.proposed), amountVnd: num(r?.amount) };
  };
  return { proposed: of('proposed'), approved: of('approved'), paid: of('paid') };
}
