import { campaignPeriod } from '../../../../electron/contract/domain/statistics';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Session } from '../../../../electron/contract/schemas';

const s = () => vi.statistics;

/** The period choices: the unit's campaign periods of this year and the last, this month and the last. */
export function presets(rule: Session['unit']['periodRule'], today: string) {
  const year = Number(today.slice(0, 4));
  // Under the cut-off rule, from 15 December the next year's period has begun.
  const current = rule === 'cutoff' && today >= `${year}-12-15` ? year + 1 : year;
  const month = today.slice(0, 7);
  const lastMonthStart = new Date(Date.UTC(year, Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 10);
  const lastMonthEnd = new Date(Date.UTC(year, Number(today.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);
  return [
    { key: 'year', label: s().filters.year(current), period: campaignPeriod(rule, 'year', current) },
    { key: 'half', label: s().filters.half(current), period: campaignPeriod(rule, 'half', current) },
    { key: 'lastYear', label: s().filters.year(current - 1), period: campaignPeriod(rule, 'year', current - 1) },
    { key: 'month', label: s().filters.thisMonth, period: { from: `${month}-01`, to: today } },
    { key: 'lastMonth', label: s().filters.lastMonth, period: { from: lastMonthStart, to: lastMonthEnd } },
  ];
}

