import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentRequest, IntakeForm } from '../../../electron/contract/schemas';
import { issueDocument, issuedDocumentFile, issueRegister, previewDocument } from '../../../electron/services/documents/issue';
import { importFiles } from '../../../electron/services/evidence/import';
import { listEvidence } from '../../../electron/services/evidence/list';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { moveReport } from '../../../electron/services/workflow/cases';
import { makeJpeg } from '../../support/media';
import { pdfText, pngInfo, renderPages } from '../../support/pdf';
import { backends, form, tempStation } from '../../support/station';

// Documents read back (pdftotext) and rendered (pdftoppm), on SQLite and on PostgreSQL. The PNGs stay in
// tests/.artifacts/documents/<backend> (git-ignored) for a person to look at.
const DPI = 80;
const signer = { authority: { mark: 'KT.' as const, of: 'Trưởng phòng' }, title: 'Phó Trưởng phòng', rank: 'Thượng tá', name: 'Trần Văn Bình' };
const officer = { authority: null, title: 'Cán bộ tiếp nhận', rank: 'Đại úy', name: 'Lê Thị Hoa' };
const agency = 'Phòng Kinh tế, Hạ tầng và Đô thị phường Kon Tum';
// The citizen's own file name carries their phone number and name: it must never reach another agency.
const ORIGINAL_NAME = 'Zalo_0987654321_NguyenVanAn.jpg';
const letter = (over: Partial<Extract<DocumentRequest, { kind: 'forwarding_letter' }>['params']> = {}): DocumentRequest => ({
  kind: 'forwarding_letter', params: { agency, replyBy: '2026-12-08', contact: { name: 'Lê Thị Hoa', phone: '0260 3862 459' },
    summary: 'Xe tải chở cát không che phủ, để rơi vãi trên đường Đống Đa.', signer, ...over },
});
const intake: DocumentRequest = { kind: 'intake_form', params: { signer: officer } };
const handover = (handedOverAt = '2026-11-23T02:45:00.000Z'): DocumentRequest => ({
  kind: 'handover',
  params: { handedOverAt, medium: { kind: 'usb', label: 'Kingston màu đen', capacity: '32 GB', broughtBy: '' }, signer: officer },
});
const verification: DocumentRequest = {
  kind: 'verification', params: { recipient: 'Trưởng phòng Cảnh sát giao thông', findings: 'Xác minh tại hiện trường: có vết cát rơi vãi.', proposal: 'Lập biên bản, xử phạt chủ xe theo NĐ 168/2024.', signer: officer },
};
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const truckReport = (over: Partial<IntakeForm> = {}) => form({
  callerPhone: '0912 345 678',
  description: 'Xe tải chở cát không che phủ, để rơi vãi trên đường Đống Đa.',
  violationCodes: ['spilling_load'],
  location: { road: 'Quốc lộ 14', houseNumber: '', intersection: '', kmMarker: 'km1452+300', provinceCode: '51', communeCode: '23293', gps: '' },
  vehicles: [{ plate: '82C-123.45', vehicleType: 'truck', colour: 'xanh', brand: 'Hino', features: '', ownerName: 'Công ty TNHH Vận tải Minh Phát', driverName: 'Phạm Văn Tài' }],
  reporter: { anonymous: false, fullName: 'Nguyễn Văn An', birthYear: '1990', cccd: '062090001234', address: 'Tổ 3, phường Kon Tum', phone: '0987 654 321', wantsFeedback: true },
  ...over,
});

let usb: string;
beforeAll(async () => {
  rmSync(join(import.meta.dirname, '..', '..', '.artifacts', 'documents'), { recursive: true, force: true });
  usb = mkdtempSync(join(tmpdir(), 'station-doc-usb-'));
  await makeJpeg(join(usb, ORIGINAL_NAME), { taken: '2026:11:23 08:00:00', offset: '+07:00' });
}, 60_000);
afterAll(() => rmSync(usb, { recursive: true, force: true }));

describe.each(backends)('documents on %s', (backend) => {
  const artifacts = join(import.meta.dirname, '..', '..', '.artifacts', 'documents', backend);
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  let now = new Date('2026-11-23T03:00:00Z'); // 10:00 in Vietnam
  // Each test issues from a station of its own (one report, one photo): registers number from 1, and the
  // report is in the state the test puts it in, whatever ran before.
  beforeEach(async () => {
    now = new Date('2026-11-23T03:00:00Z');
    t = await tempStation(() => now, backend);
    ({ id: reportId } = await createReport(t.station, null, truckReport()));
    await importFiles(t.station, { reportId, files: (await scanFolder(usb)).files, sourceLabel: 'USB' });
  }, 60_000);
  afterEach(() => t.close());

  // Lines wrap where the layout wraps them: compare with white space folded, and without the zero-width
  // characters that mark where a file name may break (U+200B) and where "Ông/Bà" may not (U+200D).
  const flatPdf = (pdf: Buffer) => pdfText(pdf).join('\n').replace(/[\u200B\u200D]/g, '').replace(/\s+/g, ' ');
  const flat = async (id: number) => flatPdf((await issuedDocumentFile(t.station, id)).bytes);
  const issue = async (req: DocumentRequest, id = reportId) => flat((await issueDocument(t.station, id, req, null)).id);

  describe('forwarding letter (công văn chuyển thông tin phản ánh)', () => {
    it('has the NĐ 30/2020 parts, the reply date, the contact, the decree\'s articles, neutral file labels, and never the reporter', async () => {
      const issued = await issueDocument(t.station, reportId, letter(), null);
      expect(issued.number).toBe('01/PC08-TM');
      const text = await flat(issued.id);
      for (const part of [
        'CÔNG AN TỈNH QUẢNG NGÃI', 'PHÒNG CẢNH SÁT GIAO THÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
        'Số: 01/PC08-TM', 'Quảng Ngãi, ngày 23 tháng 11 năm 2026', 'V/v chuyển thông tin phản ánh vi phạm', 'Kính gửi:', `${agency}.`,
        'Hồi 09 giờ 30 phút, ngày 23/11/2026, Phòng Cảnh sát giao thông nhận được thông tin, hình ảnh phản ánh của người dân qua điện thoại đường dây nóng',
        'xảy ra hồi 09 giờ 10 phút, ngày 23/11/2026',
        'tại Quốc lộ 14, Km 1452+300, phường Kon Tum, tỉnh Quảng Ngãi',
        // A truck: the article for cars of NĐ 168/2024.
        'chở vật liệu rời để rơi vãi xuống đường (quy định tại điểm a khoản 2 Điều 17 Nghị định số 168/2024/NĐ-CP ngày 26/12/2024 '
          + 'của Chính phủ (được sửa đổi, bổ sung bởi Nghị định số 238/2026/NĐ-CP))',
        'Xe tải chở cát không che phủ, để rơi vãi trên đường Đống Đa.',
        '82C-123.45, ô tô tải, xanh, Hino (chủ phương tiện: Công ty TNHH Vận tải Minh Phát; người điều khiển: Phạm Văn Tài)',
        'thông báo kết quả về Phòng Cảnh sát giao thông trước ngày 08/12/2026',
        'Cán bộ liên hệ: Lê Thị Hoa, điện thoại: 0260 3862 459.',
        'Tệp 1 — ảnh JPEG',
        'KT. TRƯỞNG PHÒNG', 'PHÓ TRƯỞNG PHÒNG', 'Thượng tá Trần Văn Bình', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, TM.',
      ]) expect(text).toContain(part);
      const [evidence] = await listEvidence(t.station, reportId);
      expect(text).toContain(evidence!.sha256);
      expect(text).toBe(text.normalize('NFC'));
      expect(text).not.toMatch(ISO_DATE);
      expect(text).not.toContain('KHẨN'); // the report is not ongoing
      for (const secret of [ORIGINAL_NAME, 'Zalo_', 'NguyenVanAn', 'Nguyễn Văn An', '062090001234', '0987 654 321', '0987654321', '0912 345 678', '0912345678', 'Tổ 3']) {
        expect(text).not.toContain(secret);
      }
    });

    it('gives both articles when the vehicle type is unknown; a unit without a drafting symbol keeps "Lưu: VT, <issuer>"', async () => {
      await t.station.db.updateTable('units').set({ drafting_symbol: '' }).execute();
      const { id } = await createReport(t.station, null, truckReport({ vehicles: [] }));
      const text = await issue(letter(), id);
      expect(text).toContain('điểm a khoản 2 Điều 17 (đối với ô tô) và điểm c khoản 2 Điều 36 (đối với mô tô, xe máy) Nghị định số 168/2024/NĐ-CP');
      expect(text).toContain('Số: 01/PC08 ');
      expect(text).toContain('- Lưu: VT, PC08.');
    });

    it('is marked KHẨN for a report still going on, and names the channel with its capitals', async () => {
      const { id } = await createReport(t.station, null, truckReport({ ongoing: true, channel: 'zalo' }));
      const text = await issue(letter(), id);
      expect(text).toContain('KHẨN');
      expect(text).toContain('phản ánh của người dân qua Zalo (mã');
    });

    it('prints the name without the rank when the unit does not print ranks', async () => {
      await t.station.db.updateTable('units').set({ prints_ranks: 0 }).execute();
      const text = await issue(letter());
      expect(text).toContain('Trần Văn Bình');
      expect(text).not.toContain('Thượng tá');
    });

    it('numbers letters with a leading zero; the issued file is kept read-only under its SHA-256; a preview takes no number', async () => {
      const first = await issueDocument(t.station, reportId, letter(), null);
      const second = await issueDocument(t.station, reportId, letter(), 'Sai cơ quan nhận');
      expect([first.number, second.number]).toEqual(['01/PC08-TM', '02/PC08-TM']);
      const opened = (await issuedDocumentFile(t.station, second.id)).bytes;
      expect(createHash('sha256').update(opened).digest('hex')).toBe(second.sha256);
      // Kept sealed (it may name a reporter), read-only, under the SHA-256 of the PDF it opens to.
      const kept = join(t.station.store.root, 'documents', `${second.sha256}.sealed`);
      expect(statSync(kept).mode & 0o777).toBe(0o444);
      expect(readFileSync(kept).includes('%PDF')).toBe(false);
      expect(flatPdf(await previewDocument(t.station, reportId, letter()))).toContain('Số: …/PC08-TM');
      expect((await issueDocument(t.station, reportId, letter(), 'Bổ sung')).number).toBe('03/PC08-TM');
    });
  });

  describe('intake form (phiếu tiếp nhận)', () => {
    it('says what was recorded about a violation going on: no dispatch yet, then the dispatch with who, when and the note', async () => {
      const { id } = await createReport(t.station, null, truckReport({ ongoing: true }));
      let text = await issue(intake, id);
      expect(text).toContain('Số: 01/PTN-PC08');
      expect(text).toContain('KHẨN');
      expect(text).toContain('Có — chưa điều lực lượng');
      expect(text).not.toContain('đã báo tổ công tác');
      now = new Date('2026-11-23T03:20:00Z');
      await moveReport(t.station, id, { move: 'dispatch', note: 'Tổ tuần tra 2 đến Km 1452' });
      text = flatPdf((await issuedDocumentFile(t.station, (await issueDocument(t.station, id, intake, 'Đã điều lực lượng')).id)).bytes);
      expect(text).toMatch(/Có — đã điều lực lượng hồi 10 giờ 20 phút, ngày 23\/11\/2026 \(cán bộ ghi nhận: [^)]+\): Tổ tuần tra 2 đến Km 1452/);
      expect(text).toContain('Đã điều lực lượng'); // the state
      expect(text).not.toMatch(ISO_DATE);
    });

    it('a report not going on is not urgent; the reporter on record is "contact kept secret"', async () => {
      const text = await issue(intake);
      expect(text).toContain('Đang diễn ra Không');
      expect(text).not.toContain('KHẨN');
      expect(text).toContain('Có thông tin liên hệ (bảo mật, không ghi trên phiếu)');
      expect(text).toContain('Thời điểm tiếp nhận 09 giờ 30 phút, ngày 23/11/2026');
    });

    it('an anonymous report says so, never "Có thông tin liên hệ"', async () => {
      const { id } = await createReport(t.station, null, truckReport({ reporter: { anonymous: true, fullName: '', birthYear: '', cccd: '', address: '', phone: '', wantsFeedback: false } }));
      const text = await issue(intake, id);
      expect(text).toContain('Giấu tên — không có thông tin danh tính trên hồ sơ');
      expect(text).not.toContain('Có thông tin liên hệ');
    });
  });

  describe('hand-over record (biên bản giao nhận dữ liệu)', () => {
    it('is dated when the files were handed over, describes the medium, the unaltered copy and closes with the formula', async () => {
      const doc = await issueDocument(t.station, reportId, handover(), null);
      expect(doc.number).toBe('01/BB-PC08');
      const text = await flat(doc.id);
      const [e] = await listEvidence(t.station, reportId);
      for (const part of [
        'BIÊN BẢN GIAO NHẬN DỮ LIỆU ĐIỆN TỬ', 'Hồi 09 giờ 45 phút, ngày 23/11/2026, tại Phòng Cảnh sát giao thông',
        'Bên giao: Ông/Bà Nguyễn Văn An, sinh năm 1990, số định danh cá nhân (CCCD/Căn cước): 062090001234',
        'Bên nhận: Đại úy Lê Thị Hoa, Cán bộ tiếp nhận, Phòng Cảnh sát giao thông.',
        'dữ liệu điện tử lưu trên thiết bị nhớ USB Kingston màu đen, dung lượng 32 GB',
        'nguyên trạng như khi nhận, không chỉnh sửa, cắt ghép hay thay đổi nội dung',
        // The citizen signs this record: it keeps the names the files have on their device.
        ORIGINAL_NAME, `${e!.size.toLocaleString('vi-VN')} byte`, '08:00:00 23/11/2026 (+07:00)', e!.sha256.slice(0, 32), e!.sha256.slice(32),
        'Biên bản kết thúc hồi 10 giờ 00 phút cùng ngày, đã đọc lại cho những người có tên trên cùng nghe, công nhận đúng và ký tên.',
        'BÊN GIAO', 'BÊN NHẬN',
      ]) expect(text).toContain(part);
      expect(text).not.toContain('CCCD số');
      expect(text).not.toMatch(ISO_DATE);
      // Both signature columns carry the names of who signs.
      expect(text).toMatch(/BÊN GIAO.*BÊN NHẬN.*Nguyễn Văn An.*Đại úy Lê Thị Hoa/);
    });

    it('a record closed on another day than the hand-over says which day', async () => {
      now = new Date('2026-11-24T01:20:00Z'); // 08:20 the next morning
      const text = await issue(handover('2026-11-23T14:00:00.000Z'));
      expect(text).toContain('Hồi 21 giờ 00 phút, ngày 23/11/2026');
      expect(text).toContain('Biên bản kết thúc hồi 08 giờ 20 phút ngày 24/11/2026, đã đọc lại');
    });

    it('refuses a hand-over before the report was received, or in the future', async () => {
      await expect(issue(handover('2026-11-23T02:29:00.000Z'))).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('sớm hơn lúc tiếp nhận') });
      await expect(issue(handover('2026-11-23T03:30:00.000Z'))).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('trong tương lai') });
    });
  });

  describe('verification report and feedback notice', () => {
    it('the verification report carries the findings, the proposal and pictures from the evidence', async () => {
      const doc = await issueDocument(t.station, reportId, verification, null);
      expect(doc.number).toBe('01/BC-PC08');
      const text = await flat(doc.id);
      for (const part of ['BÁO CÁO', 'Kính gửi: Trưởng phòng Cảnh sát giao thông.', 'Hồi 09 giờ 30 phút, ngày 23/11/2026, Phòng Cảnh sát giao thông nhận được',
        '1. Kết quả xác minh', 'có vết cát rơi vãi', '2. Đề xuất', '3. Hình ảnh trích từ dữ liệu (1)', 'Tệp 1 — ảnh JPEG']) expect(text).toContain(part);
      // The picture's caption is its neutral label: the citizen's file name carries their phone and name.
      expect(text).not.toContain(ORIGINAL_NAME.slice(0, 15));
      expect(text).not.toMatch(ISO_DATE);
      expect((await issuedDocumentFile(t.station, doc.id)).bytes.includes('/Subtype /Image')).toBe(true);
    });

    it('the feedback notice waits for an outcome; a forwarded report names the agency', async () => {
      await expect(issueDocument(t.station, reportId, { kind: 'feedback_notice', params: { signer } }, null)).rejects.toMatchObject({
        code: 'rejected', message: expect.stringContaining('Chưa có kết quả xử lý'),
      });
      await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
      await moveReport(t.station, reportId, { move: 'forward', agency, letterNumber: '01/PC08-TM' });
      const doc = await issueDocument(t.station, reportId, { kind: 'feedback_notice', params: { signer } }, null);
      expect(doc.number).toBe('01/TB-PC08');
      const text = await flat(doc.id);
      for (const part of ['THÔNG BÁO', 'Kết quả xử lý thông tin phản ánh', 'Kính gửi: Ông/Bà Nguyễn Văn An, Tổ 3, phường Kon Tum.',
        'Hồi 09 giờ 30 phút, ngày 23/11/2026, Phòng Cảnh sát giao thông nhận được thông tin, hình ảnh phản ánh của Ông/Bà qua điện thoại đường dây nóng',
        `Kết quả: Phòng Cảnh sát giao thông đã chuyển thông tin Ông/Bà phản ánh đến ${agency} (Công văn số 01/PC08-TM) để xem xét, xử lý theo thẩm quyền.`,
      ]) expect(text).toContain(part);
      expect(text).not.toMatch(ISO_DATE);
    });

    it('a duplicate: the reporter\'s information is the duplicate, not the unit', async () => {
      const { id, code } = await createReport(t.station, null, truckReport());
      await moveReport(t.station, id, { move: 'duplicate', ofCode: (await t.station.db.selectFrom('reports').select('code').where('id', '=', reportId).executeTakeFirstOrThrow()).code });
      const text = await issue({ kind: 'feedback_notice', params: { signer } }, id);
      expect(code).toMatch(/^PA-2026-/);
      expect(text).toContain('Kết quả: thông tin Ông/Bà phản ánh trùng với phản ánh đã được tiếp nhận (mã PA-2026-000001)');
      expect(text).not.toMatch(/Phòng Cảnh sát giao thông trùng/);
    });

    it('a sanction: the decision\'s number and date, the fine in figures and in words', async () => {
      await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
      await moveReport(t.station, reportId, { move: 'sanction', decisionNumber: '12/QĐ-XPHC', decisionDate: '2026-11-23', legalBasis: 'Điểm a khoản 2 Điều 17 NĐ 168/2024/NĐ-CP', fineVnd: 2_000_000, violatorName: '', violatorAddress: '' });
      const text = await issue({ kind: 'feedback_notice', params: { signer } });
      expect(text).toContain('Kết quả: Phòng Cảnh sát giao thông đã xác minh và ban hành Quyết định xử phạt vi phạm hành chính số 12/QĐ-XPHC ngày 23/11/2026, phạt tiền 2.000.000 đồng (Hai triệu đồng).');
      expect(text).not.toMatch(ISO_DATE);
    });
  });

  describe('register (sổ tiếp nhận, TT 15/2022 mẫu 05/68)', () => {
    it('lists the period\'s reports with the form\'s columns and a result naming the decision, the violator and the time, on A3 landscape pages', async () => {
      await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
      await moveReport(t.station, reportId, { move: 'sanction', decisionNumber: '12/QĐ-XPHC', decisionDate: '2026-11-23', legalBasis: 'Điểm a khoản 2 Điều 17', fineVnd: 1_250_000, violatorName: 'Phạm Văn Tài', violatorAddress: 'Thôn 2, xã Đăk Cấm' });
      const register = await issueRegister(t.station, { from: '2026-11-23', to: '2026-11-23' }, null);
      expect(register.number).toBe('01/SO-PC08');
      const file = await issuedDocumentFile(t.station, register.id);
      const text = flatPdf(file.bytes);
      for (const part of ['SỔ TIẾP NHẬN THÔNG TIN, HÌNH ẢNH PHẢN ÁNH', 'Từ ngày 23/11/2026 đến ngày 23/11/2026 (1 phản ánh)', 'Số TT',
        'Thời gian tiếp nhận', 'Cán bộ tiếp nhận ký', 'Kết quả xử lý', 'Ghi chú', 'Nguyễn Văn An, Tổ 3, phường Kon Tum', 'PA-2026-000001',
        'QĐ số 12/QĐ-XPHC ngày 23/11/2026, phạt tiền 1.250.000 đồng (Một triệu hai trăm năm mươi nghìn đồng)',
        'Người vi phạm: Phạm Văn Tài, Thôn 2, xã Đăk Cấm', 'Ô tô tải 82C-123.45',
        'Vi phạm hồi 09 giờ 10 phút, ngày 23/11/2026: chở vật liệu rời để rơi vãi xuống đường',
        'Điện thoại đường dây nóng: chở vật liệu rời']) expect(text).toContain(part);
      expect(text).not.toMatch(ISO_DATE);
      const [page] = renderPages(file.bytes, artifacts, 'so-tiep-nhan', DPI);
      const png = await pngInfo(page!);
      const px = (mmValue: number) => Math.floor((mmValue / 25.4) * DPI);
      expect(Math.abs(png.width - px(420))).toBeLessThanOrEqual(2);
      expect(Math.abs(png.height - px(297))).toBeLessThanOrEqual(2);
      expect(png.blank(0, 0, px(30) - 1, png.height)).toBe(true);
      await expect(issueRegister(t.station, { from: '2026-11-24', to: '2026-11-23' }, null)).rejects.toMatchObject({ code: 'rejected' });
    }, 30_000);
  });

  describe('rendering', () => {
    it('every kind: A4 pages with the decree margins left empty, the issuer\'s name on one line, no ISO date', async () => {
      await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
      await moveReport(t.station, reportId, { move: 'sanction', decisionNumber: '12/QĐ-XPHC', decisionDate: '2026-11-23', legalBasis: 'Điểm a khoản 2 Điều 17', fineVnd: 2_000_000, violatorName: '', violatorAddress: '' });
      const { id: ongoing } = await createReport(t.station, null, truckReport({ ongoing: true, channel: 'zalo' }));
      const docs = [
        ['cong-van', await issueDocument(t.station, ongoing, letter(), null)],
        ['phieu-tiep-nhan', await issueDocument(t.station, reportId, intake, null)],
        ['bien-ban-giao-nhan', await issueDocument(t.station, reportId, handover(), null)],
        ['bao-cao-xac-minh', await issueDocument(t.station, reportId, verification, null)],
        ['thong-bao-ket-qua', await issueDocument(t.station, reportId, { kind: 'feedback_notice', params: { signer } }, null)],
      ] as const;
      for (const [name, doc] of docs) {
        const pdf = (await issuedDocumentFile(t.station, doc.id)).bytes;
        const lines = pdfText(pdf)[0]!.split('\n').map((l) => l.trim());
        // The letterhead: "PHÒNG CẢNH SÁT GIAO THÔNG" is one line, never "… GIAO" / "THÔNG".
        expect(lines, `${name}: issuer on one line`).toContain('PHÒNG CẢNH SÁT GIAO THÔNG');
        expect(lines.join('\n')).toMatch(/Số: 0\d\//);
        expect(flatPdf(pdf), name).not.toMatch(ISO_DATE);
        const pages = renderPages(pdf, artifacts, name, DPI);
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
    }, 60_000); // five documents issued, read back and rendered: seconds when the other test files run alongside
  });

  it('a unit name longer than the letterhead column breaks between phrases, never inside one', async () => {
    await t.station.db.updateTable('units').set({ name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội' }).execute();
    const doc = await issueDocument(t.station, reportId, intake, null);
    const pdf = (await issuedDocumentFile(t.station, doc.id)).bytes;
    const lines = pdfText(pdf)[0]!.split('\n').map((l) => l.trim());
    for (const line of ['PHÒNG CẢNH SÁT', 'QUẢN LÝ HÀNH CHÍNH', 'VỀ TRẬT TỰ XÃ HỘI']) expect(lines).toContain(line);
    renderPages(pdf, artifacts, 'ten-don-vi-dai', DPI);
  });

  describe('numbering by year', () => {
    it('starts again at 01 in a new year (station time: 00:30 on 1 January in Vietnam is still 31 December in UTC)', async () => {
      let at = new Date('2026-12-31T16:00:00Z'); // 23:00 on 31 December 2026 in Vietnam
      const s = await tempStation(() => at, backend);
      try {
        const { id } = await createReport(s.station, null, form({ receivedAt: '2026-12-31T22:00', occurredAt: '' }));
        expect((await issueDocument(s.station, id, intake, null)).number).toBe('01/PTN-PC08');
        expect((await issueDocument(s.station, id, intake, 'Sửa chức danh')).number).toBe('02/PTN-PC08');
        at = new Date('2026-12-31T17:30:00Z');
        const next = await issueDocument(s.station, id, intake, 'Năm mới');
        expect(next.number).toBe('01/PTN-PC08');
        expect(pdfText((await issuedDocumentFile(s.station, next.id)).bytes).join(' ')).toContain('ngày 01 tháng 01 năm 2027');
      } finally {
        await s.close();
      }
    });
  });
});
