import type { WorkingCalendar } from '../../electron/contract/domain/calendar';
import { type Rules, verificationDeadline } from '../../electron/contract/domain/deadlines';
import { rewardEstimate } from '../../electron/contract/domain/reward';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { outcomeMoves } from '../../electron/contract/domain/workflow';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../connection';
import { inChunks } from '../prepared';

// The facts statistics count (migration 0016), derived here and only here from the report's own rows, inside the
// transaction that changed them: a report's insert, each of its moves, a commune renumbered. The deadline and the
// reward are judged with the rules and calendar of the moment of the decision, as they stood then.

export interface Judge { rules: Rules; calendar: WorkingCalendar }

const BEFORE_OUTCOME = new Set(['received', 'dispatched', 'verifying']);

/** (Re)writes the facts of these reports. `judge` is needed once a report has an outcome (null for a new report). */
export async function writeFacts(db: Db, ids: number[], judge: Judge | null): Promise<void> {
  await lockCounts(db);
  for (const part of inChunks(ids)) {
    const reports = await db.selectFrom('reports as r').leftJoin('locations as l', 'l.report_id', 'r.id')
      .select(['r.id', 'r.unit_id', 'r.received_at', 'r.channel', 'r.status', 'r.accepted_at', 'r.complex', 'l.commune_code'])
      .where('r.id', 'in', part).execute();
    const outcomes = new Map<number, { move: string; at: string; detail: Record<string, unknown> }>();
    for (const m of await db.selectFrom('report_moves').select(['report_id', 'move', 'at', 'detail'])
      .where('report_id', 'in', part).where('move', 'in', outcomeMoves).orderBy('id').execute()) {
      outcomes.set(m.report_id, { move: m.move, at: m.at, detail: JSON.parse(m.detail) as Record<string, unknown> });
    }
    const items = new Map<number, Set<string>>();
    const add = (id: number, dim: string, value: string) => {
      if (value) (items.get(id) ?? items.set(id, new Set()).get(id)!).add(`${dim}\u0000${value}`);
    };
    for (const v of await db.selectFrom('report_violations').select(['report_id', 'violation_code']).where('report_id', 'in', part).execute()) {
      add(v.report_id, 'violation', v.violation_code);
    }
    for (const v of await db.selectFrom('vehicles').select(['report_id', 'vehicle_type', 'plate_key']).where('report_id', 'in', part).execute()) {
      add(v.report_id, 'vehicle', v.vehicle_type);
      add(v.report_id, 'plate', v.plate_key);
    }

    const facts = reports.map((r) => {
      const local = utcIsoToLocal(r.received_at);
      const day = local.slice(0, 10);
      const o = BEFORE_OUTCOME.has(r.status) ? undefined : outcomes.get(r.id);
      const fine = o?.move === 'sanction' && typeof o.detail.fineVnd === 'number' ? o.detail.fineVnd : null;
      const decidedDay = !o ? null : o.move === 'sanction' && typeof o.detail.decisionDate === 'string' ? o.detail.decisionDate : utcIsoToLocal(o.at).slice(0, 10);
      if (o && !judge) throw new Error(`writeFacts: report ${r.id} has an outcome and no rules to judge it by`);
      return {
        unit_id: r.unit_id, day, report_id: r.id,
        weekday: (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7, hour: Number(local.slice(11, 13)),
        channel: r.channel, commune_code: r.commune_code ?? '', status: r.status, outcome: o?.move ?? '', decided_day: decidedDay,
        fine_vnd: fine, reward_vnd: fine !== null && judge ? rewardEstimate(judge.rules, fine, decidedDay!) : null,
        in_time: o && judge && r.accepted_at
          ? Number(o.at <= verificationDeadline(judge.rules, r.accepted_at, r.complex === 1, new Date(o.at), judge.calendar).dueAt) : null,
      };
    });
    // The days whose counts change: of reception (it never moves) and of the decisions before and after.
    const before = await db.selectFrom('report_facts').select(['unit_id', 'decided_day']).where('report_id', 'in', part).where('decided_day', 'is not', null).execute();
    await db.deleteFrom('report_fact_items').where('report_id', 'in', part).execute();
    await db.deleteFrom('report_facts').where('report_id', 'in', part).execute();
    // Two desks catching up at once derive the same rows: the second one's are already there.
    if (facts.length > 0) await db.insertInto('report_facts').values(facts).onConflict((oc) => oc.doNothing()).execute();
    const rows = facts.flatMap((f) => [...(items.get(f.report_id) ?? [])].map((key) => {
      const [dim, value] = key.split('\u0000') as [string, string];
      return { unit_id: f.unit_id, dim, value, day: f.day, report_id: f.report_id };
    }));
    for (const chunk of inChunks(rows)) await db.insertInto('report_fact_items').values(chunk).onConflict((oc) => oc.doNothing()).execute();
    for (const [unitId, days] of byUnit([...facts.map((f) => [f.unit_id, f.day] as const)])) {
      await markRepeats(db, unitId, [...new Set(rows.filter((r) => r.unit_id === unitId && r.dim === 'plate').map((r) => r.value))]);
      await recount(db, unitId, days);
    }
    const decided = [...before, ...facts].filter((f) => f.decided_day !== null).map((f) => [f.unit_id, f.decided_day!] as const);
    for (const [unitId, days] of byUnit(decided)) await recountDecided(db, unitId, days);
  }
}

function byUnit(pairs: (readonly [number, string])[]): Map<number, string[]> {
  const out = new Map<number, Set<string>>();
  for (const [unit, day] of pairs) (out.get(unit) ?? out.set(unit, new Set()).get(unit)!).add(day);
  return new Map([...out].map(([unit, days]) => [unit, [...days]]));
}

/** A plate the unit holds two reports of is a repeat plate: every report of it gets a 'repeat' item (never taken back). */
async function markRepeats(db: Db, unitId: number, keys: string[]): Promise<void> {
  for (const part of inChunks(keys)) {
    const repeated = db.selectFrom('report_fact_items').select('value')
      .where('unit_id', '=', unitId).where('dim', '=', 'plate').where('value', 'in', part).groupBy('value').having((eb) => eb.fn.countAll(), '>=', 2);
    await db.insertInto('report_fact_items').columns(['unit_id', 'dim', 'value', 'day', 'report_id'])
      .expression(db.selectFrom('report_fact_items').select(['unit_id', sql.lit('repeat').as('dim'), 'value', 'day', 'report_id'])
        .where('unit_id', '=', unitId).where('dim', '=', 'plate').where('value', 'in', repeated))
      .onConflict((oc) => oc.doNothing()).execute();
  }
}

/**
 * On PostgreSQL, desks writing facts take turns until their transaction ends: two recounting the same day at once
 * would both insert its counts. (SQLite's one writer already makes them take turns.)
 */
async function lockCounts(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${COUNTS_LOCK})`.execute(db);
}
/** The advisory lock's number for the facts and counts (any constant the station uses for nothing else). */
const COUNTS_LOCK = 7_411_003;

/** Recounts these days' reports by each fact, from the day's facts (report_counts). In a transaction. */
export async function recount(db: Db, unitId: number, days: string[]): Promise<void> {
  await lockCounts(db);
  for (const part of inChunks(days)) {
    await db.deleteFrom('report_counts').where('unit_id', '=', unitId).where('day', 'in', part).execute();
    const facts = db.selectFrom('report_facts').where('unit_id', '=', unitId).where('day', 'in', part);
    const columns = ['unit_id', 'dim', 'day', 'value', 'n'] as const;
    for (const [dim, value] of [['channel', sql<string>`channel`], ['commune', sql<string>`commune_code`], ['outcome', sql<string>`outcome`],
      ['weekhour', sql<string>`weekday || ':' || hour`]] as const) {
      await db.insertInto('report_counts').columns(columns)
        .expression(facts.select((eb) => [sql.lit(unitId).as('unit_id'), sql.lit(dim).as('dim'), 'day', value.as('value'), eb.fn.countAll<number>().as('n')])
          .groupBy(['day', value]))
        .execute();
    }
    await db.insertInto('report_counts').columns(columns)
      .expression(db.selectFrom('report_fact_items').select((eb) => [sql.lit(unitId).as('unit_id'), 'dim', 'day', 'value', eb.fn.countAll<number>().as('n')])
        .where('unit_id', '=', unitId).where('dim', 'in', ['violation', 'vehicle']).where('day', 'in', part).groupBy(['dim', 'day', 'value']))
      .execute();
  }
}

/** Recounts the decisions of these days by outcome (decided_counts). */
async function recountDecided(db: Db, unitId: number, days: string[]): Promise<void> {
  for (const part of inChunks(days)) {
    await db.deleteFrom('decided_counts').where('unit_id', '=', unitId).where('day', 'in', part).execute();
    await db.insertInto('decided_counts').columns(['unit_id', 'day', 'outcome', 'n', 'timed', 'in_time', 'fine_vnd', 'reward_vnd'])
      .expression(db.selectFrom('report_facts').select((eb) => [
        'unit_id', 'decided_day as day', 'outcome', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('in_time').as('timed'),
        eb.fn.coalesce(eb.fn.sum<number>('in_time'), sql.lit(0)).as('in_time'), eb.fn.coalesce(eb.fn.sum<number>('fine_vnd'), sql.lit(0)).as('fine_vnd'),
        eb.fn.coalesce(eb.fn.sum<number>('reward_vnd'), sql.lit(0)).as('reward_vnd'),
      ]).where('unit_id', '=', unitId).where('decided_day', 'in', part).where('outcome', '<>', '').groupBy(['unit_id', 'decided_day', 'outcome']))
      .execute();
  }
}

/**
 * Reports with no facts yet (kept by a version before statistics, or written by a desk on one): a batch of ids, in the
 * order received, so a batch's days are few and their counts are recounted once or twice, not at every batch.
 */
export async function reportsWithoutFacts(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('reports as r').leftJoin('report_facts as f', 'f.report_id', 'r.id')
    .select('r.id').where('f.report_id', 'is', null).orderBy('r.received_at').orderBy('r.id').limit(limit).execute();
  return rows.map((r) => r.id);
}
