import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discardDraft, keepDraft, openDrafts } from '../../../electron/services/intake/drafts';
import {
  createReport, relatedReports, reportDetail, revealReporter, searchReports, todayReports,
} from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// The same suite runs on SQLite and, where STATION_TEST_PG_URL is set, on PostgreSQL: one set of queries.
describe.each(backends)('%s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => { t = await tempStation(undefined, backend); });
  afterEach(async () => { await t.close(); });

  describe('saving a report', () => {
    it('numbers reports per unit and year, and starts again in a new year', async () => {
      const a = await createReport(t.station, null, form());
      const b = await createReport(t.station, null, form());
      const c = await createReport(t.station, null, form({ receivedAt: '2027-01-01T00:10' }));
      expect([a.code, b.code, c.code]).toEqual(['PA-2026-000001', 'PA-2026-000002', 'PA-2027-000001']);
    });

    it('keeps every field, NFC, with canonical plates and UTC times', async () => {
      const nfd = (s: string) => s.normalize('NFD');
      const { id } = await createReport(t.station, null, form({
        description: nfd('Xe tải chở cát rơi vãi trên đường Đống Đa'),
        ongoing: true,
        location: { road: nfd('Đống Đa'), kmMarker: 'Km 12+300', gps: '14.3545, 108.0076' },
        vehicles: [
          { plate: '82c 123 45', vehicleType: 'truck', colour: 'xanh', brand: 'Hino', features: 'thùng cơi nới', ownerName: 'Công ty X', driverName: '' },
          { plate: '80NG12345', vehicleType: 'car', colour: '', brand: '', features: '', ownerName: '', driverName: '' },
        ],
        violationCodes: ['spilling_load', 'extended_bed'],
      }));
      const r = await reportDetail(t.station, id);
      expect(r.description).toBe('Xe tải chở cát rơi vãi trên đường Đống Đa'.normalize('NFC'));
      expect(r.location.road).toBe('Đống Đa'.normalize('NFC'));
      expect(r.location).toMatchObject({ kmMarker: 'Km 12+300', gps: '14.3545, 108.0076', communeName: 'Phường Kon Tum', provinceName: 'Tỉnh Quảng Ngãi' });
      expect(r.receivedAt).toBe('2026-11-23T02:30:00.000Z');
      expect(r.occurredAt).toBe('2026-11-23T02:10:00.000Z');
      expect(r.urgent).toBe(true);
      expect(r.vehicles.map((v) => v.plate?.canonical)).toEqual(['82C-123.45', '80NG12345']);
      expect(r.vehicles[1]!.plate!.flags).toEqual(['special-unsure']);
      expect(r.violations.map((v) => v.code)).toEqual(['extended_bed', 'spilling_load']);
      expect(r.reporter).toEqual({ anonymous: false, wantsFeedback: true, onFile: true, maskedName: 'Nguyễn V** A**' });
      expect(r.history.map((h) => h.action)).toEqual(['report.created']);
      expect(r.receivedBy).toBe('Cán bộ trực ban Phòng CSGT');
    });

    it('saves a plate that reads two ways, arriving unresolved (HTTP API), as typed and flagged, and still finds it', async () => {
      const { id, code } = await createReport(t.station, null, form({
        vehicles: [{ plate: '29b11234', vehicleType: '', colour: '', brand: '', features: '', ownerName: '', driverName: '' }],
      }));
      const r = await reportDetail(t.station, id);
      expect(r.vehicles[0]!.plate).toMatchObject({ canonical: '29B11234', input: '29b11234', kind: 'unknown', flags: ['ambiguous'] });
      for (const typed of ['29B11234', '29B-112.34', '29-B1 1234']) expect((await searchReports(t.station, typed)).map((x) => x.code)).toEqual([code]);
    });

    it('keeps the reporter apart and logs every look at the identity', async () => {
      const { id } = await createReport(t.station, null, form());
      const detail = await reportDetail(t.station, id);
      expect(JSON.stringify(detail)).not.toContain('Nguyễn Văn An');
      expect(JSON.stringify(detail)).not.toContain('062090001234');
      // The number the call came from is the caller's too: masked but for its last digits.
      expect(detail.callerPhone).toBe('0912 *** 678');
      const who = await revealReporter(t.station, id, 'gọi lại xác minh');
      expect(who).toEqual({
        fullName: 'Nguyễn Văn An', birthYear: '1990', cccd: '062090001234', address: 'Tổ 3, phường Kon Tum', phone: '0987 654 321',
        callerPhone: '0912 345 678', confirmedReports: 0,
      });
      expect((await reportDetail(t.station, id)).history.map((h) => h.action)).toEqual(['report.created', 'report.reporter-viewed']);
    });

    it('saves an anonymous report without an identity and without feedback', async () => {
      const { id } = await createReport(t.station, null, form({ reporter: { anonymous: true, wantsFeedback: true } }));
      expect((await reportDetail(t.station, id)).reporter).toEqual({ anonymous: true, wantsFeedback: false, onFile: false, maskedName: '' });
      await expect(revealReporter(t.station, id, 'gọi lại xác minh')).rejects.toMatchObject({ code: 'not-found' });
    });

    it.each([
      [form({ description: '', violationCodes: [] }), 'Chưa có nội dung phản ánh'],
      [form({ receivedAt: '' }), 'Chưa có thời điểm tiếp nhận'],
      [form({ occurredAt: '2026-11-23T11:00' }), 'Thời điểm xảy ra muộn hơn'],
      [form({ location: { gps: '0, 0' } }), 'Tọa độ GPS'],
      [form({ location: { gps: 'ở đâu đó' } }), 'Tọa độ GPS'],
      [form({ reporter: { birthYear: '90' } }), 'Năm sinh'],
      [form({ violationCodes: ['no_such'] }), 'không có trong danh mục'],
    ])('refuses with a Vietnamese reason (%#)', async (bad, reason) => {
      await expect(createReport(t.station, null, bad)).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining(reason) });
      expect(await todayReports(t.station)).toEqual([]);
    });
  });

  describe('finding reports', () => {
    beforeEach(async () => {
      await createReport(t.station, null, form({ location: { road: 'Đống Đa' }, description: 'Ô tô đỗ sai quy định', violationCodes: ['wrong_parking'] }));
      await createReport(t.station, null, form({
        location: { road: 'Nguyễn Trãi' }, description: 'Xe máy lạng lách', violationCodes: ['reckless'], callerPhone: '0260.386.2459',
        vehicles: [{ plate: '82-B1 234.56', vehicleType: 'motorbike', colour: 'đỏ', brand: 'Honda', features: '', ownerName: '', driverName: '' }],
      }));
      await createReport(t.station, null, form({ receivedAt: '2026-10-01T08:00', occurredAt: '', location: { road: 'Trần Phú' }, description: 'Chở quá tải' }));
    });
    const codes = async (q: string) => (await searchReports(t.station, q)).map((r) => r.code);

    it('by words without diacritics, đ folded', async () => {
      expect(await codes('dong da')).toEqual(['PA-2026-000001']);
      expect(await codes('ĐỐNG ĐA')).toEqual(['PA-2026-000001']);
      expect(await codes('nguyen trai')).toEqual(['PA-2026-000002']);
      expect(await codes('lang lach')).toEqual(['PA-2026-000002']);
      expect(await codes('nguyen dong')).toEqual([]);
    });

    it('by plate however typed', async () => {
      for (const typed of ['82A-123.45', '82a12345', '82A 123.45', '８２Ａ１２３４５']) {
        expect(await codes(typed)).toEqual(['PA-2026-000001', 'PA-2026-000003']);
      }
      expect(await codes('82b123456')).toEqual(['PA-2026-000002']);
    });

    it('by code and by caller number', async () => {
      expect(await codes('PA-2026-000002')).toEqual(['PA-2026-000002']);
      expect(await codes('pa-2026-2')).toEqual(['PA-2026-000002']);
      expect(await codes('02603862459')).toEqual(['PA-2026-000002']);
      expect(await codes('+84 260 386 2459')).toEqual(['PA-2026-000002']);
    });

    it("lists today's reports, newest first", async () => {
      expect((await todayReports(t.station)).map((r) => r.code)).toEqual(['PA-2026-000002', 'PA-2026-000001']);
    });

    it('shows the same plate in the last 30 days and the same caller', async () => {
      const related = await relatedReports(t.station, ['82a 123 45'], '0260 386 2459');
      expect(related.samePlate.map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect(related.sameCaller.map((r) => r.code)).toEqual(['PA-2026-000002']);
      expect(related.samePlate[0]).toMatchObject({ plates: ['82A-123.45'], place: '120 Đống Đa, Phường Kon Tum', violations: ['Dừng, đỗ xe không đúng quy định'] });
    });
  });

  describe('drafts', () => {
    it('keep the form as typed, come back newest first, and go when the report is saved', async () => {
      const half = form({ description: 'đang gõ dở…', vehicles: [{ plate: '82a1', vehicleType: '', colour: '', brand: '', features: '', ownerName: '', driverName: '' }] });
      const first = await keepDraft(t.station, null, half);
      const again = await keepDraft(t.station, first.id, { ...half, description: 'đang gõ dở… thêm' });
      expect(again.id).toBe(first.id);
      const other = await keepDraft(t.station, null, form({ description: 'cuộc gọi thứ hai' }));
      expect((await openDrafts(t.station)).map((d) => d.form.description)).toEqual(['cuộc gọi thứ hai', 'đang gõ dở… thêm']);
      await createReport(t.station, first.id, { ...half, description: 'đang gõ dở… thêm', vehicles: [] });
      expect((await openDrafts(t.station)).map((d) => d.id)).toEqual([other.id]);
      await discardDraft(t.station, other.id);
      expect(await openDrafts(t.station)).toEqual([]);
    });

    it('a failed save keeps the draft', async () => {
      const d = await keepDraft(t.station, null, form({ description: '', violationCodes: [] }));
      await expect(createReport(t.station, d.id, form({ description: '', violationCodes: [] }))).rejects.toThrow();
      expect((await openDrafts(t.station)).map((x) => x.id)).toEqual([d.id]);
    });
  });
});
