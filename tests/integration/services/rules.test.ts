import { afterEach, describe, expect, it } from 'vitest';
import { upsertDeadlineRules } from '../../../db/queries/rules';
import { shippedRules } from '../../../electron/services/workflow/rules';
import { backends, form, tempStation } from '../../support/station';

// Issue 11.2: the deadline, reward and legal-basis rules are the admin's. A new text changing a time limit is a
// new rule from the day it takes effect; reports follow the rule of the day their clock started; the cited bases
// follow the admin's wording at once; a new catalog version keeps the admin's rules.

describe.each(backends)('rules on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  it('a new verification rule from a day: reports accepted from then follow it; the basis of a moved last day is the admin\'s', async () => {
    t = await tempStation(undefined, backend); // now: Monday 23/11/2026, 10:00 station time
    const h = t.host.handlers;
    const rules = await h['admin:rules']({});
    const current = rules.find((r) => r.code === 'verification' && r.effectiveUntil === null)!;
    const entry = (r: typeof current) => ({
      id: r.id, code: r.code, days: r.days, complexDays: r.complexDays, years: r.years, warnDays: r.warnDays, share: r.share, capVnd: r.capVnd,
      legalRef: r.legalRef, effectiveFrom: r.effectiveFrom, effectiveUntil: r.effectiveUntil,
    });
    await h['admin:saveRule']({ ...entry(current), effectiveUntil: '2026-10-31' });
    await h['admin:saveRule']({ ...entry(current), id: null, days: 20, complexDays: 40, legalRef: 'NĐ 99/2026/NĐ-CP, Điều 5', effectiveFrom: '2026-11-01' });

    const { id } = await h['report:create']({ draftId: null, form: form() });
    await h['report:move']({ id, input: { move: 'verify', complex: false, note: '' } });
    const verification = (await h['report:get']({ id })).workflow.deadlines.find((d) => d.code === 'verification')!;
    // 23/11 + 20 days = Sunday 13/12: the last day moves to Monday 14/12.
    expect(verification).toMatchObject({ legalRef: 'NĐ 99/2026/NĐ-CP, Điều 5', movedFrom: '2026-12-13', movedBy: 'Bộ luật Dân sự 2015, Điều 148 khoản 5' });
    expect(verification.dueAt.startsWith('2026-12-14')).toBe(true);

    const basis = (await h['admin:rules']({})).find((r) => r.code === 'working_days')!;
    await h['admin:saveRule']({ ...entry(basis), legalRef: 'Bộ luật Dân sự số 91/2015/QH13, Điều 148 khoản 5' });
    expect((await h['report:get']({ id })).workflow.deadlines.find((d) => d.code === 'verification')!.movedBy).toBe('Bộ luật Dân sự số 91/2015/QH13, Điều 148 khoản 5');
    expect((await h['catalog:get']({})).legalBases.workingDays).toBe('Bộ luật Dân sự số 91/2015/QH13, Điều 148 khoản 5');

    // A new catalog version: the rules the admin edited stay; the admin is shown what the catalog says.
    await upsertDeadlineRules(t.station.db, { version: '2027.01.1', rules: shippedRules.rules.map((r) => (r.code === 'working_days' ? { ...r, legalRef: 'BLDS 2015, Đ148.5' } : r)) }, '2027-01-02T00:00:00.000Z');
    const after = await h['admin:rules']({});
    expect(after.find((r) => r.code === 'working_days')).toMatchObject({ legalRef: 'Bộ luật Dân sự số 91/2015/QH13, Điều 148 khoản 5', edited: true, catalogSays: [{ field: 'Căn cứ pháp lý', value: 'BLDS 2015, Đ148.5' }] });
    expect(after.filter((r) => r.code === 'verification').map((r) => [r.legalRef, r.effectiveFrom, r.effectiveUntil])).toEqual([
      ['NĐ 135/2021/NĐ-CP, Điều 8', '2022-01-01', '2026-03-31'],
      ['NĐ 61/2026/NĐ-CP, Điều 21', '2026-04-01', '2026-10-31'],
      ['NĐ 99/2026/NĐ-CP, Điều 5', '2026-11-01', null],
    ]);
    const lines = await t.station.db.selectFrom('audit_events').select('action').where('action', '=', 'admin.rule-saved').execute();
    expect(lines).toHaveLength(3);
  });

  it('a rule missing its figures or with its days upside down is refused', async () => {
    t = await tempStation(undefined, backend);
    const { dispatch } = await import('../../../electron/host/dispatch');
    const base = { id: null, code: 'reward', days: null, complexDays: null, years: null, warnDays: null, share: null, capVnd: 5_000_000, legalRef: 'NĐ 176/2024/NĐ-CP', effectiveFrom: '2027-01-01', effectiveUntil: null };
    expect(await dispatch(t.host.handlers, 'admin:saveRule', base, () => {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(t.host.handlers, 'admin:saveRule', { ...base, share: 0.1, effectiveUntil: '2026-12-31' }, () => {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(t.host.handlers, 'admin:saveRule', { ...base, share: 0.1 }, () => {})).toMatchObject({ ok: true });
  });
});
