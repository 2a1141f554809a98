import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueDocument, issuedDocumentFile, issueRegister, previewDocument } from '../../../electron/services/documents/issue';
import { importFiles } from '../../../electron/services/evidence/import';
import { listEvidence } from '../../../electron/services/evidence/list';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { moveReport } from '../../../electron/services/workflow/cases';
import { makeJpeg } from '../../support/media';
import { pdfText, pngInfo, renderPages } from '../../support/pdf';
import { form, tempStation } from '../../support/station';

// Documents read back (pdf.js) and rendered (pdftoppm). The PNGs stay in tests/.artifacts/documents.
const artifacts = join(import.meta.dirname, '..', '..', '.artifacts', 'documents');
const DPI = 80;
const signer = { authority: { mark: 'KT.' as const, of: 'Trưởng phòng' }, title: 'Phó Trưởng phòng', name: 'Trần Văn Bình' };
const agency = 'Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum';

let t: Awaited<ReturnType<typeof tempStation>>;
let reportId: number;
let usb: string;
beforeAll(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  usb = mkdtempSync(join(tmpdir(), 'station-doc-usb-'));
  await makeJpeg(join(usb, 'IMG_0001.jpg'), { taken: '2026:11:23 08:00:00', offset: '+07:00' });
}, 60_000);
afterAll(() => rmSync(usb, { recursive: true, force: true }));
// Each test issues from a station of its own (one report, one photo): registers number from 1, and the
// report is in the state the test puts it in, whatever ran before.
beforeEach(async () => {
  t = await tempStation(() => new Date('2026-11-23T03:00:00Z'));
  ({ id: reportId } = await createReport(t.station, null, form({
    callerPhone: '0912 345 678',
    description: 'Xe tải chở cát không che phủ, để rơi vãi trên đường Đống Đa.',
    violationCodes: ['spilling_load'],
    vehicles: [{ plate: '82c12345', vehicleType: 'truck', colour: 'xanh', brand: 'Hino', features: '', ownerName: '', driverName: '' }],
    reporter: { anonymous: false, fullName: 'Nguyễn Văn An', birthYear: '1990', cccd: '062090001234', address: 'Tổ 3, phường Kon Tum', phone: '0987 654 321', wantsFeedback: true },
  })));
  await importFiles(t.station, { reportId, files: (await scanFolder(usb)).files, sourceLabel: 'USB' });
}, 60_000);
afterEach(() => t.close());

describe('forwarding letter (công văn chuyển thông tin phản ánh)', () => {
  it('has the NĐ 30/2020 parts, the evidence with hashes, NFC text, and never the reporter', async () => {
    const issued = await issueDocument(t.station, reportId, { kind: 'forwarding_letter', params: { agency, signer } });
    const pdf = readFileSync((await issuedDocumentFile(t.station, issued.id)).path);
    // Lines wrap where the layout wraps them: compare with white space folded.
    const text = (pdfText(pdf)).join('\n').replace(/\s+/g, ' ');
    for (const part of [
      'CÔNG AN TỈNH KON TUM', 'PHÒNG CẢNH SÁT GIAO THÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 1/PC08', 'Kon Tum, ngày 23 tháng 11 năm 2026', 'V/v chuyển thông tin phản ánh vi phạm', 'Kính gửi:', `${agency}.`,
      'Xe tải chở cát không che phủ, để rơi vãi trên đường Đống Đa.', '82C-123.45', 'KT. TRƯỞNG PHÒNG', 'PHÓ TRƯỞNG PHÒNG',
      'Trần Văn Bình', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, PC08.', 'IMG_0001.jpg',
    ]) expect(text).toContain(part);
    const [evidence] = await listEvidence(t.station, reportId);
    expect(text).toContain(evidence!.sha256.slice(0, 32));
    expect(text).toContain(evidence!.sha256.slice(32));
    expect(text).toBe(text.normalize('NFC'));
    for (const secret of ['Nguyễn Văn An', '062090001234', '0987 654 321', '0987654321', '0912 345 678', '0912345678', 'Tổ 3']) {
      expect(text).not.toContain(secret);
    }
  });

  it('numbers documents consecutively per kind and year; the issued file is kept read-only under its SHA-256', async () => {
    const first = await issueDocument(t.station, reportId, { kind: 'forwarding_letter', params: { agency, signer } });
    expect(first.number).toBe('1/PC08');
    const second = await issueDocument(t.station, reportId, { kind: 'forwarding_letter', params: { agency, signer } });
    const form1 = await issueDocument(t.station, reportId, { kind: 'intake_form', params: { signer: { authority: null, title: 'Cán bộ tiếp nhận', name: 'Lê Thị Hoa' } } });
    const form2 = await issueDocument(t.station, reportId, { kind: 'intake_form', params: { signer: { authority: null, title: 'Cán bộ tiếp nhận', name: 'Lê Thị Hoa' } } });
    expect([second.number, form1.number, form2.number]).toEqual(['2/PC08', '1/PTN-PC08', '2/PTN-PC08']);
    const file = (await issuedDocumentFile(t.station, second.id)).path;
    expect((await issuedDocumentFile(t.station, second.id)).downloadName).toBe('CV-2-PC08.pdf');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(second.sha256);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    // A preview leaves the number blank and takes none from the register.
    expect((pdfText(await previewDocument(t.station, reportId, { kind: 'forwarding_letter', params: { agency, signer } }))).join(' ').replace(/\s+/g, ' ')).toContain('Số: …/PC08');
    const third = await issueDocument(t.station, reportId, { kind: 'forwarding_letter', params: { agency, signer } });
    expect(third.number).toBe('3/PC08');
  });
});

describe('rendering', () => {
  it('A4 pages with the decree margins left empty (left 30 mm, right 15 mm, top and bottom 20 mm)', async () => {
    const letter = await issueDocument(t.station, reportId, { kind: 'forwarding_letter', params: { agency, signer } });
    const form1 = await issueDocument(t.station, reportId, { kind: 'intake_form', params: { signer: { authority: null, title: 'Cán bộ tiếp nhận', name: 'Lê Thị Hoa' } } });
    const handover = await issueDocument(t.station, reportId, { kind: 'handover', params: { signer } });
    const verification = await issueDocument(t.station, reportId, {
      kind: 'verification', params: { recipient: 'Trưởng phòng', findings: 'Có vi phạm.', proposal: 'Xử phạt theo quy định.', signer },
    });
    for (const [name, id] of [['cong-van', letter.id], ['phieu-tiep-nhan', form1.id], ['bien-ban-giao-nhan', handover.id], ['bao-cao-xac-minh', verification.id]] as const) {
      const pages = renderPages((await issuedDocumentFile(t.station, id)).path, artifacts, name, DPI);
      expect(pages.length).toBeGreaterThan(0);
      for (const [i, page] of pages.entries()) {
        const png = await pngInfo(page);
        const px = (mmValue: number) => Math.floor((mmValue / 25.4) * DPI);
        expect(Math.abs(png.width - px(210))).toBeLessThanOrEqual(2);
        expect(Math.abs(png.height - px(297))).toBeLessThanOrEqual(2);
        expect(png.blank(0, 0, px(30) - 1, png.height), `${name} page ${i + 1}: left margin`).toBe(true);
        expect(png.blank(png.width - px(15) + 1, 0, png.width, png.height), `${name} page ${i + 1}: right margin`).toBe(true);
        expect(png.blank(0, png.height - px(20) + 1, png.width, png.height), `${name} page ${i + 1}: bottom margin`).toBe(true);
        // From page 2 the page number sits in the top margin, centred; page 1 keeps it empty.
        if (i === 0) expect(png.blank(0, 0, png.width, px(20) - 1), `${name} page 1: top margin`).toBe(true);
      }
    }
    writeFileSync(join(artifacts, 'README.txt'), `Documents rendered by tests/integration/documents (pdftoppm, ${DPI} dpi).\n`);
  });
});

describe('register (sổ tiếp nhận, TT 15/2022 mẫu 05/68)', () => {
  it('lists the period\'s reports with the form\'s columns, on A3 landscape pages', async () => {
    const register = await issueRegister(t.station, '2026-11-23', '2026-11-23');
    expect(register.number).toBe('1/SO-PC08');
    const file = (await issuedDocumentFile(t.station, register.id));
    expect(file.downloadName).toBe('SO-1-SO-PC08.pdf');
    const text = (pdfText(readFileSync(file.path))).join(' ').replace(/\s+/g, ' ');
    for (const part of ['SỔ TIẾP NHẬN THÔNG TIN, HÌNH ẢNH PHẢN ÁNH', 'Từ ngày 23/11/2026 đến ngày 23/11/2026 (1 phản ánh)', 'Số TT',
      'Thời gian tiếp nhận', 'Cán bộ tiếp nhận ký', 'Kết quả xử lý', 'Ghi chú', 'Nguyễn Văn An, Tổ 3, phường Kon Tum', 'PA-2026-000001',
      'Ô tô tải 82C-123.45']) expect(text).toContain(part);
    const [page] = renderPages(file.path, artifacts, 'so-tiep-nhan', DPI);
    const png = await pngInfo(page!);
    const px = (mmValue: number) => Math.floor((mmValue / 25.4) * DPI);
    expect(Math.abs(png.width - px(420))).toBeLessThanOrEqual(2);
    expect(Math.abs(png.height - px(297))).toBeLessThanOrEqual(2);
    expect(png.blank(0, 0, px(30) - 1, png.height)).toBe(true);
    await expect(issueRegister(t.station, '2026-11-24', '2026-11-23')).rejects.toMatchObject({ code: 'rejected' });
  });
});

describe('hand-over record, verification report, feedback notice', () => {
  const officer = { authority: null, title: 'Cán bộ tiếp nhận', name: 'Lê Thị Hoa' };
  const flat = async (id: number) => (pdfText(readFileSync((await issuedDocumentFile(t.station, id)).path))).join(' ').replace(/\s+/g, ' ');

  it('the hand-over record lists every file with size, SHA-256 and capture time, for both sides to sign', async () => {
    const doc = await issueDocument(t.station, reportId, { kind: 'handover', params: { signer: officer } });
    expect(doc.number).toMatch(/^\d+\/BB-PC08$/);
    const text = await flat(doc.id);
    const [e] = await listEvidence(t.station, reportId);
    for (const part of ['BIÊN BẢN GIAO NHẬN DỮ LIỆU ĐIỆN TỬ', 'Bên giao: Ông/Bà Nguyễn Văn An, sinh năm 1990, CCCD số 062090001234',
      'Bên nhận: Lê Thị Hoa', 'IMG_0001.jpg', `${e!.size.toLocaleString('vi-VN')} byte`, '08:00:00 23/11/2026 (+07:00)',
      e!.sha256.slice(0, 32), e!.sha256.slice(32), 'BÊN GIAO', 'BÊN NHẬN']) expect(text).toContain(part);
  });

  it('the verification report carries the findings, the proposal and pictures from the evidence', async () => {
    const doc = await issueDocument(t.station, reportId, {
      kind: 'verification',
      params: { recipient: 'Trưởng phòng Cảnh sát giao thông', findings: 'Xác minh tại hiện trường: có vết cát rơi vãi.', proposal: 'Lập biên bản, xử phạt chủ xe theo NĐ 168/2024.', signer: officer },
    });
    expect(doc.number).toMatch(/^\d+\/BC-PC08$/);
    const text = await flat(doc.id);
    for (const part of ['BÁO CÁO', 'Kính gửi: Trưởng phòng Cảnh sát giao thông.', '1. Kết quả xác minh', 'có vết cát rơi vãi', '2. Đề xuất',
      '3. Hình ảnh trích từ dữ liệu (1)', 'IMG_0001.jpg']) expect(text).toContain(part);
    expect(readFileSync((await issuedDocumentFile(t.station, doc.id)).path).includes('/Subtype /Image')).toBe(true);
  });

  it('the feedback notice waits for an outcome, then tells the reporter', async () => {
    await expect(issueDocument(t.station, reportId, { kind: 'feedback_notice', params: { signer } })).rejects.toMatchObject({
      code: 'rejected', message: expect.stringContaining('Chưa có kết quả xử lý'),
    });
    await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, reportId, { move: 'forward', agency, letterNumber: '1/PC08' });
    const doc = await issueDocument(t.station, reportId, { kind: 'feedback_notice', params: { signer } });
    expect(doc.number).toBe('1/TB-PC08');
    const text = await flat(doc.id);
    for (const part of ['THÔNG BÁO', 'Kết quả xử lý thông tin phản ánh', 'Kính gửi: Ông/Bà Nguyễn Văn An, Tổ 3, phường Kon Tum.',
      'đã chuyển cơ quan có thẩm quyền để xem xét, xử lý theo quy định']) expect(text).toContain(part);
    const [page] = renderPages((await issuedDocumentFile(t.station, doc.id)).path, artifacts, 'thong-bao-ket-qua', DPI);
    const png = await pngInfo(page!);
    const px = (mmValue: number) => Math.floor((mmValue / 25.4) * DPI);
    expect(Math.abs(png.width - px(210))).toBeLessThanOrEqual(2);
    expect(png.blank(0, 0, px(30) - 1, png.height) && png.blank(png.width - px(15) + 1, 0, png.width, png.height)).toBe(true);
    expect(png.blank(0, 0, png.width, px(20) - 1) && png.blank(0, png.height - px(20) + 1, png.width, png.height)).toBe(true);
  });
});

describe('numbering by year', () => {
  it('starts again at 1 in a new year (station time: 00:30 on 1 January in Vietnam is still 31 December in UTC)', async () => {
    let now = new Date('2026-12-31T16:00:00Z'); // 23:00 on 31 December 2026 in Vietnam
    const s = await tempStation(() => now);
    try {
      const { id } = await createReport(s.station, null, form({ receivedAt: '2026-12-31T22:00', occurredAt: '' }));
      const req = { kind: 'intake_form' as const, params: { signer: { authority: null, title: 'Cán bộ tiếp nhận', name: 'Lê Thị Hoa' } } };
      expect((await issueDocument(s.station, id, req)).number).toBe('1/PTN-PC08');
      expect((await issueDocument(s.station, id, req)).number).toBe('2/PTN-PC08');
      now = new Date('2026-12-31T17:30:00Z');
      const next = await issueDocument(s.station, id, req);
      expect(next.number).toBe('1/PTN-PC08');
      expect(pdfText(readFileSync((await issuedDocumentFile(s.station, next.id)).path)).join(' ')).toContain('ngày 01 tháng 01 năm 2027');
    } finally {
      await s.close();
    }
  });
});
