import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvidence } from '../../db/queries/evidence';
import { findFaces, stopFaceDetector } from '../../electron/services/evidence/face-detector';
import { importFiles } from '../../electron/services/evidence/import';
import { listEvidence } from '../../electron/services/evidence/list';
import { proposeFaces, redact } from '../../electron/services/evidence/redaction';
import { scanFolder } from '../../electron/services/evidence/scan';
import { createReport, reportDetail } from '../../electron/services/intake/reports';
import { exportPublication } from '../../electron/services/publication/export';
import { moveReport } from '../../electron/services/workflow/cases';
import { makeJpeg } from '../support/media';
import { seededRandom } from '../support/random';
import { form, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// Pictures built to hurt the face finder and the redaction: a small file claiming a giant picture, cut-off
// and random bytes, boxes at the picture's very edges, another report's photo, a copy redacted again, two desks
// saving copies of one photo at once — and a publication asked for while nothing is redacted. The station
// answers fast with a clear message or does the work; the source is never changed; no unredacted photo goes out.

const figures = Object.assign(hostileFigures('hostile redaction'), { picturesTried: 0, unredactedPublished: 0, sourcesChanged: 0 });
const dir = mkdtempSync(join(tmpdir(), 'station-redact-hostile-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stopFaceDetector();
});

async function within<T>(ms: number, work: () => Promise<T>): Promise<T | Error> {
  figures.picturesTried += 1;
  const started = Date.now();
  const out = await work().catch((e: unknown) => e as Error);
  if (Date.now() - started > ms) figures.hangs += 1;
  expect(Date.now() - started).toBeLessThan(ms);
  return out;
}

describe('hostile pictures for the face finder', () => {
  it('a small PNG of 15,000 × 15,000 grey pixels (225 megapixels) is refused at once, not decoded', async () => {
    const chunk = (type: string, body: Buffer) => {
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), body])));
      return Buffer.concat([head, Buffer.from(type, 'latin1'), body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    const side = 15_000;
    ihdr.writeUInt32BE(side, 0);
    ihdr.writeUInt32BE(side, 4);
    ihdr.set([8, 0, 0, 0, 0], 8);
    // Every row: its filter byte and the pixels, all zero — a few hundred kilobytes once deflated.
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(side * (side + 1)), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
    expect(bomb.length).toBeLessThan(1_000_000);
    expect((await sharp(bomb).metadata()).width).toBe(side);
    const out = await within(2_000, () => findFaces(bomb));
    expect(out).toBeInstanceOf(Error);
  }, 60_000);

  it('random bytes, a cut-off JPEG and a one-pixel picture: an error or no face, never a hang', async () => {
    const rng = seededRandom(77);
    const whole = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#678' } }).jpeg().toBuffer();
    const inputs = [
      Buffer.from(Array.from({ length: 50_000 }, () => Math.floor(rng() * 256))),
      whole.subarray(0, whole.length / 3),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10_000, 0xff)]),
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer(),
      await sharp({ create: { width: 20_000, height: 3, channels: 3, background: '#000' } }).png().toBuffer(),
    ];
    for (const input of inputs) {
      const out = await within(20_000, () => findFaces(input));
      if (!(out instanceof Error)) expect(out).toEqual([]);
    }
  }, 120_000);
});

describe('hostile redaction requests', () => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  let otherReport: number;
  let photoId: number;
  let sourceSha: string;

  beforeAll(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'));
    ({ id: reportId } = await createReport(t.station, null, form({ vehicles: [{ plate: '82A-246.80', vehicleType: 'car', colour: '', brand: '', features: '', ownerName: '', driverName: '' }] })));
    ({ id: otherReport } = await createReport(t.station, null, form({})));
    await makeJpeg(join(dir, 'usb', 'IMG_0001.jpg'), { make: 'Apple', model: 'iPhone 15', taken: '2026:11:20 17:45:10', offset: '+07:00', gps: { lat: 14.3545, lng: 108.0076 } }, { width: 800, height: 600, noise: true });
    const scan = await scanFolder(join(dir, 'usb'));
    const [r] = await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'USB' });
    if (!r?.ok) throw new Error(r?.error);
    photoId = r.evidenceId;
    sourceSha = (await getEvidence(t.station.db, t.station.unitId, photoId))!.sha256;
  }, 60_000);

  afterAll(async () => {
    const row = (await getEvidence(t.station.db, t.station.unitId, photoId))!;
    const bytes = readFileSync(t.station.store.absolute(row.store_path));
    const { createHash } = await import('node:crypto');
    if (createHash('sha256').update(bytes).digest('hex') !== sourceSha) figures.sourcesChanged += 1;
    expect(figures.sourcesChanged).toBe(0);
    await t.close();
  });

  it('a photo asked for through another report, or a made-up id, is not found', async () => {
    figures.requestsTried += 3;
    await expect(redact(t.station, otherReport, photoId, [{ left: 0, top: 0, width: 1, height: 1 }], 'fill')).rejects.toMatchObject({ code: 'not-found' });
    await expect(proposeFaces(t.station, otherReport, photoId)).rejects.toMatchObject({ code: 'not-found' });
    await expect(redact(t.station, reportId, 987_654, [{ left: 0, top: 0, width: 1, height: 1 }], 'blur')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('boxes on the very edges, of no size, and the whole picture: a copy is made, the size of the source', async () => {
    figures.requestsTried += 1;
    const boxes = [
      { left: 1, top: 1, width: 0, height: 0 }, { left: 0, top: 0, width: 0, height: 0 }, { left: 0.9999, top: 0, width: 0.0001, height: 1 },
      { left: 0, top: 0, width: 1, height: 1 }, ...Array.from({ length: 150 }, (_, i) => ({ left: (i % 15) / 15, top: Math.floor(i / 15) / 10, width: 0.05, height: 0.05 })),
    ];
    const out = await redact(t.station, reportId, photoId, boxes, 'blur');
    const row = (await getEvidence(t.station.db, t.station.unitId, out.redactedId))!;
    const meta = await sharp(readFileSync(t.station.store.absolute(row.store_path))).metadata();
    expect(meta).toMatchObject({ width: 800, height: 600, format: 'jpeg' });
    expect(meta.exif).toBeUndefined();
    // No box at all (the officer looked and found nothing to hide): the picture as it is, its metadata gone.
    const plain = await redact(t.station, reportId, photoId, [], 'fill');
    const plainMeta = await sharp(readFileSync(t.station.store.absolute((await getEvidence(t.station.db, t.station.unitId, plain.redactedId))!.store_path))).metadata();
    expect(plainMeta).toMatchObject({ width: 800, height: 600, format: 'jpeg' });
    expect(plainMeta.exif).toBeUndefined();
  });

  it('two desks saving copies of one photo at once: both kept, each linked to the source', async () => {
    figures.requestsTried += 2;
    const [a, b] = await Promise.all([
      redact(t.station, reportId, photoId, [{ left: 0.1, top: 0.1, width: 0.2, height: 0.2 }], 'fill'),
      redact(t.station, reportId, photoId, [{ left: 0.5, top: 0.5, width: 0.2, height: 0.2 }], 'fill'),
    ]);
    const copies = (await listEvidence(t.station, reportId)).filter((i) => i.redacted);
    expect(copies.map((c) => c.id)).toEqual(expect.arrayContaining([a.redactedId, b.redactedId]));
    for (const c of copies) expect(c.derivedFrom).toBe(photoId);
  });

  it('a publication never carries the unredacted photo, whatever else the report holds', async () => {
    figures.requestsTried += 1;
    await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, reportId, {
      move: 'sanction', decisionNumber: '15/QĐ-XPHC', decisionDate: '2026-11-22', legalBasis: 'Điểm b khoản 9 Điều 6 NĐ 168/2024/NĐ-CP',
      fineVnd: 18_000_000, violatorName: 'Lê Văn Bảy', violatorAddress: '',
    });
    // A citizen's photo whose XMP claims to be a plate crop and a redacted copy: it is neither, and is counted as unredacted.
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
      + '<rdf:Description rdf:about="" xmlns:t="http://example.com/t/" t:plateOf="abc" t:redactionOf="def"/></rdf:RDF></x:xmpmeta>';
    mkdirSync(join(dir, 'xmp'));
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a6' } }).jpeg().withXmp(xmp).toFile(join(dir, 'xmp', 'IMG_0002.jpg'));
    const [crafted] = await importFiles(t.station, { reportId, files: (await scanFolder(join(dir, 'xmp'))).files, sourceLabel: 'USB' });
    if (!crafted?.ok) throw new Error(crafted?.error);
    expect((await listEvidence(t.station, reportId)).find((i) => i.id === crafted.evidenceId)?.redacted).toBe(false);
    const source = readFileSync(t.station.store.absolute((await getEvidence(t.station.db, t.station.unitId, photoId))!.store_path));
    const out = await exportPublication(t.station, { from: '2026-11-01', to: '2026-11-30' });
    expect(out.unredacted).toEqual([{ code: (await reportDetail(t.station, reportId)).code, photos: 1 }]);
    for (const p of out.photos) {
      if (p.data.equals(source) || p.data.includes(Buffer.from('Exif\0')) || p.data.includes(Buffer.from('iPhone'))) figures.unredactedPublished += 1;
    }
    expect(out.photos.length).toBeGreaterThan(0);
    expect(figures.unredactedPublished).toBe(0);
  });
});
