import deadlineRules from '../../../resources/catalogs/deadline-rules.json' with { type: 'json' };
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
// Rules are data (resources/catalogs/deadline-rules.json) with their legal reference and the days they apply
// to; the rule is chosen by the day the clock starts (accepted for verification, recorded for the limit).

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
}

interface Rule {
  code: string; days?: number; complexDays?: number; years?: number; warnDays?: number; share?: number; capVnd?: number;
  legalRef: string; effectiveFrom: string; effectiveUntil: string | null;
}
const rules = deadlineRules.rules as Rule[];

/** The rule of a kind in force on a station day (YYYY-MM-DD); before the first one the station holds, the first. */
export function ruleOn(code: 'verification' | 'limitation' | 'reward', day: string): Rule {
  const ofKind = rules.filter((r) => r.code === code).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return ofKind.find((r) => r.effectiveFrom <= day && (r.effectiveUntil === null || day <= r.effectiveUntil)) ?? ofKind[0]!;
}

/** The rule in force now (for sentences that state the rule, e.g. an evidence sign). */
export function currentRule(code: 'verification' | 'limitation' | 'reward'): Rule {
  return ruleOn(code, '9999-12-31');
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

function judge(code: DeadlineCode, r: Rule, counted: string, now: Date, calendar: WorkingCalendar): Deadline {
  const lastDay = calendar.nextWorkingDay(counted);
  const dueAt = endOfDay(lastDay);
  const daysLeft = daysBetween(now.toISOString(), lastDay);
  const state: DeadlineState = now.toISOString() > dueAt ? 'overdue' : daysLeft <= (r.warnDays ?? 0) ? 'due-soon' : 'ok';
  return { code, dueAt, state, daysLeft, legalRef: r.legalRef, movedFrom: lastDay === counted ? null : counted };
}

/** Verification: 30 days from accepting the report, 60 for a complex case (NĐ 135/2021, then NĐ 61/2026 Đ21). */
export function verificationDeadline(acceptedAt: string, complex: boolean, now: Date, calendar: WorkingCalendar): Deadline {
  const r = ruleOn('verification', stationDay(acceptedAt));
  return judge('verification', r, shiftDate(acceptedAt, complex ? r.complexDays! : r.days!), now, calendar);
}

/** Citizens' data is usable for 1 year from the recorded time of the violation (NĐ 168/2024 Đ4). */
export function limitationDeadline(recordedAt: string, now: Date, calendar: WorkingCalendar): Deadline {
  const r = ruleOn('limitation', stationDay(recordedAt));
  return judge('limitation', r, shiftDate(recordedAt, 0, r.years!), now, calendar);
}
