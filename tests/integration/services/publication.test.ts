import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../electron/services/evidence/import';
import { listEvidence } from '../../../electron/services/evidence/list';
import { redact } from '../../../electron/services/evidence/redaction';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { exportPublication, type Publication } from '../../../electron/services/publication/export';
import { moveReport } from '../../../electron/services/workflow/cases';
import { makeJpeg } from '../../support/media';
import { backends, form, tempStation } from '../../support/station';

// The press list (issue 10.7): the sanctioned report is there with its plate, place, act, time and fine; the
// forwarded and the open ones are not; nothing of who reported it (name, phone, CCCD, address, caller's number,
// channel, the file's own name) is in the CSV's bytes in any form; photos go out only as redacted copies, which
// carry no EXIF and no GPS; a photo no officer redacted never goes out.

const reporter = { fullName: 'Phạm Thị Hồng Nhung', cccd: '062190007777', address: 'Số 9 hẻm 41 Bà Triệu, phường Kon Tum', phone: '0905 112 233' };
const callerPhone = '0369 445 566';
const fileName = 'Zalo_PhamThiHongNhung_0905112233.jpg';
const sourceLabel = 'Zalo của chị Nhung';

const digits = (s: string) => s.replace(/\D/g, '');
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** What of the reporter, or of the file's own name, the bytes show: exact, decomposed, without accents, digits only. */
function leaks(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  const flat = fold(text);
  const allDigits = digits(text);
  const words = [reporter.fullName, reporter.address, fileName, fileName.replace(/\.jpg$/, ''), 'PhamThiHongNhung', sourceLabel, 'Zalo', 'Nhung'];
  return [
    ...words.filter((w) => text.includes(w) || text.includes(w.normalize('NFD')) || flat.includes(fold(w))),
    ...[reporter.cccd, reporter.phone, callerPhone].filter((n) => allDigits.includes(digits(n))),
  ];
}

function parseCsv(csv: Buffer): string[][] {
  const text = csv.subarray(3).toString('utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}

describe.each(backends)('%s: the publication list for the press', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let folder: string;
  let out: Publication;
  let before: Publication;
  let afterSecond: Publication;
  let secondSha: string;
  let copy: { sha256: string };
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    folder = mkdtempSync(join(tmpdir(), 'station-publication-'));
    const make = async (name: string, over: Parameters<typeof form>[0]) => {
      const r = await createReport(t.station, null, form({ channel: 'zalo', callerPhone, reporter: { ...reporter, anonymous: false, wantsFeedback: true }, ...over }));
      codes[name] = r.code;
      return r.id;
    };
    const sanctioned = await make('sanctioned', {
      vehicles: [{ plate: '82A-246.80', vehicleType: 'car', colour: '', brand: '', features: '', ownerName: '', driverName: '' }],
      location: { road: 'Trần Hưng Đạo', houseNumber: '77' },
      occurredAt: '2026-11-20T17:45',
      description: `Chị ${reporter.fullName} (${reporter.phone}) quay từ ban công nhà mình.`,
    });
    await makeJpeg(join(folder, fileName), { make: 'Apple', model: 'iPhone 15', taken: '2026:11:20 17:45:10', offset: '+07:00', gps: { lat: 14.3545, lng: 108.0076 } });
    // The original does carry GPS and the phone's make: what the export must drop.
    expect((await exifr.gps(join(folder, fileName)))?.latitude).toBeCloseTo(14.3545, 3);
    const scan = await scanFolder(folder);
    for (const r of await importFiles(t.station, { reportId: sanctioned, files: scan.files, sourceLabel })) if (!r.ok) throw new Error(r.error);
    await moveReport(t.station, sanctioned, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, sanctioned, {
      move: 'sanction', decisionNumber: '15/QĐ-XPHC', decisionDate: '2026-11-22', legalBasis: 'Điểm b khoản 9 Điều 6 NĐ 168/2024/NĐ-CP',
      fineVnd: 18_000_000, violatorName: 'Lê Văn Bảy', violatorAddress: '',
    });
    const forwarded = await make('forwarded', { vehicles: [{ plate: '82C-111.22', vehicleType: 'truck', colour: '', brand: '', features: '', ownerName: '', driverName: '' }] });
    await moveReport(t.station, forwarded, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, forwarded, { move: 'forward', agency: 'Phòng Kinh tế phường Kon Tum', letterNumber: '2/PC08' });
    await make('open', { vehicles: [{ plate: '82B-333.44', vehicleType: 'car', colour: '', brand: '', features: '', ownerName: '', driverName: '' }] });
    // The photo is not redacted yet: it does not go out, and the export says so.
    before = await exportPublication(t.station, { from: '2026-11-01', to: '2026-11-30' });
    const [photo] = await listEvidence(t.station, sanctioned);
    const first = await redact(t.station, sanctioned, photo!.id, [{ left: 0.1, top: 0.1, width: 0.3, height: 0.3 }], 'blur');
    // Redacted again with a box more, then once more as the first time (the same bytes, already stored): the copy
    // last saved is the one published, not the one stored last.
    const second = await redact(t.station, sanctioned, photo!.id, [{ left: 0.1, top: 0.1, width: 0.3, height: 0.3 }, { left: 0.5, top: 0.5, width: 0.2, height: 0.2 }], 'fill');
    expect(second.sha256).not.toBe(first.sha256);
    afterSecond = await exportPublication(t.station, { from: '2026-11-01', to: '2026-11-30' });
    copy = await redact(t.station, sanctioned, photo!.id, [{ left: 0.1, top: 0.1, width: 0.3, height: 0.3 }], 'blur');
    expect(copy).toEqual(first);
    secondSha = second.sha256;
    out = await exportPublication(t.station, { from: '2026-11-01', to: '2026-11-30' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the sanctioned report with its plate, place, act, time and sanction, in UTF-8 with a BOM', () => {
    expect([...out.csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = parseCsv(out.csv);
    expect(head).toEqual(['STT', 'Số phản ánh', 'Biển số', 'Loại phương tiện', 'Địa điểm vi phạm', 'Hành vi vi phạm', 'Thời gian vi phạm',
      'Quyết định xử phạt', 'Ngày quyết định', 'Số tiền phạt (đồng)', 'Kết quả xử lý', 'Ảnh']);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(head!.map((h, i) => [h, rows[0]![i]]));
    expect(row['Số phản ánh']).toBe(codes.sanctioned);
    expect(row['Biển số']).toBe('82A-246.80');
    expect(row['Địa điểm vi phạm']).toContain('Trần Hưng Đạo');
    // The house number can be the reporter's own: left out.
    expect(row['Địa điểm vi phạm']).not.toContain('77');
    expect(row['Hành vi vi phạm']).toMatch(/đèn/i);
    expect(row['Thời gian vi phạm']).toBe('17:45 20/11/2026');
    expect(row['Quyết định xử phạt']).toBe('15/QĐ-XPHC');
    expect(row['Ngày quyết định']).toBe('22/11/2026');
    expect(row['Số tiền phạt (đồng)']).toBe('18000000');
    expect(row['Ảnh']).toBe(`${codes.sanctioned}-1.jpg`);
    expect(out.rows).toBe(1);
  });

  it('leaves out the forwarded and the open reports', () => {
    const text = out.csv.toString('utf8');
    expect(text).not.toContain(codes.forwarded);
    expect(text).not.toContain('82C-111.22');
    expect(text).not.toContain(codes.open);
    expect(text).not.toContain('82B-333.44');
  });

  it('shows nothing of the reporter nor of the file\'s own name', () => {
    // The detector works: it sees the identity where it is.
    expect(leaks(Buffer.from(`x ${reporter.fullName.normalize('NFD')} ${reporter.phone.replaceAll(' ', '.')} ${fileName}`))).toEqual(
      expect.arrayContaining([reporter.fullName, reporter.phone, fileName]));
    expect(leaks(out.csv)).toEqual([]);
    for (const p of out.photos) expect(leaks(Buffer.from(p.name))).toEqual([]);
  });

  it('publishes the copy last saved', () => {
    expect(afterSecond.photos.map((p) => createHash('sha256').update(p.data).digest('hex'))).toEqual([secondSha]);
  });

  it('refuses the photo no officer redacted, and says which report has it', () => {
    expect(before.photos).toEqual([]);
    expect(before.unredacted).toEqual([{ code: codes.sanctioned, photos: 1 }]);
    expect(out.unredacted).toEqual([]);
  });

  it('publishes only the newest redacted copy, without EXIF or GPS, named by the report', async () => {
    expect(out.photos.map((p) => p.name)).toEqual([`${codes.sanctioned}-1.jpg`]);
    const photo = out.photos[0]!.data;
    expect(createHash('sha256').update(photo).digest('hex')).toBe(copy.sha256);
    expect([...photo.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(await exifr.gps(photo).catch(() => undefined)).toBeUndefined();
    expect(await exifr.parse(photo, true).catch(() => undefined)).toBeUndefined();
    // No APP1 (EXIF/XMP) segment at all, and nothing of the phone's make.
    expect(photo.includes(Buffer.from('Exif\0'))).toBe(false);
    expect(photo.includes(Buffer.from('iPhone'))).toBe(false);
    expect(leaks(photo)).toEqual([]);
  });

  it('writes the export in the audit trail', async () => {
    const lines = await t.station.db.selectFrom('audit_events').select(['action', 'detail']).where('action', '=', 'publication.exported').orderBy('id').execute();
    expect(lines.map((l) => JSON.parse(l.detail) as unknown)).toEqual([
      { from: '2026-11-01', to: '2026-11-30', rows: 1, photos: 0, unredacted: 1 }, { from: '2026-11-01', to: '2026-11-30', rows: 1, photos: 1, unredacted: 0 },
      { from: '2026-11-01', to: '2026-11-30', rows: 1, photos: 1, unredacted: 0 }]);
  });
});
