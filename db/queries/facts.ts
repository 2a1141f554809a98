import { PostgresAdapter, sql } from 'kysely';
import type { WorkingCalendar } from '../../electron/contract/domain/calendar';
import { type Rules, verificationDeadline } from '../../electron/contract/domain/deadlines';
import { rewardEstimate } from '../../electron/contract/domain/reward';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { outcomeMoves } from '../../electron/contract/domain/workflow';
import type { Db } from '../connection';
import type { ReportFactsTable } from '../schema';
import { inChunks } from '../prepared';

// The facts statistics count (migration 0016), derived here and only here from the report's own rows, inside the
// transaction that changed them: a report's insert, each of its moves. The deadline and the reward are judged with
// the rules and calendar of the moment of the decision, as they stood then, and kept through the moves that follow. The day counts follow by difference: the
// facts before and after, both in hand, give exactly what each count gains and loses.

export interface Judge { rules: Rules; calendar: WorkingCalendar }

type Fact = Omit<ReportFactsTable, 'fine_vnd' | 'reward_vnd'> & { fine_vnd: number | null; reward_vnd: number | null };
type Item = { unit_id: number; dim: string; value: string; day: string; report_id: number };

const BEFORE_OUTCOME = new Set(['received', 'dispatched', 'verifying']);
const localDay = (instant: string) => utcIsoToLocal(instant).slice(0, 10);

/** (Re)writes the facts of these reports. `judge` is needed once a report has an outcome (null for a new report). */
export async function writeFacts(db: Db, ids: number[], judge: Judge | null): Promise<void> {
  await lockCounts(db);
  for (const part of inChunks(ids)) {
    const reports = await db.selectFrom('reports as r').leftJoin('locations as l', 'l.report_id', 'r.id')
      .select(['r.id', 'r.unit_id', 'r.received_at', 'r.received_by', 'r.occurred_at', 'r.channel', 'r.status', 'r.accepted_at', 'r.complex', 'l.commune_code'])
      .where('r.id', 'in', part).execute();
    const outcomes = new Map<number, { move: string; at: string; officerId: number; detail: Record<string, unknown> }>();
    for (const m of await db.selectFrom('report_moves').select(['report_id', 'move', 'at', 'officer_id', 'detail'])
      .where('report_id', 'in', part).where('move', 'in', outcomeMoves).orderBy('id').execute()) {
      outcomes.set(m.report_id, { move: m.move, at: m.at, officerId: m.officer_id, detail: JSON.parse(m.detail) as Record<string, unknown> });
    }
    const values = new Map<number, Set<string>>();
    const add = (id: number, dim: string, value: string) => {
      if (value) (values.get(id) ?? values.set(id, new Set()).get(id)!).add(`${dim}\u0000${value}`);
    };
    for (const v of await db.selectFrom('report_violations').select(['report_id', 'violation_code']).where('report_id', 'in', part).execute()) {
      add(v.report_id, 'violation', v.violation_code);
    }
    for (const v of await db.selectFrom('vehicles').select(['report_id', 'vehicle_type', 'plate_key']).where('report_id', 'in', part).execute()) {
      add(v.report_id, 'vehicle', v.vehicle_type);
      add(v.report_id, 'plate', v.plate_key);
    }

    const old = {
      facts: (await db.selectFrom('report_facts').selectAll().where('report_id', 'in', part).execute()) as Fact[],
      items: await db.selectFrom('report_fact_items').selectAll().where('report_id', 'in', part).where('dim', 'in', ['violation', 'vehicle']).execute(),
    };
    const before = new Map(old.facts.map((f) => [f.report_id, f]));
    const facts: Fact[] = reports.map((r) => {
      const local = utcIsoToLocal(r.received_at);
      const day = local.slice(0, 10);
      const o = BEFORE_OUTCOME.has(r.status) ? undefined : outcomes.get(r.id);
      const fine = o?.move === 'sanction' && typeof o.detail.fineVnd === 'number' ? o.detail.fineVnd : null;
      const decidedDay = !o ? null : o.move === 'sanction' && typeof o.detail.decisionDate === 'string' ? o.detail.decisionDate : localDay(o.at);
      // A decision is judged once, when it is recorded: a later move (feedback, closing) keeps its reward and deadline.
      const was = before.get(r.id);
      const same = o && was && was.outcome === o.move && was.decided_day === decidedDay && Number(was.fine_vnd ?? -1) === (fine ?? -1) && was.decided_by === o.officerId;
      if (o && !judge && !same) throw new Error(`writeFacts: report ${r.id} has an outcome and no rules to judge it by`);
      return {
        unit_id: r.unit_id, day, report_id: r.id,
        weekday: (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7, hour: Number(local.slice(11, 13)),
        channel: r.channel, commune_code: r.commune_code ?? '', status: r.status, outcome: o?.move ?? '', decided_day: decidedDay,
        fine_vnd: fine,
        reward_vnd: same ? (was.reward_vnd === null ? null : Number(was.reward_vnd)) : fine !== null && judge ? rewardEstimate(judge.rules, fine, decidedDay!) : null,
        in_time: same ? was.in_time : o && judge && r.accepted_at
          ? Number(o.at <= verificationDeadline(judge.rules, r.accepted_at, r.complex === 1, new Date(o.at), judge.calendar).dueAt) : null,
        recorded_day: localDay(r.occurred_at ?? r.received_at), accepted_day: r.accepted_at ? localDay(r.accepted_at) : null, complex: r.complex,
        received_by: r.received_by, decided_by: o?.officerId ?? null,
      };
    });
    const items: Item[] = facts.flatMap((f) => [...(values.get(f.report_id) ?? [])].map((key) => {
      const [dim, value] = key.split('\u0000') as [string, string];
      return { unit_id: f.unit_id, dim, value, day: f.day, report_id: f.report_id };
    }));
    await db.deleteFrom('report_fact_items').where('report_id', 'in', part).execute();
    await db.deleteFrom('report_facts').where('report_id', 'in', part).execute();
    if (facts.length > 0) await db.insertInto('report_facts').values(facts).execute();
    for (const chunk of inChunks(items)) await db.insertInto('report_fact_items').values(chunk).execute();
    for (const unitId of new Set(facts.map((f) => f.unit_id))) {
      await markRepeats(db, unitId, [...new Set(items.filter((r) => r.unit_id === unitId && r.dim === 'plate').map((r) => r.value))]);
    }
    await addCounts(db, old.facts, old.items, -1);
    await addCounts(db, facts, items, 1);
  }
}

/**
 * Adds (sign 1) or takes away (sign -1) what these facts and items count: a day's reports by each fact (report_counts),
 * a day's decisions by outcome and officer (decided_counts).
 */
async function addCounts(db: Db, facts: Fact[], items: Pick<Item, 'unit_id' | 'dim' | 'value' | 'day'>[], sign: 1 | -1): Promise<void> {
  const counts = new Map<string, number>();
  const count = (unit: number, dim: string, day: string, value: string) => {
    const key = JSON.stringify([unit, dim, day, value]);
    counts.set(key, (counts.get(key) ?? 0) + sign);
  };
  for (const f of facts) {
    count(f.unit_id, 'channel', f.day, f.channel);
    count(f.unit_id, 'commune', f.day, f.commune_code);
    count(f.unit_id, 'outcome', f.day, f.outcome);
    count(f.unit_id, 'weekhour', f.day, `${f.weekday}:${f.hour}`);
    count(f.unit_id, 'officer', f.day, String(f.received_by));
  }
  for (const i of items) if (i.dim === 'violation' || i.dim === 'vehicle') count(i.unit_id, i.dim, i.day, i.value);
  const rows = [...counts].map(([key, n]) => {
    const [unit_id, dim, day, value] = JSON.parse(key) as [number, string, string, string];
    return { unit_id, dim, day, value, n };
  });
  for (const chunk of inChunks(rows)) {
    await db.insertInto('report_counts').values(chunk)
      .onConflict((oc) => oc.columns(['unit_id', 'dim', 'day', 'value']).doUpdateSet({ n: sql`report_counts.n + excluded.n` })).execute();
  }
  const decided = new Map<string, { n: number; timed: number; in_time: number; fine_vnd: number; reward_vnd: number }>();
  for (const f of facts) {
    if (f.decided_day === null || f.outcome === '') continue;
    const key = JSON.stringify([f.unit_id, f.decided_day, f.outcome, f.decided_by ?? 0]);
    const d = decided.get(key) ?? decided.set(key, { n: 0, timed: 0, in_time: 0, fine_vnd: 0, reward_vnd: 0 }).get(key)!;
    d.n += sign;
    d.timed += f.in_time === null ? 0 : sign;
    d.in_time += sign * (f.in_time ?? 0);
    d.fine_vnd += sign * Number(f.fine_vnd ?? 0);
    d.reward_vnd += sign * Number(f.reward_vnd ?? 0);
  }
  const decidedRows = [...decided].map(([key, d]) => {
    const [unit_id, day, outcome, officer_id] = JSON.parse(key) as [number, string, string, number];
    return { unit_id, day, outcome, officer_id, ...d };
  });
  for (const chunk of inChunks(decidedRows)) {
    await db.insertInto('decided_counts').values(chunk)
      .onConflict((oc) => oc.columns(['unit_id', 'day', 'outcome', 'officer_id']).doUpdateSet({
        n: sql`decided_counts.n + excluded.n`, timed: sql`decided_counts.timed + excluded.timed`, in_time: sql`decided_counts.in_time + excluded.in_time`,
        fine_vnd: sql`decided_counts.fine_vnd + excluded.fine_vnd`, reward_vnd: sql`decided_counts.reward_vnd + excluded.reward_vnd`,
      })).execute();
  }
}

/**
 * Moves the reports of a commune renumbered (a catalog correcting an earlier version's own codes) to today's code, and
 * their counts with them.
 */
export async function renumberCommune(db: Db, from: string, to: string): Promise<void> {
  await lockCounts(db);
  const moved = (await db.selectFrom('report_facts').selectAll().where('commune_code', '=', from).execute()) as Fact[];
  await addCounts(db, moved, [], -1);
  await db.updateTable('report_facts').set({ commune_code: to }).where('commune_code', '=', from).execute();
  await addCounts(db, moved.map((f) => ({ ...f, commune_code: to })), [], 1);
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
 * On PostgreSQL, desks writing facts, counts or search words take turns until their transaction ends, so each reads
 * what it replaces as the last one left it. (SQLite's one writer already makes them take turns.)
 */
export async function lockCounts(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${COUNTS_LOCK})`.execute(db);
}
/** The advisory lock's number for the facts and counts (any constant the station uses for nothing else). */
const COUNTS_LOCK = 7_411_003;

/**
 * Whether every report has its facts: as many facts as reports (a fact is never without its report). Two counts over
 * the smallest indexes, cheap at every start, where looking for the missing ones would read every report.
 */
export async function factsComplete(db: Db): Promise<boolean> {
  const reports = await db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const facts = await db.selectFrom('report_facts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(reports.n) === Number(facts.n);
}

/**
 * Reports with no facts yet (kept by a version before statistics, or written by a desk on one): a batch of ids, in the
 * order received.
 */
export async function reportsWithoutFacts(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('reports as r').leftJoin('report_facts as f', 'f.report_id', 'r.id')
    .select('r.id').where('f.report_id', 'is', null).orderBy('r.received_at').orderBy('r.id').limit(limit).execute();
  return rows.map((r) => r.id);
}
