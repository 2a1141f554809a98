import type { WorkingCalendar } from './calendar';
import { localToUtcIso, utcIsoToLocal } from './time';

// Deadlines in the station's calendar, counted as the Civil Code counts them (BLDS 2015 Đ147–148): the
// day of the event is not counted; a limit in days ends at the end of its last day, a limit in years on
// the corresponding day of the last year (the month's last day when there is none: 29 February → 28); a
// last day that is a Saturday, a Sunday or a day off ends on the next working day (Đ148.5).
//
// Đ148.5 is a rule of the Civil Code on time limits in general (Đ144: it applies unless another law says
// otherwise). The 1-year limit of Luật XLVPHC Đ6 / NĐ 168/2024 Đ4 is a time limit in years and neither law
// sets its own end-of-period rule, so it moves past weekends and holidays too; the verification time limit
// of NĐ 61/2026 Đ21 likewise.
//
// Rules are data the admin keeps (seeded from resources/catalogs/deadline-rules.json, read by the caller once,
// services/workflow/rules.ts) with their legal reference and the days they apply to; the rule is chosen by the
// day the clock starts (accepted for verification, recorded for the limit). Besides the time limits and the
// reward, the rules name the legal bases the station applies and cites: the move of a last day off to the next
// working day, the public holidays, the reporter's personal data.

export type DeadlineCode = 'verification' | 'limitation';
export type DeadlineState = 'ok' | 'due-soon' | 'overdue';

export interface Deadline {
  code: DeadlineCode;
  /** UTC instant of the last moment (23:59:59.999 station time of the last day). */
  dueAt: string;
  state: DeadlineState;
  /** Whole days left (negative when overdue), in the station's calendar. */
  daysLeft: number;
  legalRef: string;
  /** The day the count gave when it was a weekend or day off, and the deadline moved to the next working day. */
  movedFrom: string | null;
  /** The legal basis of that move ('' when the deadline did not move). */
  movedBy: string;
}

export const ruleCodes = ['verification', 'limitation', 'reward', 'working_days', 'holidays', 'personal_data'] as const;
export type RuleCode = (typeof ruleCodes)[number];

/** One rule as kept: the figures its kind uses (the others null), its legal reference and the days it applies to. */
export interface Rule {
  code: RuleCode;
  days: number | null;
  complexDays: number | null;
  years: number | null;
  warnDays: number | null;
  /** The reward's share of the fine, 0.1 for 10 %. */
  share: number | null;
  capVnd: number | null;
  legalRef: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
}
export type Rules = readonly Rule[];

/**
 * The rule of a kind in force on a station day (YYYY-MM-DD): of those whose days cover it, the one that started
 * last (a new text supersedes the old even if the old one was left without an end); before the first, the first.
 */
export function ruleOn(rules: Rules, code: RuleCode, day: string): Rule {
  const ofKind = rules.filter((r) => r.code === code).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  const rule = ofKind.find((r) => r.effectiveFrom <= day && (r.effectiveUntil === null || day <= r.effectiveUntil)) ?? ofKind.at(-1);
  if (!rule) throw new Error(`No rule of kind ${code}`);
  return rule;
}

const stationDay = (instant: string) => utcIsoToLocal(instant).slice(0, 10);

/** The station-calendar date (YYYY-MM-DD) of an instant, moved by whole days / years. */
function shiftDate(instant: string, days: number, years = 0): string {
  const [y, m, d] = stationDay(instant).split('-').map(Number) as [number, number, number];
  // 29 February plus a year ends on 28 February (the same day does not exist).
  const base = new Date(Date.UTC(y + years, m - 1, d));
  if (years && base.getUTCMonth() !== m - 1) base.setUTCDate(0);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

function endOfDay(date: string): string {
  return new Date(new Date(localToUtcIso(`${date}T00:00`)).getTime() + 86_400_000 - 1).toISOString();
}

function daysBetween(fromInstant: string, toDate: string): number {
  const from = new Date(`${stationDay(fromInstant)}T00:00:00Z`).getTime();
  return Math.round((new Date(`${toDate}T00:00:00Z`).getTime() - from) / 86_400_000);
}

function judge(rules: Rules, code: DeadlineCode, r: Rule, counted: string, now: Date, calendar: WorkingCalendar): Deadline {
  const lastDay = calendar.nextWorkingDay(counted);
  const dueAt = endOfDay(lastDay);
  const daysLeft = daysBetween(now.toISOString(), lastDay);
  const state: DeadlineState = now.toISOString() > dueAt ? 'overdue' : daysLeft <= (r.warnDays ?? 0) ? 'due-soon' : 'ok';
  const moved = lastDay !== counted;
  return {
    code, dueAt, state, daysLeft, legalRef: r.legalRef, movedFrom: moved ? counted : null, movedBy: moved ? ruleOn(rules, 'working_days', counted).legalRef : '',
  };
}

/** Verification: the rule's days from accepting the report (more for a complex case). */
export function verificationDeadline(rules: Rules, acceptedAt: string, complex: boolean, now: Date, calendar: WorkingCalendar): Deadline {
  const r = ruleOn(rules, 'verification', stationDay(acceptedAt));
  return judge(rules, 'verification', r, shiftDate(acceptedAt, complex ? r.complexDays! : r.days!), now, calendar);
}

/** Citizens' data is usable for 1 year from the recorded time of the violation (NĐ 168/2024 Đ4). */
export function limitationDeadline(rules: Rules, recordedAt: string, now: Date, calendar: WorkingCalendar): Deadline {
  const r = ruleOn(rules, 'limitation', stationDay(recordedAt));
  return judge(rules, 'limitation', r, shiftDate(recordedAt, 0, r.years!), now, calendar);
}
