import { idsByCode, reportSummaries } from '../../../db/queries/reports';
import { listOfficers } from '../../../db/queries/catalog';
import { addAuditEvent } from '../../../db/queries/audit';
import type { Judge } from '../../../db/queries/facts';
import { assignCase, type CaseRow, type Clock, type ClockDays, countOverdue, type DayRange, dueCases, getCase, lastMove, lastMoveDetail, recordMove } from '../../../db/queries/workflow';
import { addDays } from '../../contract/domain/calendar';
import type { WorkingCalendar } from '../../contract/domain/calendar';
import { type Deadline, limitationDeadline, type Rules, verificationDeadline } from '../../contract/domain/deadlines';
import { rewardEstimate, rewardRule } from '../../contract/domain/reward';
import { formatDay, localToUtcIso, utcIsoToLocal } from '../../contract/domain/time';
import { stationCalendar } from '../calendar/days-off';
import { stationRules } from './rules';
import { catchingUp } from '../statistics/facts';
import { allowedMoves, checkMove, outcomeStates, type ReportState } from '../../contract/domain/workflow';
import { nfc, nfcDeep } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { DueList, MoveInput, ReportDetail } from '../../contract/schemas';
import { StationError } from '../errors';
import { toSummary } from '../intake/summary';
import type { Station } from '../station';

// Moving a report through its life, and the deadlines that follow from where it is.

const BEFORE_OUTCOME: readonly string[] = ['received', 'dispatched', 'verifying'];

function facts(c: CaseRow) {
  return { ongoing: c.ongoing === 1, wantsFeedback: c.wantsFeedback === 1 };
}

type DeadlineInfo = ReportDetail['workflow']['deadlines'][number];
type Reopened = DeadlineInfo['reopened'];

/**
 * The deadlines that still matter: verification while it runs, the 1-year limit until an outcome; each
 * ending on a working day of `calendar` (read once by the caller, whatever the number of reports).
 */
function caseDeadlines(c: CaseRow, now: Date, calendar: WorkingCalendar, rules: Rules, reopened: Reopened = null): DeadlineInfo[] {
  if (!BEFORE_OUTCOME.includes(c.status)) return [];
  const out: Deadline[] = [];
  if (c.status === 'verifying' && c.acceptedAt) out.push(verificationDeadline(rules, c.acceptedAt, c.complex === 1, now, calendar));
  out.push(limitationDeadline(rules, c.recordedAt, now, calendar));
  return out.map((d) => ({ ...d, reopened: d.code === 'verification' ? reopened : null }));
}

/** A report in verification again after a reopening: the day, and whether its clock restarted then. */
async function reopening(station: Station, c: CaseRow): Promise<Reopened> {
  if (c.status !== 'verifying') return null;
  const move = await lastMove(station.db, c.id, 'reopen');
  return move ? { on: utcIsoToLocal(move.at).slice(0, 10), restarted: move.detail.restartClock === true } : null;
}

/** Where a report stands, from its row: the moves it allows, its deadlines, who handles it, the reward. */
export async function caseWorkflow(station: Station, c: CaseRow, assignedTo: number | null): Promise<ReportDetail['workflow']> {
  const sanction = c.status === 'sanctioned' || c.status === 'feedback_given' || c.status === 'closed'
    ? await lastMoveDetail(station.db, c.id, 'sanction') : null;
  const decisionDay = typeof sanction?.decisionDate === 'string' ? sanction.decisionDate : utcIsoToLocal(station.now()).slice(0, 10);
  const fined = typeof sanction?.fineVnd === 'number';
  const rules = await stationRules(station.db);
  return {
    assignedTo,
    allowedMoves: allowedMoves(c.status as ReportState, facts(c)),
    deadlines: caseDeadlines(c, station.now(), await stationCalendar(station.db), rules, await reopening(station, c)),
    rewardVnd: fined ? rewardEstimate(rules, sanction.fineVnd as number, decisionDay) : null,
    rewardRule: fined ? rewardRule(rules, decisionDay) : null,
  };
}

export async function moveReport(station: Station, reportId: number, input: MoveInput): Promise<void> {
  const c = await getCase(station.db, station.unitId, reportId);
  if (!c) throw new StationError('not-found', vi.error.notFound);
  const check = checkMove(c.status as ReportState, input.move, facts(c));
  if (!check.ok) throw new StationError('rejected', vi.workflow.refusal[check.refusal](vi.workflow.move[input.move] ?? input.move, vi.status[c.status] ?? c.status));
  // A decision signed, or a reporter told, on a day still to come would put a false date in the register.
  const today = utcIsoToLocal(station.now()).slice(0, 10);
  const day = input.move === 'sanction' ? { field: vi.workflow.fields.decisionDate, value: input.decisionDate }
    : input.move === 'feedback' ? { field: vi.workflow.fields.date, value: input.date } : null;
  if (day && day.value > today) throw new StationError('rejected', vi.workflow.dayInFuture(day.field ?? '', formatDay(day.value)));
  const { move, ...detail } = nfcDeep(input);
  if (input.move === 'duplicate') {
    const [original] = await idsByCode(station.db, station.unitId, input.ofCode.toUpperCase());
    if (!original || original === reportId) throw new StationError('rejected', vi.workflow.duplicateOfMissing(input.ofCode));
    Object.assign(detail, { ofCode: input.ofCode.toUpperCase(), ofId: original });
  }
  // Reopening: the officer decides whether verification counts again from today (recorded in the move) or
  // the original deadline stands. A report never taken into verification has no original: its clock starts.
  const restart = input.move === 'reopen' && (input.restartClock || !c.acceptedAt);
  if (input.move === 'reopen') Object.assign(detail, { restartClock: restart });
  const moved = await recordMove(station.db, {
    reportId, at: station.now().toISOString(), officerId: station.officerId, move, from: c.status, to: check.to, detail, judge: await stationJudge(station.db),
    withdrawnSummary: vi.rewards.withdrawn,
    accept: input.move === 'verify' ? { complex: input.complex } : restart ? { complex: c.complex === 1 } : undefined,
  });
  if (!moved) throw new StationError('rejected', vi.workflow.movedMeanwhile);
}

/** The rules and calendar a decision is judged by (its deadline, its reward), read before the move's transaction. */
export async function stationJudge(db: Station['db']): Promise<Judge> {
  return { rules: await stationRules(db), calendar: await stationCalendar(db) };
}

/** How many reports the due list shows: the most pressing (the list says how many there are in all). */
export const DUE_SHOWN = 100;

/** Each clock's deadline judged now, for a clock started on a station day (whole days: any moment of it gives the same). */
type ClockOn = Record<Clock, (day: string) => Deadline>;

function clocksOn({ rules, calendar }: Judge, now: Date): ClockOn {
  const at = (day: string) => localToUtcIso(`${day}T00:00`);
  return {
    simple: (day) => verificationDeadline(rules, at(day), false, now, calendar),
    complex: (day) => verificationDeadline(rules, at(day), true, now, calendar),
    limitation: (day) => limitationDeadline(rules, at(day), now, calendar),
  };
}

/**
 * For each clock, the station days on which one started then is `late` now, as ranges: each day of the last `window`
 * days judged as a report's deadline is, the days before the window all late (the window is widened until its first
 * day's deadline is; the older the start, the later).
 */
function clockDays(clocks: ClockOn, today: string, late: (d: Deadline) => boolean): ClockDays {
  const daysOf = (deadline: (day: string) => Deadline): DayRange[] => {
    let window = 128;
    while (window < 20 * 366 && !late(deadline(addDays(today, -window)))) window *= 2;
    const ranges: DayRange[] = [[null, addDays(today, -window + 1)]];
    for (let i = window - 1; i >= 0; i--) {
      const day = addDays(today, -i);
      if (!late(deadline(day))) continue;
      const last = ranges.at(-1)!;
      if (last[1] === day) last[1] = addDays(day, 1);
      else ranges.push([day, addDays(day, 1)]);
    }
    return ranges;
  };
  return { simple: daysOf(clocks.simple), complex: daysOf(clocks.complex), limitation: daysOf(clocks.limitation) };
}

/**
 * The home screen's list: reports with a deadline due soon or passed, or feedback still owed, the most pressing first.
 * It reads the candidates from the facts by the days whose clocks are due soon or passed (as "overdue now" counts
 * them), never every open report: a unit keeps years of reports, most of them never closed.
 */
export async function dueList(station: Station, shown = DUE_SHOWN): Promise<DueList> {
  const now = station.now();
  const judge = await stationJudge(station.db);
  const today = utcIsoToLocal(now).slice(0, 10);
  const late = (d: Deadline) => d.state !== 'ok';
  const clocks = clocksOn(judge, now);
  // The last day after `day` whose clock ends when `day`'s does (a deadline on a day off moves on to the next working day).
  const sameDeadlineUntil = (clock: Clock, day: string) => {
    const due = clocks[clock](day).dueAt;
    let last = day;
    for (let k = 0; k < 31 && last < today && clocks[clock](addDays(last, 1)).dueAt === due; k++) last = addDays(last, 1);
    return last;
  };
  const { cases, total } = await dueCases(station.db, station.unitId, clockDays(clocks, today, late), shown, sameDeadlineUntil);
  const pressing = (ds: DeadlineInfo[]) => Math.min(...ds.map((x) => x.daysLeft), 99_999);
  const due = cases.flatMap((c) => {
    const deadlines = caseDeadlines(c, now, judge.calendar, judge.rules).filter(late);
    const feedbackOwed = c.wantsFeedback === 1 && outcomeStates.includes(c.status as ReportState);
    return deadlines.length > 0 || feedbackOwed ? [{ id: c.id, deadlines, feedbackOwed }] : [];
  }).sort((a, b) => pressing(a.deadlines) - pressing(b.deadlines) || a.id - b.id).slice(0, shown);
  const rows = new Map((await reportSummaries(station.db, due.map((d) => d.id))).map((r) => [r.id, r]));
  return {
    items: due.map((d) => ({ report: toSummary(rows.get(d.id)!), deadlines: d.deadlines, feedbackOwed: d.feedbackOwed })),
    total, catchingUp: catchingUp(station.db),
  };
}

/**
 * Open reports past a deadline now, by deadline (the statistics' "overdue now"), judged as the due list judges each
 * report, but per day rather than per report: the database counts the reports (their facts) of the days found overdue.
 */
export async function overdueNow(station: Station): Promise<{ verification: number; limitation: number }> {
  const now = station.now();
  const today = utcIsoToLocal(now).slice(0, 10);
  return countOverdue(station.db, station.unitId, clockDays(clocksOn(await stationJudge(station.db), now), today, (d) => d.state === 'overdue'));
}

/** Hands the report to an officer of the unit (null: nobody), written in the history. */
export async function assignReport(station: Station, reportId: number, officerId: number | null): Promise<void> {
  const officer = officerId === null ? null : (await listOfficers(station.db, station.unitId)).find((o) => o.id === officerId);
  if (officerId !== null && !officer) throw new StationError('rejected', vi.error.unknownOfficer);
  const done = await assignCase(station.db, {
    unitId: station.unitId, reportId, officerId, at: station.now().toISOString(), by: station.officerId,
    detail: { officerName: officer?.fullName ?? null },
  });
  if (!done) throw new StationError('not-found', vi.error.notFound);
}

export async function noteReport(station: Station, reportId: number, text: string): Promise<void> {
  if (!(await getCase(station.db, station.unitId, reportId))) throw new StationError('not-found', vi.error.notFound);
  await addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId, action: 'report.note', detail: { note: nfc(text) } });
}
