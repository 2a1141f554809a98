import { describe, expect, it } from 'vitest';
import daysOffData from '../../../resources/catalogs/days-off.json' with { type: 'json' };
import { publicHolidays, workingCalendar } from '../../../electron/contract/domain/calendar';
import { limitationDeadline, ruleOn, verificationDeadline } from '../../../electron/contract/domain/deadlines';
import { shippedRules } from '../../../electron/services/workflow/rules';

/** The shipped catalog's rules (a station keeps them in its database, as the admin edits them). */
const rules = shippedRules.rules;
import { rewardEstimate } from '../../../electron/contract/domain/reward';

// The law's calendar over 2026–2028 (BLDS 2015 Đ148.5: a last day that is a weekend or a day off ends on the
// next working day), with real lunar dates and the rule in force on the day the clock starts.

const at = (local: string) => new Date(`${local}+07:00`).toISOString();
const lastDay = (dueAt: string) => new Date(new Date(dueAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('public holidays from the Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2026, '2026-02-16', '2026-02-17', '2026-04-26'],
    [2027, '2027-02-05', '2027-02-06', '2027-04-16'],
    [2028, '2028-01-25', '2028-01-26', '2028-04-04'],
  ])('%i: Tết eve %s, Tết %s, Giỗ Tổ %s, and the fixed solar days', (year, eve, tet, hung) => {
    const days = publicHolidays(year);
    expect(days.find((h) => h.code === 'tet-eve')?.day).toBe(eve);
    expect(days.filter((h) => h.code === 'tet').map((h) => h.day)[0]).toBe(tet);
    expect(days.filter((h) => h.code === 'tet')).toHaveLength(4);
    expect(days.find((h) => h.code === 'hung-kings')?.day).toBe(hung);
    expect(days.map((h) => h.day)).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`]));
    expect(days).toHaveLength(10);
  });
});

describe('deadlines end on a working day (2026–2028)', () => {
  const announced = daysOffData.items.map((d) => d.day);
  // 2027: Tết days on the weekend compensated on 10–11/02 and 3/9 next to Quốc khánh, as a notice would say.
  const calendar = workingCalendar([...announced, '2027-02-10', '2027-02-11', '2027-09-03']);
  const bare = workingCalendar([]);

  it.each([
    // accepted (station time)   complex  counted (30/60 days)  last day      rule
    ['2026-04-01T09:00:00', false, '2026-05-01', '2026-05-04', 'NĐ 61/2026'], // 1/5 holiday, Sat, Sun
    ['2026-03-31T16:00:00', false, '2026-04-30', '2026-05-04', 'NĐ 135/2021'], // 30/4, 1/5, weekend; the earlier rule
    ['2026-01-15T09:00:00', false, '2026-02-14', '2026-02-23', 'NĐ 135/2021'], // Tết 2026 break 14–22/02
    ['2026-01-17T09:00:00', false, '2026-02-16', '2026-02-23', 'NĐ 135/2021'], // last day of the lunar year
    ['2026-03-27T09:00:00', false, '2026-04-26', '2026-04-27', 'NĐ 135/2021'], // Giỗ Tổ 2026 is a Sunday
    ['2026-08-02T09:00:00', false, '2026-09-01', '2026-09-03', 'NĐ 61/2026'], // 1/9 announced, 2/9
    ['2026-11-05T09:00:00', false, '2026-12-05', '2026-12-07', 'NĐ 61/2026'], // a Saturday
    ['2026-11-04T09:00:00', false, '2026-12-04', '2026-12-04', 'NĐ 61/2026'], // a Friday: stays
    ['2026-11-06T09:00:00', true, '2027-01-05', '2027-01-05', 'NĐ 61/2026'], // complex, 60 days, a Tuesday
    ['2027-01-06T09:00:00', false, '2027-02-05', '2027-02-12', 'NĐ 61/2026'], // Tết 2027 + compensating days
    ['2027-03-17T09:00:00', false, '2027-04-16', '2027-04-19', 'NĐ 61/2026'], // Giỗ Tổ 2027, a Friday
    ['2027-08-03T09:00:00', false, '2027-09-02', '2027-09-06', 'NĐ 61/2026'], // 2/9, 3/9 announced, weekend
    ['2027-12-02T09:00:00', false, '2028-01-01', '2028-01-03', 'NĐ 61/2026'], // 1/1 a Saturday
    ['2027-12-26T09:00:00', false, '2028-01-25', '2028-01-31', 'NĐ 61/2026'], // Tết 2028: 25/01–29/01, Sunday
    ['2028-03-05T09:00:00', false, '2028-04-04', '2028-04-05', 'NĐ 61/2026'], // Giỗ Tổ 2028, a Tuesday
  ])('accepted %s (complex %s): day 30/60 is %s → ends %s (%s)', (accepted, complex, counted, ends, rule) => {
    const d = verificationDeadline(rules, at(accepted), complex, new Date(at(accepted)), calendar);
    expect(lastDay(d.dueAt)).toBe(ends);
    expect(d.dueAt).toBe(at(`${ends}T23:59:59.999`));
    expect(d.movedFrom).toBe(counted === ends ? null : counted);
    expect(d.legalRef).toContain(rule);
  });

  it('an announced day off counts only once it is in the calendar (1/9/2026 next to Quốc khánh)', () => {
    const accepted = at('2026-08-02T09:00:00');
    expect(lastDay(verificationDeadline(rules, accepted, false, new Date(accepted), bare).dueAt)).toBe('2026-09-01');
    expect(lastDay(verificationDeadline(rules, accepted, false, new Date(accepted), calendar).dueAt)).toBe('2026-09-03');
  });

  it('the rule is chosen by the day the clock starts, in station time (31/03 23:30 is still NĐ 135; 01/04 00:10 is NĐ 61)', () => {
    expect(verificationDeadline(rules, at('2026-03-31T23:30:00'), false, new Date(), calendar).legalRef).toBe('NĐ 135/2021/NĐ-CP, Điều 8');
    expect(verificationDeadline(rules, at('2026-04-01T00:10:00'), false, new Date(), calendar).legalRef).toBe('NĐ 61/2026/NĐ-CP, Điều 21');
    expect(ruleOn(rules, 'limitation', '2026-01-01').legalRef).toBe('NĐ 168/2024/NĐ-CP, Điều 4');
    // A new text from a day supersedes the old one even when the old one was left without an end.
    const superseding = [...rules, { ...ruleOn(rules, 'limitation', '2026-01-01'), years: 2, legalRef: 'NĐ mới', effectiveFrom: '2027-01-01' }];
    expect(ruleOn(superseding, 'limitation', '2026-12-31').legalRef).toBe('NĐ 168/2024/NĐ-CP, Điều 4');
    expect(ruleOn(superseding, 'limitation', '2027-01-01').legalRef).toBe('NĐ mới');
  });

  it.each([
    // recorded (station time)    counted        ends
    ['2028-02-29T14:00:00', '2029-02-28', '2029-02-28'], // 29 February: the last day of February, a Wednesday
    ['2024-02-29T14:00:00', '2025-02-28', '2025-02-28'], // a Friday (and before the first rule held: its rule)
    ['2026-02-06T08:00:00', '2027-02-06', '2027-02-12'], // Tết 2027 and its compensating days
    ['2026-05-01T08:00:00', '2027-05-01', '2027-05-03'], // 1/5/2027 a Saturday
    ['2027-09-02T08:00:00', '2028-09-02', '2028-09-04'], // 2/9/2028 a Saturday
  ])('the 1-year limit from %s: the corresponding day %s → ends %s', (recorded, counted, ends) => {
    const d = limitationDeadline(rules, at(recorded), new Date(at(recorded)), calendar);
    expect(lastDay(d.dueAt)).toBe(ends);
    expect(d.movedFrom).toBe(counted === ends ? null : counted);
    expect(d.legalRef).toContain('NĐ 168/2024');
  });

  it('the reward follows the data: 10 % of the fine, at most 5,000,000 đồng (NĐ 176/2024)', () => {
    expect(rewardEstimate(rules, 20_000_000, '2026-11-24')).toBe(2_000_000);
    expect(rewardEstimate(rules, 150_000_000, '2026-11-24')).toBe(5_000_000);
    expect(rewardEstimate(rules, 2_500_001, '2026-11-24')).toBe(250_000);
  });
});

describe('the sanction form\'s legal basis from the violation catalog', () => {
  it('cites point, clause and article of the decree; the decree alone without an article', async () => {
    const { vi } = await import('../../../electron/contract/messages.vi');
    expect(vi.workflow.legalBasis('NĐ 168/2024/NĐ-CP', '6.9.b')).toBe('Điểm b khoản 9 Điều 6 NĐ 168/2024/NĐ-CP');
    expect(vi.workflow.legalBasis('NĐ 168/2024/NĐ-CP', '7.7')).toBe('Khoản 7 Điều 7 NĐ 168/2024/NĐ-CP');
    expect(vi.workflow.legalBasis('NĐ 168/2024/NĐ-CP', null)).toBe('NĐ 168/2024/NĐ-CP');
  });
});
