import deadlineRules from '../../../resources/catalogs/deadline-rules.json' with { type: 'json' };
import { localToUtcIso, utcIsoToLocal } from './time';

// Deadlines in the station's calendar, counted as the Civil Code counts them (BLDS 2015 Đ147–148): the
// day of the event is not counted; a limit in days ends at the end of its last day, a limit in years on
// the corresponding day of the last year (the month's last day when there is none: 29 February → 28).
// Rules are data (resources/catalogs/deadline-rules.json) with their legal reference and effective date.

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
}

interface Rule {
  code: string; days?: number; complexDays?: number; years?: number; warnDays: number; legalRef: string; effectiveFrom: string;
}
const rules = deadlineRules.rules as Rule[];

function rule(code: DeadlineCode): Rule {
  return rules.find((r) => r.code === code)!;
}

/** The station-calendar date (YYYY-MM-DD) of an instant, moved by whole days / years. */
function shiftDate(instant: string, days: number, years = 0): string {
  const [y, m, d] = utcIsoToLocal(instant).slice(0, 10).split('-').map(Number) as [number, number, number];
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
  const from = new Date(`${utcIsoToLocal(fromInstant).slice(0, 10)}T00:00:00Z`).getTime();
  return Math.round((new Date(`${toDate}T00:00:00Z`).getTime() - from) / 86_400_000);
}

function judge(code: DeadlineCode, lastDay: string, now: Date): Deadline {
  const r = rule(code);
  const dueAt = endOfDay(lastDay);
  const daysLeft = daysBetween(now.toISOString(), lastDay);
  const state: DeadlineState = now.toISOString() > dueAt ? 'overdue' : daysLeft <= r.warnDays ? 'due-soon' : 'ok';
  return { code, dueAt, state, daysLeft, legalRef: r.legalRef };
}

/** Verification: 30 days from accepting the report, 60 for a complex case (NĐ 61/2026 Đ21). */
export function verificationDeadline(acceptedAt: string, complex: boolean, now: Date): Deadline {
  const r = rule('verification');
  return judge('verification', shiftDate(acceptedAt, complex ? r.complexDays! : r.days!), now);
}

/** Citizens' data is usable for 1 year from the recorded time of the violation (NĐ 168/2024 Đ4). */
export function limitationDeadline(recordedAt: string, now: Date): Deadline {
  return judge('limitation', shiftDate(recordedAt, 0, rule('limitation').years!), now);
}
