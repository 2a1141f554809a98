import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarAudit } from '../../../db/queries/calendar';
import { createReport, reportDetail } from '../../../electron/services/intake/reports';
import { moveReport } from '../../../electron/services/workflow/cases';
import { backends, form, signInForTest, tempStation } from '../../support/station';

// The days-off calendar through the station's own handlers (the channels' dispatch targets): seeded once,
// listed with computed holidays, edited with an audit line, and followed by the deadlines at once.
describe.each(backends)('%s', (backend) => {
  let now = new Date('2026-08-02T02:00:00Z');
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => {
    now = new Date('2026-08-02T02:00:00Z');
    t = await tempStation(() => now, backend);
  });
  afterEach(async () => { await t.close(); });

  it('lists a year\'s holidays and announced days; adds and removes one, each audited; a deadline follows', async () => {
    const h = t.host.handlers;
    const days2026 = await h['calendar:daysOff']({ year: 2026 });
    expect(days2026.filter((d) => d.kind === 'holiday').map((d) => d.day)).toEqual([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02',
    ]);
    expect(days2026.find((d) => d.day === '2026-02-17')?.name).toBe('Tết Âm lịch (mùng 1 tháng Giêng)');
    // Seeded from resources/catalogs/days-off.json, with name and source.
    const adjacent = days2026.find((d) => d.day === '2026-09-01')!;
    expect(adjacent).toMatchObject({ kind: 'announced', name: 'Nghỉ Quốc khánh (ngày liền kề 2/9)' });
    expect(adjacent.source).not.toBe('');

    // Accepted 02/08/2026: day 30 is 01/09 (announced), then 2/9 → Thursday 03/09.
    const { id } = await createReport(t.station, null, form({ receivedAt: '2026-08-02T09:00', occurredAt: '' }));
    await moveReport(t.station, id, { move: 'verify', complex: false, note: '' });
    const due = async () => (await reportDetail(t.station, id)).workflow.deadlines[0]!;
    expect(await due()).toMatchObject({ dueAt: '2026-09-03T16:59:59.999Z', movedFrom: '2026-09-01' });

    // Removing the announced day: the deadline ends on 01/09 again. Seeding again (a restart) does not bring it back.
    await h['calendar:removeDayOff']({ id: adjacent.id! });
    expect((await due()).dueAt).toBe('2026-09-01T16:59:59.999Z');
    await t.host.close();
    const reopened = await import('../../../electron/host/open-station').then((m) => m.openStation({ dataDir: t.dataDir, now: () => now }));
    await signInForTest(reopened);
    Object.assign(t.host, reopened);
    expect((await reopened.handlers['calendar:daysOff']({ year: 2026 })).some((d) => d.day === '2026-09-01')).toBe(false);

    // Adding 03/09 (a compensating day): day 30 from 04/08 is 03/09 → Friday 04/09.
    const added = await reopened.handlers['calendar:addDayOff']({ day: '2026-09-03', name: 'Nghỉ bù Quốc khánh', source: 'Thông báo thử nghiệm' });
    expect(added.find((d) => d.day === '2026-09-03')).toMatchObject({ kind: 'announced', name: 'Nghỉ bù Quốc khánh', source: 'Thông báo thử nghiệm' });
    await expect(reopened.handlers['calendar:addDayOff']({ day: '2026-09-03', name: 'Lần nữa', source: '' })).rejects.toMatchObject({
      code: 'rejected', message: 'Ngày 03/09/2026 đã là ngày nghỉ trong danh sách (ngày lễ hoặc ngày nghỉ theo thông báo).',
    });
    // A computed public holiday is not added again as an announced day.
    await expect(reopened.handlers['calendar:addDayOff']({ day: '2026-09-02', name: 'Quốc khánh', source: '' })).rejects.toMatchObject({ code: 'rejected' });
    expect((await reportDetail(reopened.station, id)).workflow.deadlines[0]).toMatchObject({ dueAt: '2026-09-01T16:59:59.999Z' });
    now = new Date('2026-08-04T02:00:00Z');
    const later = await createReport(reopened.station, null, form({ receivedAt: '2026-08-04T09:00', occurredAt: '' }));
    await moveReport(reopened.station, later.id, { move: 'verify', complex: false, note: '' });
    expect((await reportDetail(reopened.station, later.id)).workflow.deadlines[0]).toMatchObject({ dueAt: '2026-09-04T16:59:59.999Z', movedFrom: '2026-09-03' });

    const audit = await calendarAudit(reopened.station.db);
    expect(audit.map((a) => [a.action, a.detail.day, a.officerId])).toEqual([
      ['calendar.day-off-added', '2026-09-03', reopened.station.officerId],
      ['calendar.day-off-removed', '2026-09-01', t.station.officerId],
    ]);
    await expect(reopened.handlers['calendar:removeDayOff']({ id: adjacent.id! })).rejects.toMatchObject({ code: 'not-found' });
  });
});
