import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReport } from '../../../electron/services/intake/reports';
import { exportReports } from '../../../electron/services/statistics/exports';
import { rewardList, rewardListPdf, setReward } from '../../../electron/services/statistics/rewards';
import { moveReport } from '../../../electron/services/workflow/cases';
import { pdfText } from '../../support/pdf';
import { backends, form, tempStation } from '../../support/station';

// Rewards (NĐ 176/2024 as the rules hold it: 10 % of the fine, at most 5,000,000 đồng a case): proposed for every
// sanction that stands, approved by a leader up to the proposed amount, then paid; an anonymous report has no one to
// reward; a reopened sanction leaves the list; the list for approval names reporters by code only.

describe.each(backends)('%s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => { t = await tempStation(undefined, backend); });
  afterEach(async () => { await t.close(); });

  async function sanctioned(fineVnd: number, anonymous = false) {
    const { id, code } = await createReport(t.station, null, form({
      reporter: anonymous ? { anonymous: true, fullName: '', cccd: '', phone: '', address: '', birthYear: '', wantsFeedback: false } : { wantsFeedback: false },
    }));
    await moveReport(t.station, id, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, id, {
      move: 'sanction', decisionNumber: `${id}/QĐ-XPHC`, decisionDate: '2026-11-23', legalBasis: 'NĐ 168/2024/NĐ-CP', fineVnd, violatorName: '', violatorAddress: '',
    });
    return { id, code };
  }
  const period = { from: '2026-11-01', to: '2026-11-30' };

  it('proposes 10 % of each fine, at most 5,000,000 đồng; moves proposed → approved → paid, each an audit line', async () => {
    const small = await sanctioned(4_000_000);
    const large = await sanctioned(75_000_000);
    const rows = await rewardList(t.station, period);
    expect(rows.map((r) => [r.code, r.fineVnd, r.proposedVnd, r.status])).toEqual([
      [small.code, 4_000_000, 400_000, 'proposed'], [large.code, 75_000_000, 5_000_000, 'proposed'],
    ]);
    expect(rows[0]!.reporter).toMatch(/^NPA-\d{6}$/);

    await expect(setReward(t.station, { reportId: large.id, status: 'paid', amountVnd: null, note: '' })).rejects.toMatchObject({ code: 'rejected' });
    await expect(setReward(t.station, { reportId: large.id, status: 'approved', amountVnd: 6_000_000, note: '' }))
      .rejects.toMatchObject({ message: expect.stringContaining('5.000.000') });
    await setReward(t.station, { reportId: large.id, status: 'approved', amountVnd: 3_000_000, note: 'QĐ khen thưởng 12/QĐ-KT' });
    await setReward(t.station, { reportId: large.id, status: 'paid', amountVnd: null, note: 'Phiếu chi 45' });
    await expect(setReward(t.station, { reportId: large.id, status: 'approved', amountVnd: null, note: '' })).rejects.toMatchObject({ code: 'rejected' });
    const after = (await rewardList(t.station, period)).find((r) => r.reportId === large.id)!;
    expect([after.status, after.amountVnd, after.note]).toEqual(['paid', 3_000_000, 'Phiếu chi 45']);
    const audit = await t.station.db.selectFrom('audit_events').select(['action', 'detail']).where('report_id', '=', large.id).where('action', '=', 'reward.status').execute();
    expect(audit.map((a) => (JSON.parse(a.detail) as { to: string }).to)).toEqual(['approved', 'paid']);
  });

  it('an anonymous report cannot be approved; an approval taken back is proposed again; a reopened sanction leaves the list', async () => {
    const anonymous = await sanctioned(2_000_000, true);
    const known = await sanctioned(2_000_000);
    await expect(setReward(t.station, { reportId: anonymous.id, status: 'approved', amountVnd: null, note: '' }))
      .rejects.toMatchObject({ message: expect.stringContaining('giấu tên') });
    expect((await rewardList(t.station, period)).find((r) => r.reportId === anonymous.id)!.reporter).toBeNull();
    await setReward(t.station, { reportId: known.id, status: 'approved', amountVnd: null, note: '' });
    await setReward(t.station, { reportId: known.id, status: 'proposed', amountVnd: null, note: 'Duyệt nhầm' });
    expect((await rewardList(t.station, period)).find((r) => r.reportId === known.id)!.status).toBe('proposed');
    await moveReport(t.station, known.id, { move: 'reopen', reason: 'Người vi phạm khiếu nại.', restartClock: true });
    expect((await rewardList(t.station, period)).map((r) => r.reportId)).toEqual([anonymous.id]);
  });

  it('reopening a sanction takes back an approval not yet paid; a paid reward stays listed as paid, and cannot move', async () => {
    const approved = await sanctioned(3_000_000);
    const paid = await sanctioned(3_000_000);
    await setReward(t.station, { reportId: approved.id, status: 'approved', amountVnd: null, note: '' });
    await setReward(t.station, { reportId: paid.id, status: 'approved', amountVnd: 200_000, note: '' });
    await setReward(t.station, { reportId: paid.id, status: 'paid', amountVnd: null, note: 'Phiếu chi 9' });
    for (const r of [approved, paid]) await moveReport(t.station, r.id, { move: 'reopen', reason: 'Khiếu nại.', restartClock: true });
    const rows = await rewardList(t.station, period);
    expect(rows.map((r) => [r.reportId, r.status, r.amountVnd, r.standing])).toEqual([[paid.id, 'paid', 200_000, false]]);
    await expect(setReward(t.station, { reportId: paid.id, status: 'proposed', amountVnd: null, note: '' })).rejects.toMatchObject({ code: 'rejected' });
    const lines = await t.station.db.selectFrom('audit_events').select('detail').where('report_id', '=', approved.id).where('action', '=', 'reward.status').execute();
    expect(lines.map((l) => (JSON.parse(l.detail) as { to: string; reopened?: boolean }))).toMatchObject([{ to: 'approved' }, { to: 'proposed', reopened: true }]);
    // The list of reports no longer says it was sanctioned.
    const csv = Buffer.from((await exportReports(t.station, {
      filter: { ...period, communeCode: null, violationCode: null, channel: null, outcome: null }, columns: ['code', 'outcome', 'decisionNumber'], format: 'csv',
    })).base64, 'base64').toString('utf8');
    expect(csv).toContain(`${paid.code},,\r\n`);
  });

  it('a decision is judged once: a rule changed before the report is closed leaves its reward as proposed then', async () => {
    const { id } = await sanctioned(10_000_000);
    await t.station.db.updateTable('deadline_rules').set({ share_permille: 50 }).where('code', '=', 'reward').execute();
    await moveReport(t.station, id, { move: 'close', note: '' });
    expect((await rewardList(t.station, period)).find((r) => r.reportId === id)!.proposedVnd).toBe(1_000_000);
  });

  it('two desks approving the same reward at once: one succeeds, the other is told', async () => {
    const { id } = await sanctioned(3_000_000);
    const results = await Promise.allSettled([1, 2].map(() => setReward(t.station, { reportId: id, status: 'approved', amountVnd: null, note: '' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'rejected' } });
  });

  it('the list for approval reads back with the codes, amounts and totals, and no reporter name', async () => {
    const a = await sanctioned(4_000_000);
    const b = await sanctioned(75_000_000);
    const text = pdfText(await rewardListPdf(t.station, period)).join('\n').replace(/[ \t]+/g, ' ');
    expect(text).toContain('DANH SÁCH ĐỀ NGHỊ THƯỞNG');
    for (const code of [a.code, b.code]) expect(text).toContain(code);
    expect(text).toContain('400.000');
    expect(text).toContain('5.000.000');
    expect(text).toContain('79.000.000'); // the fines' total
    expect(text).toContain('5.400.000'); // the rewards' total
    expect(text).toMatch(/NĐ 176\/2024/);
    expect(text).not.toContain('Nguyễn Văn An');
  });
});
