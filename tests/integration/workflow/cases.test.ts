import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReport, reportDetail, revealReporter } from '../../../electron/services/intake/reports';
import { assignReport, dueList, moveReport, noteReport } from '../../../electron/services/workflow/cases';
import { agencyDirectory, saveAgencyEntry } from '../../../electron/services/workflow/agencies';
import { addOfficerForTest } from '../../support/station';
import { backends, form, tempStation } from '../../support/station';

// The same suite on SQLite and, where STATION_TEST_PG_URL is set, on PostgreSQL.
describe.each(backends)('%s', (backend) => {
  let now = new Date('2026-11-23T03:00:00Z');
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => {
    now = new Date('2026-11-23T03:00:00Z');
    t = await tempStation(() => now, backend);
  });
  afterEach(async () => { await t.close(); });

  it('received → verifying → forwarded → feedback → closed, each move in the history', async () => {
    const { id } = await createReport(t.station, null, form());
    expect((await reportDetail(t.station, id)).workflow.allowedMoves).toEqual(['verify', 'duplicate']);
    await moveReport(t.station, id, { move: 'verify', complex: false, note: '' });
    const verifying = await reportDetail(t.station, id);
    expect(verifying.status).toBe('verifying');
    expect(verifying.workflow.deadlines.map((d) => [d.code, d.daysLeft, d.state])).toEqual([['verification', 30, 'ok'], ['limitation', 365, 'ok']]);
    await moveReport(t.station, id, { move: 'forward', agency: 'Phòng Quản lý đô thị phường Kon Tum', letterNumber: '125/CATP' });
    await expect(moveReport(t.station, id, { move: 'close', note: '' })).rejects.toMatchObject({
      code: 'rejected', message: expect.stringContaining('đề nghị được thông báo kết quả'),
    });
    await moveReport(t.station, id, { move: 'feedback', method: 'letter', date: '2026-11-23', content: 'Đã chuyển Phòng Quản lý đô thị xử lý.' });
    await moveReport(t.station, id, { move: 'close', note: '' });
    const closed = await reportDetail(t.station, id);
    expect(closed.status).toBe('closed');
    expect(closed.workflow.allowedMoves).toEqual(['reopen']);
    expect(closed.workflow.deadlines).toEqual([]);
    expect(closed.history.map((h) => h.detail)).toEqual([
      // Dated when saved, naming when the call came in: the two never contradict each other.
      'Tiếp nhận phản ánh: PA-2026-000001; tiếp nhận lúc 09:30 23/11/2026',
      'Nhận xác minh',
      'Chuyển cơ quan có thẩm quyền: Phòng Quản lý đô thị phường Kon Tum, Số công văn 125/CATP',
      'Thông báo kết quả cho người phản ánh: Văn bản 23/11/2026: Đã chuyển Phòng Quản lý đô thị xử lý.',
      'Kết thúc',
    ]);
    await moveReport(t.station, id, { move: 'reopen', reason: 'Người dân cung cấp thêm video.', restartClock: false });
    expect((await reportDetail(t.station, id)).status).toBe('verifying');
  });

  it('reopens keeping the original verification deadline, or restarting it from the day of reopening', async () => {
    // Accepted 23/11/2026: 30 days end on Wednesday 23/12/2026.
    const kept = await createReport(t.station, null, form());
    const restarted = await createReport(t.station, null, form());
    for (const r of [kept, restarted]) {
      await moveReport(t.station, r.id, { move: 'verify', complex: false, note: '' });
      await moveReport(t.station, r.id, { move: 'no_grounds', reason: 'Không rõ biển số.' });
    }
    now = new Date('2027-01-04T02:00:00Z'); // Monday 04/01/2027, 09:00 station time
    await moveReport(t.station, kept.id, { move: 'reopen', reason: 'Có thêm ảnh rõ biển số.', restartClock: false });
    await moveReport(t.station, restarted.id, { move: 'reopen', reason: 'Có thêm video.', restartClock: true });

    const k = await reportDetail(t.station, kept.id);
    expect(k.status).toBe('verifying');
    expect(k.workflow.deadlines[0]).toMatchObject({
      code: 'verification', dueAt: '2026-12-23T16:59:59.999Z', state: 'overdue', daysLeft: -12, reopened: { on: '2027-01-04', restarted: false },
    });
    expect(k.history.at(-1)?.detail).toBe('Mở lại: Có thêm ảnh rõ biển số.; giữ hạn xác minh ban đầu');

    const r = await reportDetail(t.station, restarted.id);
    // From 04/01/2027: day 30 is Wednesday 03/02/2027.
    expect(r.workflow.deadlines[0]).toMatchObject({
      code: 'verification', dueAt: '2027-02-03T16:59:59.999Z', state: 'ok', daysLeft: 30, reopened: { on: '2027-01-04', restarted: true },
    });
    expect(r.history.at(-1)?.detail).toBe('Mở lại: Có thêm video.; tính lại hạn xác minh từ ngày mở lại');
    const moves = await t.station.db.selectFrom('report_moves').select(['report_id', 'detail']).where('move', '=', 'reopen').orderBy('id').execute();
    expect(moves.map((m) => [m.report_id, JSON.parse(m.detail).restartClock])).toEqual([[kept.id, false], [restarted.id, true]]);

    // A report never taken into verification has no deadline to keep: reopening starts its clock.
    const dup = await createReport(t.station, null, form());
    await moveReport(t.station, dup.id, { move: 'duplicate', ofCode: kept.code });
    await moveReport(t.station, dup.id, { move: 'reopen', reason: 'Không trùng.', restartClock: false });
    expect((await reportDetail(t.station, dup.id)).workflow.deadlines[0]).toMatchObject({ code: 'verification', daysLeft: 30, reopened: { restarted: true } });
  });

  it('refuses moves the state machine forbids, in Vietnamese', async () => {
    const { id } = await createReport(t.station, null, form({ ongoing: false }));
    await expect(moveReport(t.station, id, { move: 'dispatch', note: '' })).rejects.toMatchObject({ message: 'Chỉ điều lực lượng khi vi phạm đang diễn ra.' });
    await expect(moveReport(t.station, id, { move: 'sanction', decisionNumber: '1', decisionDate: '2026-11-23', legalBasis: '6.9.b', fineVnd: 1, violatorName: '', violatorAddress: '' }))
      .rejects.toMatchObject({ message: 'Không thể "Xử phạt" khi phản ánh đang ở trạng thái "Đã tiếp nhận".' });
    const urgent = await createReport(t.station, null, form({ ongoing: true }));
    await moveReport(t.station, urgent.id, { move: 'dispatch', note: 'Tổ 2 đến hiện trường' });
    expect((await reportDetail(t.station, urgent.id)).status).toBe('dispatched');
  });

  it('links a duplicate to the report it repeats, and estimates the reward of a sanction (10 %, at most 5,000,000)', async () => {
    const first = await createReport(t.station, null, form());
    const second = await createReport(t.station, null, form());
    await expect(moveReport(t.station, second.id, { move: 'duplicate', ofCode: 'PA-2026-000099' })).rejects.toMatchObject({ code: 'rejected' });
    await expect(moveReport(t.station, second.id, { move: 'duplicate', ofCode: second.code })).rejects.toMatchObject({ code: 'rejected' });
    await moveReport(t.station, second.id, { move: 'duplicate', ofCode: first.code.toLowerCase() });
    expect((await reportDetail(t.station, second.id)).history.at(-1)?.detail).toBe(`Đánh dấu trùng phản ánh khác: Mã phản ánh trùng ${first.code}`);

    await moveReport(t.station, first.id, { move: 'verify', complex: true, note: '' });
    // A decision dated tomorrow would put a false date in the register.
    await expect(moveReport(t.station, first.id, { move: 'sanction', decisionNumber: '0123/QĐ-XPHC', decisionDate: '2026-11-24', legalBasis: 'NĐ 168/2024 Đ6.9.b', fineVnd: 20_000_000, violatorName: '', violatorAddress: '' }))
      .rejects.toMatchObject({ code: 'rejected', message: 'Ngày quyết định (24/11/2026) là ngày trong tương lai: ghi đúng ngày đã ký hoặc đã thông báo.' });
    await moveReport(t.station, first.id, { move: 'sanction', decisionNumber: '0123/QĐ-XPHC', decisionDate: '2026-11-23', legalBasis: 'NĐ 168/2024 Đ6.9.b', fineVnd: 20_000_000, violatorName: '', violatorAddress: '' });
    expect((await reportDetail(t.station, first.id)).workflow.rewardVnd).toBe(2_000_000);
    const big = await createReport(t.station, null, form());
    await moveReport(t.station, big.id, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, big.id, { move: 'sanction', decisionNumber: '0124/QĐ-XPHC', decisionDate: '2026-11-23', legalBasis: 'NĐ 168/2024 Đ21.8.a', fineVnd: 150_000_000, violatorName: '', violatorAddress: '' });
    expect((await reportDetail(t.station, big.id)).workflow.rewardVnd).toBe(5_000_000);
    // The same citizen (same CCCD) now has two reports that led to a sanction.
    expect((await revealReporter(t.station, big.id, 'gọi lại xác minh')).confirmedReports).toBe(2);
  });

  it('lists what is due: 29 days into verification is due soon, past 30 overdue, feedback owed; closed reports are not listed', async () => {
    now = new Date('2026-10-25T02:00:00Z');
    const soon = await createReport(t.station, null, form({ receivedAt: '2026-10-25T09:00', occurredAt: '' }));
    await moveReport(t.station, soon.id, { move: 'verify', complex: false, note: '' });
    now = new Date('2026-10-15T02:00:00Z');
    const late = await createReport(t.station, null, form({ receivedAt: '2026-10-15T09:00', occurredAt: '' }));
    await moveReport(t.station, late.id, { move: 'verify', complex: false, note: '' });
    const owed = await createReport(t.station, null, form({ receivedAt: '2026-10-15T10:00', occurredAt: '' }));
    await moveReport(t.station, owed.id, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, owed.id, { move: 'no_grounds', reason: 'Không xác định được biển số.' });
    const done = await createReport(t.station, null, form({ receivedAt: '2026-10-15T11:00', occurredAt: '', reporter: { anonymous: true } }));
    await moveReport(t.station, done.id, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, done.id, { move: 'no_grounds', reason: 'Hình ảnh không rõ.' });
    await moveReport(t.station, done.id, { move: 'close', note: '' });

    now = new Date('2026-11-23T02:00:00Z');
    const due = await dueList(t.station);
    expect(due.total).toBe(3);
    expect(due.items.map((d) => [d.report.code, d.deadlines.map((x) => `${x.code}:${x.state}:${x.daysLeft}`), d.feedbackOwed])).toEqual([
      // Accepted 15/10: day 30 is Saturday 14/11, so the deadline ends Monday 16/11 (BLDS 2015 Đ148.5).
      [late.code, ['verification:overdue:-7'], false],
      [soon.code, ['verification:due-soon:1'], false],
      [owed.code, [], true],
    ]);
  });

  it('the list cut short keeps the most pressing: clocks started Thursday, Friday and Saturday end the same Monday, the first saved goes first', async () => {
    const accepted: number[] = [];
    // Saved Saturday 17/10, Friday 16/10, Thursday 15/10, each taken to verify that day: all due Monday 16/11.
    for (const day of ['17', '16', '15']) {
      now = new Date(`2026-10-${day}T02:00:00Z`);
      const r = await createReport(t.station, null, form({ receivedAt: `2026-10-${day}T09:00`, occurredAt: '' }));
      await moveReport(t.station, r.id, { move: 'verify', complex: false, note: '' });
      accepted.push(r.id);
    }
    now = new Date('2026-11-23T02:00:00Z');
    const whole = await dueList(t.station);
    expect(whole.items.map((d) => d.report.id)).toEqual(accepted);
    expect(new Set(whole.items.map((d) => d.deadlines[0]!.daysLeft)).size).toBe(1);
    const cut = await dueList(t.station, 1);
    expect(cut.items.map((d) => d.report.id)).toEqual([accepted[0]]);
    expect(cut.total).toBe(3);
  });

  it('assigns a report to an officer of the unit, takes notes, all in the history', async () => {
    const { id } = await createReport(t.station, null, form());
    const officerId = await addOfficerForTest(t.station, 'Đặng Quốc Dũng');
    await assignReport(t.station, id, officerId);
    await noteReport(t.station, id, 'Đã gọi lại cho người phản ánh, hẹn mang USB lên trụ sở.'.normalize('NFD'));
    const r = await reportDetail(t.station, id);
    expect(r.workflow.assignedTo).toBe(officerId);
    expect(r.history.map((h) => h.detail).slice(1)).toEqual([
      'Giao xử lý: Đặng Quốc Dũng',
      'Ghi chú: Đã gọi lại cho người phản ánh, hẹn mang USB lên trụ sở.',
    ]);
    await expect(assignReport(t.station, id, 99_999)).rejects.toMatchObject({ code: 'rejected' });
    await assignReport(t.station, id, null);
    expect((await reportDetail(t.station, id)).workflow.assignedTo).toBeNull();
  });

  it('keeps an agency directory: the seed areas\' agencies as presets, editable, new ones added', async () => {
    const presets = await agencyDirectory(t.station);
    expect(presets.map((a) => a.name)).toContain('Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum');
    const sxd = presets.find((a) => a.name === 'Sở Xây dựng tỉnh Quảng Ngãi')!;
    await saveAgencyEntry(t.station, { ...sxd, email: 'vanthu.sxd@quangngai.gov.vn' });
    const after = await saveAgencyEntry(t.station, { id: null, name: 'Khu Quản lý đường bộ III', kind: 'infrastructure', address: 'Đà Nẵng', email: '' });
    expect(after.find((a) => a.id === sxd.id)?.email).toBe('vanthu.sxd@quangngai.gov.vn');
    expect(after.map((a) => a.name)).toContain('Khu Quản lý đường bộ III');
  });
});
