import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/services/audit/chain';
import { pdfText } from '../../support/pdf';
import { backends, form, tempStation } from '../../support/station';

// The audit screen (issue 10.5): the unit's lines newest first, filtered by officer, report, action (or a
// family of them) and period; exported to PDF, the export being a line of its own.

describe.each(backends)('the audit screen on %s', (backend) => {
  let now = new Date('2026-11-23T03:00:00Z');
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => { now = new Date('2026-11-23T03:00:00Z'); t = await tempStation(() => now, backend); }, 60_000);
  afterEach(() => t.close());
  const all = { officerId: null, reportCode: '', action: '', from: null, to: null };

  it('a checkpoint from the screen prints its slip, and the number and hash on it check the chain', async () => {
    const h = t.host.handlers;
    await h['report:create']({ draftId: null, form: form() });
    const c = await h['audit:checkpoint']({});
    const text = pdfText(Buffer.from(c.pdfBase64, 'base64')).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU CHỐT NHẬT KÝ HỆ THỐNG');
    expect(text).toContain(`Mã đối chiếu: ${c.eventId}:${c.eventHash}`);
    expect(text).toContain(`station audit verify --checkpoint ${c.eventId}:${c.eventHash}`);
    expect(await verifyChain(t.station, [{ eventId: c.eventId, hash: c.eventHash }])).toMatchObject({ findings: [] });
    // A hash copied wrong (or a chain rewritten since) does not pass.
    const wrong = `${c.eventHash.slice(0, -1)}${c.eventHash.endsWith('0') ? '1' : '0'}`;
    expect((await verifyChain(t.station, [{ eventId: c.eventId, hash: wrong }])).findings).not.toEqual([]);
    expect((await h['audit:list']({ ...all, action: 'audit.checkpoint' })).lines[0]!.text).toMatch(/^Chốt nhật ký/);
  });

  it('filters by report, action family, officer and period; refuses an unknown report code', async () => {
    const h = t.host.handlers;
    const first = await h['report:create']({ draftId: null, form: form() });
    now = new Date('2026-11-25T03:00:00Z');
    const second = await h['report:create']({ draftId: null, form: form() });
    await h['report:revealReporter']({ id: second.id, reason: 'gọi lại xác minh' });

    const everything = await h['audit:list'](all);
    expect(everything.more).toBe(false);
    expect(everything.lines[0]!.text).toBe('Xem danh tính người phản ánh: gọi lại xác minh');
    expect(everything.lines.map((l) => l.id)).toEqual([...everything.lines.map((l) => l.id)].sort((a, b) => b - a));

    const ofSecond = await h['audit:list']({ ...all, reportCode: second.code.toLowerCase() });
    expect(ofSecond.lines.map((l) => l.text)).toEqual(['Xem danh tính người phản ánh: gọi lại xác minh', expect.stringMatching(/^Tiếp nhận phản ánh/)]);
    expect(ofSecond.lines.every((l) => l.reportCode === second.code)).toBe(true);

    const signIns = await h['audit:list']({ ...all, action: 'auth.' });
    expect(signIns.lines.map((l) => l.text)).toEqual(['Đăng nhập']);
    expect(signIns.lines[0]!.desk).toMatch(/#\d+$/);

    const created = await h['audit:list']({ ...all, action: 'report.created', from: '2026-11-23', to: '2026-11-23' });
    expect(created.lines.map((l) => l.reportCode)).toEqual([first.code]);
    const session = await h['session:get']({});
    expect((await h['audit:list']({ ...all, officerId: session.officer.id })).lines).toHaveLength(everything.lines.length);

    await expect(h['audit:list']({ ...all, reportCode: 'PA-1999-000001' })).rejects.toMatchObject({ code: 'rejected', message: 'Không có phản ánh mã PA-1999-000001.' });
  });

  it('exports the filtered lines to a PDF, and the export is a line', async () => {
    const h = t.host.handlers;
    const r = await h['report:create']({ draftId: null, form: form() });
    await h['report:revealReporter']({ id: r.id, reason: 'gửi thông báo kết quả' });
    const { pdfBase64 } = await h['audit:pdf']({ ...all, reportCode: r.code });
    const text = pdfText(Buffer.from(pdfBase64, 'base64')).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('NHẬT KÝ HỆ THỐNG');
    expect(text).toContain(`Mã phản ánh ${r.code}`);
    expect(text).toContain('Xem danh tính người phản ánh: gửi thông báo kết quả');
    expect(text).not.toContain('Nguyễn Văn An');
    expect((await h['audit:list']({ ...all, action: 'audit.exported' })).lines).toHaveLength(1);
  });
});
