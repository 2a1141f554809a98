import { describe, expect, it } from 'vitest';
import { bucketLabel, campaignPeriod, change, foldByTime, sameTimeLastYear, weekOf } from '../../../electron/contract/domain/statistics';

describe('campaign periods', () => {
  it('cut-off: the year runs 15/12 of the year before to 14/12, the half-year to 14/06', () => {
    expect(campaignPeriod('cutoff', 'year', 2026)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(campaignPeriod('cutoff', 'half', 2026)).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(sameTimeLastYear('cutoff', 'half', 2026)).toEqual({ from: '2024-12-15', to: '2025-06-14' });
  });
  it('calendar: 01/01–30/06 and 01/01–31/12', () => {
    expect(campaignPeriod('calendar', 'half', 2026)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(campaignPeriod('calendar', 'year', 2024)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });
});

describe('folding daily counts', () => {
  const byDay = [{ key: '2026-11-29', n: 2 }, { key: '2026-11-30', n: 3 }, { key: '2026-12-02', n: 1 }];
  it('keeps every day of the period, zero where none', () => {
    expect(foldByTime(byDay, { from: '2026-11-29', to: '2026-12-02' }, 'day').map((d) => d.n)).toEqual([2, 3, 0, 1]);
  });
  it('weeks start on Monday; months by their number', () => {
    expect(weekOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(foldByTime(byDay, { from: '2026-11-29', to: '2026-12-02' }, 'week')).toEqual([{ key: '2026-11-23', n: 2 }, { key: '2026-11-30', n: 4 }]);
    expect(foldByTime(byDay, { from: '2026-11-29', to: '2026-12-02' }, 'month')).toEqual([{ key: '2026-11', n: 5 }, { key: '2026-12', n: 1 }]);
    expect(bucketLabel('2026-11', 'month')).toBe('11/2026');
    expect(bucketLabel('2026-11-30', 'week')).toBe('30/11/2026');
  });
});

describe('change against the period before', () => {
  it('as a signed share with a decimal comma', () => {
    expect(change(225, 200)).toBe('+12,5 %');
    expect(change(97, 100)).toBe('−3 %');
    expect(change(5, 5)).toBe('0 %');
    expect(change(4, 0)).toBe('—');
  });
});
