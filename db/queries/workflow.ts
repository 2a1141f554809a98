import type { ExpressionBuilder } from 'kysely';
import { outcomeMoves, outcomeStates } from '../../electron/contract/domain/workflow';
import { addDays } from '../../electron/contract/domain/calendar';
import { type Db, readSnapshot } from '../connection';
import { inChunks } from '../prepared';
import type { Database } from '../schema';
import { addAuditEvent } from './audit';
import { type Judge, writeFacts } from './facts';

export interface CaseRow {
  id: number;
  status: string;
  ongoing: number;
  wantsFeedback: number;
  acceptedAt: string | null;
  complex: number;
  recordedAt: string;
}

/** A report row as the workflow reads it. */
export function toCase(r: { id: number; status: string; ongoing: number; wants_feedback: number; accepted_at: string | null; complex: number; occurred_at: string | null; received_at: string }): CaseRow {
  return {
    id: r.id, status: r.status, ongoing: r.ongoing, wantsFeedback: r.wants_feedback, acceptedAt: r.accepted_at,
    complex: r.complex, recordedAt: r.occurred_at ?? r.received_at,
  };
}

const CASE_COLUMNS = ['id', 'status', 'ongoing', 'wants_feedback', 'accepted_at', 'complex', 'occurred_at', 'received_at'] as const;

export async function getCase(db: Db, unitId: number, reportId: number): Promise<CaseRow | null> {
  const r = await db.selectFrom('reports').select(CASE_COLUMNS).where('id', '=', reportId).where('unit_id', '=', unitId).executeTakeFirst();
  return r ? toCase(r) : null;
}

/** Station days [from, to): the days a clock started on that are past their deadline now (from null: since ever). */
export type DayRange = [string | null, string];

/** Facts whose clock (a day column) started on one of the ranges' days. */
function onDays(eb: ExpressionBuilder<Database, 'report_facts'>, column: 'accepted_day' | 'recorded_day', ranges: DayRange[]) {
  return eb.or(ranges.map(([from, to]) => (from === null ? eb(column, '<', to) : eb.and([eb(column, '>=', from), eb(column, '<', to)]))));
}

/** Days on which a clock started, by deadline: verification (by complexity) and the 1-year limit on using the information. */
export interface ClockDays { simple: DayRange[]; complex: DayRange[]; limitation: DayRange[] }

/**
 * How many reports not decided yet are past a deadline now, counted from their facts by the days whose deadline has
 * passed (services/workflow/cases.ts overdueNow finds them): in verification since one of the days (by complexity),
 * or recorded (the violation's time, else the receipt) on one of `limitation`'s.
 */
export async function countOverdue(db: Db, unitId: number, days: ClockDays) {
  const count = async (column: 'accepted_day' | 'recorded_day', ranges: DayRange[], statuses: readonly string[], complex?: number) => Number((await db
    .selectFrom('report_facts').select((eb) => eb.fn.countAll().as('n')).where('unit_id', '=', unitId).where('status', 'in', statuses)
    .$if(complex !== undefined, (q) => q.where('complex', '=', complex!))
    .where((eb) => onDays(eb, column, ranges))
    .executeTakeFirstOrThrow()).n);
  return {
    verification: await count('accepted_day', days.simple, ['verifying'], 0) + await count('accepted_day', days.complex, ['verifying'], 1),
    limitation: await count('recorded_day', days.limitation, BEFORE_OUTCOME),
  };
}

const BEFORE_OUTCOME = ['received', 'dispatched', 'verifying'] as const;

export type Clock = keyof ClockDays;

/** The facts of reports not decided yet whose clock started on one of the ranges' days, oldest start first, with that day. */
function startedOn(db: Db, unitId: number, clock: Clock, ranges: DayRange[]) {
  const facts = db.selectFrom('report_facts').where('unit_id', '=', unitId);
  return clock === 'limitation'
    ? facts.select(['report_id', 'recorded_day as day']).where('status', 'in', BEFORE_OUTCOME)
      .where((eb) => onDays(eb, 'recorded_day', ranges)).orderBy('recorded_day').orderBy('report_id')
    : facts.select(['report_id', 'accepted_day as day']).where('status', '=', 'verifying').where('complex', '=', clock === 'complex' ? 1 : 0)
      .where((eb) => onDays(eb, 'accepted_day', ranges)).orderBy('accepted_day').orderBy('report_id');
}

/**
 * The reports the due list judges, from their facts, never the whole register: for each clock the `limit` whose clock
 * started first on the days given (the days a deadline is due soon or passed), and the first `limit` by id of those
 * whose deadline ties the last of them (`sameDeadlineUntil`: a clock started on a Thursday, Friday or Saturday may end
 * on the same Monday; a thousand reports may share one day); the `limit` oldest decided whose reporter still waits to be told; and how many there are in all. One
 * read-only snapshot (on PostgreSQL another desk's move in between would make the count disagree with the list).
 */
export async function dueCases(db: Db, unitId: number, days: ClockDays, limit: number, sameDeadlineUntil: (clock: Clock, day: string) => string) {
  return readSnapshot(db, async (trx) => {
    const ids = new Set<number>();
    for (const clock of ['simple', 'complex', 'limitation'] as const) {
      const rows = await startedOn(trx, unitId, clock, days[clock]).limit(limit).execute();
      for (const r of rows) ids.add(r.report_id);
      // Those of the cut-off day and the days ending with it: the first by id (as the list orders equal deadlines).
      const last = rows.length === limit ? rows.at(-1)!.day : null;
      if (last) {
        const ties = await startedOn(trx, unitId, clock, [[last, addDays(sameDeadlineUntil(clock, last), 1)]]).clearOrderBy().orderBy('report_id').limit(limit).execute();
        for (const r of ties) ids.add(r.report_id);
      }
    }
    const waiting = trx.selectFrom('reports').where('unit_id', '=', unitId).where('status', 'in', outcomeStates).where('wants_feedback', '=', 1);
    for (const r of await waiting.select('id').orderBy('id').limit(limit).execute()) ids.add(r.id);
    const late = Number((await trx.selectFrom('report_facts').where('unit_id', '=', unitId).select((eb) => eb.fn.countAll().as('n')).where((eb) => eb.or([
      eb.and([eb('status', '=', 'verifying'), eb('complex', '=', 0), onDays(eb, 'accepted_day', days.simple)]),
      eb.and([eb('status', '=', 'verifying'), eb('complex', '=', 1), onDays(eb, 'accepted_day', days.complex)]),
      eb.and([eb('status', 'in', BEFORE_OUTCOME), onDays(eb, 'recorded_day', days.limitation)]),
    ])).executeTakeFirstOrThrow()).n);
    const owed = Number((await waiting.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const cases: CaseRow[] = [];
    for (const part of inChunks([...ids])) {
      cases.push(...(await trx.selectFrom('reports').select(CASE_COLUMNS).where('id', 'in', part).execute()).map(toCase));
    }
    return { cases, total: late + owed };
  });
}

/**
 * Applies a move if the report is still in the state it was read in (another desk may have moved it
 * meanwhile): state, acceptance, the move's record and the history line, in one transaction. `accept`
 * starts the verification clock at the move (taking the report to verify, or reopening it with a restart).
 */
export async function recordMove(db: Db, m: {
  reportId: number; at: string; officerId: number; move: string; from: string; to: string;
  detail: Record<string, unknown>; accept?: { complex: boolean }; judge: Judge;
  /** The audit line's words when a reopening takes back an approved reward. */
  withdrawnSummary: string;
}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('reports')
      .set({ status: m.to, ...(m.accept ? { accepted_at: m.at, complex: Number(m.accept.complex) } : {}) })
      .where('id', '=', m.reportId)
      .where('status', '=', m.from)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    const detail = JSON.stringify(m.detail);
    await trx.insertInto('report_moves')
      .values({ report_id: m.reportId, at: m.at, officer_id: m.officerId, move: m.move, from_state: m.from, to_state: m.to, detail })
      .execute();
    await writeFacts(trx, [m.reportId], m.judge);
    // A sanction reopened takes back a reward approved and not yet paid (a paid one stays, and the list says so).
    if (m.move === 'reopen') {
      const withdrawn = await trx.deleteFrom('rewards').where('report_id', '=', m.reportId).where('status', '=', 'approved').executeTakeFirst();
      if (withdrawn.numDeletedRows > 0n) {
        await addAuditEvent(trx, { at: m.at, officerId: m.officerId, reportId: m.reportId, action: 'reward.status', detail: { from: 'approved', to: 'proposed', reopened: true, summary: m.withdrawnSummary } });
      }
    }
    await addAuditEvent(trx, { at: m.at, officerId: m.officerId, reportId: m.reportId, action: `report.${m.move}`, detail: m.detail });
    return true;
  });
}

/** What the last move of a kind recorded (the sanction's fine, the forwarding letter…). */
export async function lastMoveDetail(db: Db, reportId: number, move: string): Promise<Record<string, unknown> | null> {
  const row = await db.selectFrom('report_moves').select('detail')
    .where('report_id', '=', reportId).where('move', '=', move).orderBy('id', 'desc').executeTakeFirst();
  return row ? (JSON.parse(row.detail) as Record<string, unknown>) : null;
}

/** The last move of a kind: when, and what it recorded (a reopening and whether its clock restarted). */
export async function lastMove(db: Db, reportId: number, move: string): Promise<{ at: string; detail: Record<string, unknown> } | null> {
  const row = await db.selectFrom('report_moves').select(['at', 'detail'])
    .where('report_id', '=', reportId).where('move', '=', move).orderBy('id', 'desc').executeTakeFirst();
  return row ? { at: row.at, detail: JSON.parse(row.detail) as Record<string, unknown> } : null;
}

/** The move that decided the report (sanction, forward, no grounds, false report, duplicate), if any. */
export async function lastOutcomeMove(db: Db, reportId: number): Promise<string | null> {
  const row = await db.selectFrom('report_moves').select('move').where('report_id', '=', reportId)
    .where('move', 'in', outcomeMoves).orderBy('id', 'desc').executeTakeFirst();
  return row?.move ?? null;
}

/** The last of the given moves on a report, with when, who and what it recorded (what a document prints of it). */
export async function lastMoveOf(db: Db, reportId: number, moves: readonly string[]): Promise<{
  move: string; at: string; officerName: string; detail: Record<string, unknown>;
} | null> {
  const row = await db.selectFrom('report_moves as m').innerJoin('officers as o', 'o.id', 'm.officer_id')
    .select(['m.move', 'm.at', 'm.detail', 'o.full_name'])
    .where('m.report_id', '=', reportId).where('m.move', 'in', [...moves]).orderBy('m.id', 'desc').executeTakeFirst();
  return row ? { move: row.move, at: row.at, officerName: row.full_name, detail: JSON.parse(row.detail) as Record<string, unknown> } : null;
}

/** Assigns (or unassigns) the report and writes the history line, together. */
export async function assignCase(db: Db, m: { unitId: number; reportId: number; officerId: number | null; at: string; by: number; detail: Record<string, unknown> }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('reports').set({ assigned_to: m.officerId })
      .where('id', '=', m.reportId).where('unit_id', '=', m.unitId).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await addAuditEvent(trx, { at: m.at, officerId: m.by, reportId: m.reportId, action: 'report.assigned', detail: m.detail });
    return true;
  });
}
