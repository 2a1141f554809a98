import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueDocument, issuedDocumentFile, issueRegister, nextNumber } from '../../../electron/services/documents/issue';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// Numbering without waste: the confirmation shows the number an issue takes; a number is taken only by an
// issue; a kind already issued for the report (the register for the same period) needs a reason to be
// issued again, and the reason is kept; a reprint is the kept file, byte for byte.

const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: '', name: 'Lê Thị Hoa' };
const intake = { kind: 'intake_form' as const, params: { signer } };
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(backends)('numbering on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  beforeEach(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
  }, 60_000);
  afterEach(() => t.close());

  it('shows the number an issue would take, takes none by showing it, and issues that number', async () => {
    const shown = await nextNumber(t.station, 'intake_form', { reportId });
    expect(shown).toEqual({ number: '01/PTN-PC08', previous: [] });
    expect((await nextNumber(t.station, 'intake_form', { reportId })).number).toBe('01/PTN-PC08');
    const issued = await issueDocument(t.station, reportId, intake, null);
    expect(issued.number).toBe(shown.number);
    expect(issued.reissueReason).toBeNull();
    // Another kind has its own register; a letter carries the drafting unit after the issuer.
    expect((await nextNumber(t.station, 'forwarding_letter', { reportId })).number).toBe('01/PC08-TM');
  });

  it('refuses a second issue of the same kind without a reason; with one, the reason is kept and written in the history', async () => {
    const first = await issueDocument(t.station, reportId, intake, null);
    await expect(issueDocument(t.station, reportId, intake, null)).rejects.toThrow(/đã được cấp số 01\/PTN-PC08/);
    const next = await nextNumber(t.station, 'intake_form', { reportId });
    expect(next.number).toBe('02/PTN-PC08'); // the refusal took no number
    expect(next.previous.map((d) => d.number)).toEqual([first.number]);
    const second = await issueDocument(t.station, reportId, intake, 'Sai chức danh người ký');
    expect(second).toMatchObject({ number: '02/PTN-PC08', reissueReason: 'Sai chức danh người ký' });
    const line = await t.station.db.selectFrom('audit_events').select('detail')
      .where('report_id', '=', reportId).where('action', '=', 'document.intake_form').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(line.detail)).toEqual({ number: '02/PTN-PC08', reissueReason: 'Sai chức danh người ký' });
    // The reprint is the kept file: the same bytes as issued.
    expect(sha((await issuedDocumentFile(t.station, first.id)).bytes)).toBe(first.sha256);
  });

  it('a reason given for a first issue is not recorded (nothing was issued before)', async () => {
    expect((await issueDocument(t.station, reportId, intake, 'không cần')).reissueReason).toBeNull();
  });

  it('the register for the same period likewise; another period is a first issue', async () => {
    const period = { from: '2026-11-01', to: '2026-11-23' };
    expect(await nextNumber(t.station, 'register', { period })).toEqual({ number: '01/SO-PC08', previous: [] });
    const first = await issueRegister(t.station, period, null);
    await expect(issueRegister(t.station, period, null)).rejects.toThrow(/đã được cấp số 01\/SO-PC08/);
    expect((await nextNumber(t.station, 'register', { period })).previous.map((d) => d.id)).toEqual([first.id]);
    expect((await issueRegister(t.station, period, 'Bổ sung phản ánh nhận muộn')).number).toBe('02/SO-PC08');
    const other = { from: '2026-11-01', to: '2026-11-22' };
    expect((await nextNumber(t.station, 'register', { period: other })).previous).toEqual([]);
    expect((await issueRegister(t.station, other, null)).reissueReason).toBeNull();
  });
});
