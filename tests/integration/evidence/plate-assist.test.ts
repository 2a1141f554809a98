import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRequest, PlateBox } from '../../../electron/contract/schemas';
import { getEvidence } from '../../../db/queries/evidence';
import { previewDocument } from '../../../electron/services/documents/issue';
import { importFiles } from '../../../electron/services/evidence/import';
import { custodyLog, listEvidence } from '../../../electron/services/evidence/list';
import { acceptPlate, suggestPlate } from '../../../electron/services/evidence/plate-assist';
import { closePlateReader } from '../../../electron/services/evidence/plate-reader';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport, reportDetail, searchReports } from '../../../electron/services/intake/reports';
import { makeVideo } from '../../support/media';
import { pdfText } from '../../support/pdf';
import { plateSample, type PlateSample } from '../../support/plates';
import { backends, form, tempStation } from '../../support/station';

// The plate a photo shows, read offline in the officer's box and offered; nothing reaches the report
// until the officer accepts, and then the crop that was read is kept as evidence linked to its photo.

let usb: string;
let car: PlateSample;
let bike: PlateSample;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const asFractions = (s: PlateSample, width: number, height: number): PlateBox =>
  ({ left: s.box.left / width, top: s.box.top / height, width: s.box.width / width, height: s.box.height / height });
const verification: DocumentRequest = { kind: 'verification', params: { recipient: 'Trưởng phòng', findings: 'Đã xem ảnh.', proposal: 'Xử phạt.',
  signer: { authority: null, title: 'Cán bộ', rank: 'Đại úy', name: 'Lê Thị Hoa' } } };

beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'station-plate-'));
  mkdirSync(join(usb, 'DCIM'));
  car = await plateSample(11, 'clean', { layout: 'car-long', colour: 'white' });
  bike = await plateSample(12, 'clean', { layout: 'motorbike', colour: 'white' });
  writeFileSync(join(usb, 'DCIM', `car.${car.format === 'png' ? 'png' : 'jpg'}`), car.image);
  writeFileSync(join(usb, 'DCIM', `bike.${bike.format === 'png' ? 'png' : 'jpg'}`), bike.image);
  await makeVideo(join(usb, 'DCIM', 'clip.mp4'), { seconds: 1 });
}, 120_000);

afterAll(async () => {
  rmSync(usb, { recursive: true, force: true });
  await closePlateReader();
});

describe.each(backends)('%s: reading a plate off a photo', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  const items = new Map<string, { id: number; width: number; height: number }>();

  beforeAll(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    // The reporter did not catch the plate: the report has a vehicle without one.
    ({ id: reportId } = await createReport(t.station, null, form({ vehicles: [{ plate: '', vehicleType: 'car', colour: 'trắng', brand: '', features: '', ownerName: '', driverName: '' }] })));
    const scan = await scanFolder(usb);
    for (const r of await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'USB' })) {
      if (!r.ok) throw new Error(r.error);
      const item = (await listEvidence(t.station, reportId)).find((i) => i.id === r.evidenceId)!;
      items.set(r.name.replace(/\.\w+$/, ''), { id: r.evidenceId, width: item.width ?? 0, height: item.height ?? 0 });
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('offers the plate read in the box, changing nothing', async () => {
    const photo = items.get('car')!;
    const before = await reportDetail(t.station, reportId);
    const s = await suggestPlate(t.station, reportId, photo.id, asFractions(car, photo.width, photo.height));
    expect(s.plate).toBe(car.expected);
    expect(await reportDetail(t.station, reportId)).toEqual(before);
    expect((await listEvidence(t.station, reportId)).length).toBe(3);
  });

  it('on acceptance: the plate on the report’s vehicle, searchable, in the audit trail; the crop kept, hashed and linked', async () => {
    const photo = items.get('car')!;
    const stored = (await getEvidence(t.station.db, t.station.unitId, photo.id))!;
    const photoSha = sha(readFileSync(t.station.store.absolute(stored.store_path)));
    const done = await acceptPlate(t.station, reportId, photo.id, asFractions(car, photo.width, photo.height), car.expected);
    expect(done.plate).toBe(car.expected);
    const detail = await reportDetail(t.station, reportId);
    expect(detail.vehicles).toHaveLength(1);
    expect(detail.vehicles[0]).toMatchObject({ plate: { canonical: car.expected }, colour: 'trắng' });
    expect((await searchReports(t.station, car.expected.replace(/\D/g, '').slice(-5))).map((r) => r.id)).toContain(reportId);
    expect(detail.history.some((h) => h.detail.includes(car.expected))).toBe(true);
    const crop = (await listEvidence(t.station, reportId)).find((i) => i.id === done.cropId)!;
    expect(crop).toMatchObject({ kind: 'photo', format: 'png', derivedFrom: photo.id, plate: car.expected });
    expect(done.added).toBe(true);
    const cropRow = (await getEvidence(t.station.db, t.station.unitId, done.cropId))!;
    expect(sha(readFileSync(t.station.store.absolute(cropRow.store_path)))).toBe(crop.sha256);
    expect(sha(readFileSync(t.station.store.absolute(stored.store_path)))).toBe(photoSha);
    expect((await custodyLog(t.station, photo.id)).map((c) => c.action)).toContain('plate-read');
    expect((await custodyLog(t.station, done.cropId)).map((c) => c.action)).toContain('derived');
    // The verification report shows the crop with the plate the officer confirmed.
    expect(pdfText(await previewDocument(t.station, reportId, verification)).join(' ')).toContain(`Biển số đã xác nhận: ${car.expected}`);
  });

  it('a second plate (as the officer typed it) goes on a new vehicle; the same plate again adds nothing', async () => {
    const photo = items.get('bike')!;
    await acceptPlate(t.station, reportId, photo.id, asFractions(bike, photo.width, photo.height), bike.expected.toLowerCase());
    await acceptPlate(t.station, reportId, photo.id, asFractions(bike, photo.width, photo.height), bike.expected);
    const again = await acceptPlate(t.station, reportId, photo.id, asFractions(bike, photo.width, photo.height), bike.expected);
    expect(again.added).toBe(false);
    expect((await reportDetail(t.station, reportId)).vehicles.map((v) => v.plate?.canonical)).toEqual([car.expected, bike.expected]);
  });

  it('two desks confirming two plates on one report at once: both kept, each on its own vehicle', async () => {
    const { id: other } = await createReport(t.station, null, form({ vehicles: [{ plate: '', vehicleType: 'car', colour: '', brand: '', features: '', ownerName: '', driverName: '' }] }));
    const scan = await scanFolder(usb);
    const linked = new Map<string, number>();
    for (const r of await importFiles(t.station, { reportId: other, files: scan.files, sourceLabel: 'USB' })) if (r.ok) linked.set(r.name.replace(/\.\w+$/, ''), r.evidenceId);
    const [a, b] = [items.get('car')!, items.get('bike')!];
    const results = await Promise.all([
      acceptPlate(t.station, other, linked.get('car')!, asFractions(car, a.width, a.height), car.expected),
      acceptPlate(t.station, other, linked.get('bike')!, asFractions(bike, b.width, b.height), bike.expected),
    ]);
    expect(results.map((r) => r.added)).toEqual([true, true]);
    const vehicles = (await reportDetail(t.station, other)).vehicles.map((v) => v.plate?.canonical).sort();
    expect(vehicles).toEqual([car.expected, bike.expected].sort());
  });

  it('refuses what is not a plate, a box too small to read, and a video', async () => {
    const photo = items.get('car')!;
    const box = asFractions(car, photo.width, photo.height);
    await expect(acceptPlate(t.station, reportId, photo.id, box, 'xin chào')).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('xin chào') });
    await expect(suggestPlate(t.station, reportId, photo.id, { left: 0.5, top: 0.5, width: 0.001, height: 0.001 }))
      .rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('quá nhỏ') });
    await expect(suggestPlate(t.station, reportId, items.get('clip')!.id, box)).rejects.toMatchObject({ code: 'not-found' });
  });
});
