import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvidence } from '../../../db/queries/evidence';
import type { RedactionBox } from '../../../electron/contract/schemas';
import { findFaces, stopFaceDetector } from '../../../electron/services/evidence/face-detector';
import { importFiles } from '../../../electron/services/evidence/import';
import { custodyLog, evidenceHistory, listEvidence } from '../../../electron/services/evidence/list';
import { proposeFaces, redact } from '../../../electron/services/evidence/redaction';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { type FaceScene, faceScenes, found } from '../../support/faces';
import { backends, form, tempStation } from '../../support/station';

// A copy for publication: the faces the station proposes, boxes hidden, the rest of the picture as it was, no
// EXIF/GPS/name in it, the copy hashed and linked to its source in the custody log, the source untouched.

let usb: string;
let scene: FaceScene;
/** The citizen's photo is stored turned (EXIF orientation 6, as phones do): boxes are on the upright picture. */
let upright: { data: Buffer; width: number; height: number };
const NAME = 'IMG_20261120_174510_NguyenVanAn.jpg';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'station-redact-'));
  scene = (await faceScenes(21, 1, 1600, 1200))[0]!;
  // Stored as the sensor saw it (turned a quarter to the left) with Orientation 6: shown upright.
  const stored = await sharp(scene.jpeg).rotate(-90).jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: 'Apple', Model: 'iPhone 15' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '14/1 21/1 16/1', GPSLongitudeRef: 'E', GPSLongitude: '108/1 0/1 27/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  expect((await exifr.gps(stored))?.latitude).toBeCloseTo(14.354, 2);
  writeFileSync(join(usb, NAME), stored);
  const raw = await sharp(stored).rotate().raw().toBuffer({ resolveWithObject: true });
  upright = { data: raw.data, width: raw.info.width, height: raw.info.height };
}, 120_000);

afterAll(async () => {
  rmSync(usb, { recursive: true, force: true });
  await stopFaceDetector();
});

const inPixels = (faces: { left: number; top: number; width: number; height: number }[]) =>
  faces.map((f) => ({ left: f.left * upright.width, top: f.top * upright.height, width: f.width * upright.width, height: f.height * upright.height }));

/** The largest difference of one channel between two pictures of one size, outside the boxes (with a margin) and inside them. */
async function difference(copy: Buffer, boxes: RedactionBox[]) {
  const { data, info } = await sharp(copy).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([upright.width, upright.height]);
  // JPEG works in 8×8 blocks: a box's edge rings a block's width around it.
  const margin = 8;
  const inside = (x: number, y: number, m: number) => boxes.some((b) =>
    x >= b.left * info.width - m && x < (b.left + b.width) * info.width + m && y >= b.top * info.height - m && y < (b.top + b.height) * info.height + m);
  let outsideMax = 0;
  let outsideSum = 0;
  let outsideN = 0;
  let insideSum = 0;
  let insideN = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      const d = Math.max(Math.abs(data[i]! - upright.data[i]!), Math.abs(data[i + 1]! - upright.data[i + 1]!), Math.abs(data[i + 2]! - upright.data[i + 2]!));
      if (inside(x, y, 0)) {
        insideSum += d;
        insideN++;
      } else if (!inside(x, y, margin)) {
        outsideMax = Math.max(outsideMax, d);
        outsideSum += d;
        outsideN++;
      }
    }
  }
  return { outsideMax, outsideMean: outsideSum / outsideN, insideMean: insideSum / insideN };
}

describe.each(backends)('%s: a redacted copy for publication', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  let photoId: number;
  let sourceBefore: { sha256: string; bytes: string };

  beforeAll(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    ({ id: reportId } = await createReport(t.station, null, form({})));
    const scan = await scanFolder(usb);
    const [imported] = await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'USB' });
    if (!imported?.ok) throw new Error(imported?.error);
    photoId = imported.evidenceId;
    const row = (await getEvidence(t.station.db, t.station.unitId, photoId))!;
    sourceBefore = { sha256: row.sha256, bytes: sha(readFileSync(t.station.store.absolute(row.store_path))) };
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('proposes the faces of the upright picture', async () => {
    const { faces, saved } = await proposeFaces(t.station, reportId, photoId);
    expect(saved).toBeNull();
    const hits = scene.faces.filter((f) => found(f, inPixels(faces))).length;
    expect(hits, `${hits} of ${scene.faces.length} faces (${scene.made})`).toBeGreaterThanOrEqual(scene.faces.length - 1);
  }, 60_000);

  for (const style of ['blur', 'fill'] as const) {
    it(`${style}: changes the picture inside the boxes only, keeps no EXIF, GPS or name, and records its hash and link`, async () => {
      const boxes = scene.faces.map((f) => ({ left: f.left / upright.width, top: f.top / upright.height, width: f.width / upright.width, height: f.height / upright.height }));
      const out = await redact(t.station, reportId, photoId, boxes, style);
      const row = (await getEvidence(t.station.db, t.station.unitId, out.redactedId))!;
      const copy = readFileSync(t.station.store.absolute(row.store_path));
      // Hashed as stored, linked to its source, upright, a JPEG of the pixels alone.
      expect(sha(copy)).toBe(out.sha256);
      expect(row).toMatchObject({ sha256: out.sha256, derived_from: photoId, kind: 'photo', format: 'jpeg', rotation: 0, lat: null, lng: null, make: null, model: null });
      expect(copy.includes(Buffer.from('Exif\0'))).toBe(false);
      expect(copy.includes(Buffer.from('iPhone'))).toBe(false);
      expect(await exifr.parse(copy, true).catch(() => undefined)).toBeUndefined();
      const d = await difference(copy, boxes);
      // Outside the boxes: the same picture, within what a JPEG at quality 90 changes.
      expect(d.outsideMean).toBeLessThan(1);
      expect(d.outsideMax).toBeLessThan(32);
      // Inside: gone (a mosaic then blurred, or black): the detector finds none of the faces on the copy.
      expect(d.insideMean).toBeGreaterThan(style === 'fill' ? 60 : 12);
      const left = inPixels(await findFaces(copy));
      expect(scene.faces.filter((f) => found(f, left))).toEqual([]);
      // In the report as a new item, named without the citizen's file name, marked as the copy to publish.
      const item = (await listEvidence(t.station, reportId)).find((i) => i.id === out.redactedId)!;
      expect(item).toMatchObject({ redacted: true, derivedFrom: photoId, location: null });
      expect(item.originalName).not.toContain('NguyenVanAn');
      expect(item.originalName).not.toContain('IMG_');
      // The custody log of both: the copy's making, and on the source what was made of it.
      expect((await custodyLog(t.station, out.redactedId)).map((e) => e.action)).toEqual(['derived']);
      const lines = await t.station.db.selectFrom('custody_events').select(['action', 'detail']).where('evidence_id', '=', photoId).where('action', '=', 'redacted').execute();
      expect(lines.map((l) => JSON.parse(l.detail) as unknown)).toContainEqual({ copyId: out.redactedId, copySha256: out.sha256, boxes: boxes.length, style });
      // Opened again, the editor gets these boxes back, to add to rather than draw again.
      const again = await proposeFaces(t.station, reportId, photoId);
      expect(again.saved?.style).toBe(style);
      expect(again.saved?.boxes).toHaveLength(boxes.length);
      again.saved!.boxes.forEach((b, i) => {
        for (const k of ['left', 'top', 'width', 'height'] as const) expect(Math.abs(b[k] - boxes[i]![k])).toBeLessThan(2 / upright.width);
      });
    }, 60_000);
  }

  it("shows each copy saved in the report's history", async () => {
    const lines = (await evidenceHistory(t.station, reportId)).filter((l) => l.action === 'evidence.redacted');
    expect(lines.map((l) => l.detail)).toEqual([`Tạo bản đã che để công khai: ${NAME}, che ${scene.faces.length} vùng`, `Tạo bản đã che để công khai: ${NAME}, che ${scene.faces.length} vùng`]);
  });

  it('never changes the source, and will not redact a redacted copy', async () => {
    const row = (await getEvidence(t.station.db, t.station.unitId, photoId))!;
    expect({ sha256: row.sha256, bytes: sha(readFileSync(t.station.store.absolute(row.store_path))) }).toEqual(sourceBefore);
    expect(row.sha256).toBe(sourceBefore.bytes);
    const copy = (await listEvidence(t.station, reportId)).find((i) => i.redacted)!;
    await expect(redact(t.station, reportId, copy.id, [{ left: 0, top: 0, width: 0.5, height: 0.5 }], 'fill')).rejects.toThrow(/đã là bản đã che/);
  });
});
