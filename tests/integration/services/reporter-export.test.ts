import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentRequest } from '../../../electron/contract/schemas';
import { issueDocument } from '../../../electron/services/documents/issue';
import type { ReporterExport } from '../../../electron/services/intake/reporter-export';
import { pdfText } from '../../support/pdf';
import { backends, form, tempStation } from '../../support/station';

// The reporter's right of access (issue 10.6): everything held about one person, found across the unit's reports
// by their identity number through the blind index, as a PDF and as JSON; nobody else's data in it; the export
// written in each of their reports' history with its reason.

const person = { anonymous: false, fullName: 'Vũ Thị Thanh Hương', birthYear: '1979', cccd: '001179003344', phone: '0912 000 111', wantsFeedback: true };
const other = { anonymous: false, fullName: 'Lò Văn Páo', birthYear: '1990', cccd: '011090005566', address: 'Bản Mường', phone: '0977 555 666', wantsFeedback: false };
const officer = { authority: null, title: 'Cán bộ tiếp nhận', rank: 'Đại úy', name: 'Lê Thị Hoa' };
const handover: DocumentRequest = {
  kind: 'handover', params: { handedOverAt: '2026-11-23T02:45:00.000Z', medium: { kind: 'usb', label: 'USB đen', capacity: '32 GB', broughtBy: '' }, signer: officer },
};

describe.each(backends)('%s: exporting what is held about a reporter', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  afterEach(() => t?.close());

  it('gathers the person\'s reports, documents and every look at them, and nothing of anyone else', async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    const h = t.host.handlers;
    const first = await h['report:create']({ draftId: null, form: form({ callerPhone: person.phone, reporter: { ...person, address: 'Tổ 1, phường Kon Tum' } }) });
    const second = await h['report:create']({ draftId: null, form: form({ callerPhone: '0260 111 222', reporter: { ...person, address: 'Tổ 7, phường Đăk Cấm' } }) });
    const theirs = await h['report:create']({ draftId: null, form: form({ callerPhone: other.phone, reporter: other }) });
    await issueDocument(t.station, first.id, handover, null);
    await issueDocument(t.station, theirs.id, handover, null);
    await h['report:revealReporter']({ id: first.id, reason: 'gọi lại xác minh biển số' });

    const out = await h['report:exportReporter']({ id: second.id, reason: 'Đơn đề nghị cung cấp dữ liệu ngày 23/11/2026' });
    const json = Buffer.from(out.jsonBase64, 'base64').toString('utf8');
    const data = JSON.parse(json) as ReporterExport;
    expect(data.person).toEqual({ fullName: person.fullName, birthYear: '1979', cccd: person.cccd, address: 'Tổ 7, phường Đăk Cấm', phone: person.phone });
    expect(data.reports.map((r) => r.code)).toEqual([first.code, second.code]);
    expect(data.reports.map((r) => r.identityAsGiven.address)).toEqual(['Tổ 1, phường Kon Tum', 'Tổ 7, phường Đăk Cấm']);
    expect(data.reports.map((r) => r.callerPhone)).toEqual([person.phone, '0260 111 222']);
    expect(data.reports[0]!.documentsNamingThem).toEqual([expect.objectContaining({ kind: 'Biên bản giao nhận dữ liệu', number: expect.stringMatching(/^01\//) })]);
    expect(data.reports[0]!.looksAtIdentity.map((l) => l.what)).toEqual(expect.arrayContaining([expect.stringContaining('gọi lại xác minh biển số')]));
    expect(data.reports[1]!.documentsNamingThem).toEqual([]);

    const text = pdfText(Buffer.from(out.pdfBase64, 'base64')).join('\n').replace(/\s+/g, ' ');
    for (const part of ['DỮ LIỆU CÁ NHÂN CỦA NGƯỜI PHẢN ÁNH', 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15', person.fullName, person.cccd, first.code, second.code,
      'Đơn đề nghị cung cấp dữ liệu ngày 23/11/2026', 'gọi lại xác minh biển số']) expect(text).toContain(part);
    for (const leak of [other.fullName, other.cccd, other.phone, theirs.code]) {
      expect(json).not.toContain(leak);
      expect(text).not.toContain(leak);
    }

    const lines = await t.station.db.selectFrom('audit_events').select(['report_id', 'detail']).where('action', '=', 'reporter.exported').orderBy('report_id').execute();
    expect(lines).toEqual([first.id, second.id].map((id) => ({ report_id: id, detail: JSON.stringify({ reason: 'Đơn đề nghị cung cấp dữ liệu ngày 23/11/2026' }) })));
  }, 60_000);

  it('without an identity number, the same phone is the same person, but not someone with their own identity number', async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    const h = t.host.handlers;
    const noCard = { ...person, fullName: 'Hà Văn Tư', cccd: '', phone: '0933 222 111', address: 'Tổ 2' };
    const a = await h['report:create']({ draftId: null, form: form({ reporter: noCard }) });
    const b = await h['report:create']({ draftId: null, form: form({ reporter: { ...noCard, address: 'Tổ 4' } }) });
    const relative = await h['report:create']({ draftId: null, form: form({ reporter: { ...noCard, fullName: 'Hà Thị Năm', cccd: '001190007788' } }) });
    const data = JSON.parse(Buffer.from((await h['report:exportReporter']({ id: a.id, reason: 'đơn đề nghị' })).jsonBase64, 'base64').toString('utf8')) as ReporterExport;
    expect(data.reports.map((r) => r.code)).toEqual([a.code, b.code]);
    expect(JSON.stringify(data)).not.toContain('Hà Thị Năm');
    expect(JSON.stringify(data)).not.toContain(relative.code);
  });

  it('an anonymous report has no one to export', async () => {
    t = await tempStation(undefined, backend);
    const { id } = await t.host.handlers['report:create']({ draftId: null, form: form({ reporter: { anonymous: true } }) });
    await expect(t.host.handlers['report:exportReporter']({ id, reason: 'đơn đề nghị' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
