import { addDays } from './calendar';

// Periods of the campaign's reports and the folding of daily counts into weeks and months: pure, shared by the
// statistics screen and the periodic report.
//
// The two plans count differently. Kon Tum reports by calendar half-year and year; Cao Lộc's year runs from
// 15 December of the year before to 14 December of the year reported (the NĐ 09/2019 statistics cut-off, whose
// half-year runs from 15 December to 14 June). Which one a unit follows is its setting.

export const periodRules = ['calendar', 'cutoff'] as const;
export type PeriodRule = (typeof periodRules)[number];

export const periodKinds = ['half', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period { from: string; to: string }

/** The period a report of this kind covers for a year (the first half-year for 'half'). */
export function campaignPeriod(rule: PeriodRule, kind: PeriodKind, year: number): Period {
  if (rule === 'calendar') return { from: `${year}-01-01`, to: kind === 'half' ? `${year}-06-30` : `${year}-12-31` };
  return { from: `${year - 1}-12-15`, to: kind === 'half' ? `${year}-06-14` : `${year}-12-14` };
}

/** The same period a year before, which the report compares with ("so với cùng kỳ năm trước"). */
export function sameTimeLastYear(rule: PeriodRule, kind: PeriodKind, year: number): Period {
  return campaignPeriod(rule, kind, year - 1);
}

export const granularities = ['day', 'week', 'month'] as const;
export type Granularity = (typeof granularities)[number];

/** The Monday of a day's week. */
export function weekOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/**
 * Daily counts folded into days, weeks (keyed by their Monday) or months ("2026-11"), every bucket of the period
 * present (a day with no report is a zero on the chart, not a gap that joins its neighbours).
 */
export function foldByTime(byDay: readonly { key: string; n: number }[], period: Period, granularity: Granularity): { key: string; n: number }[] {
  const bucket = (day: string) => (granularity === 'day' ? day : granularity === 'week' ? weekOf(day) : day.slice(0, 7));
  const counts = new Map<string, number>();
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) counts.set(bucket(day), 0);
  for (const d of byDay) {
    const key = bucket(d.key);
    if (counts.has(key)) counts.set(key, counts.get(key)! + d.n);
  }
  return [...counts].map(([key, n]) => ({ key, n }));
}

/** "23/11", "tuần 23/11", "11/2026": a bucket as a chart's axis shows it. */
export function bucketLabel(key: string, granularity: Granularity): string {
  const [y, m, d] = key.split('-');
  if (granularity === 'month') return `${m}/${y}`;
  return granularity === 'week' ? `${d}/${m}/${y}` : `${d}/${m}`;
}

/** The change from a number before to a number now, as a share ("+12,5 %", "−3 %", "—" when there was none). */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '0 %' : '—';
  const pct = Math.round(((now - before) / before) * 1000) / 10;
  const text = String(Math.abs(pct)).replace('.', ',');
  return pct === 0 ? '0 %' : `${pct > 0 ? '+' : '−'}${text} %`;
}
