import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { originalName, recordImports } from '../../../db/queries/evidence';
import { addReadPlate } from '../../../db/queries/reports';
import { normalizePlate, plateDigitParts } from '../../contract/domain/plate';
import { vi } from '../../contract/messages.vi';
import type { EvidenceItem, PlateBox, PlateSuggestion } from '../../contract/schemas';
import { stationCalendar } from '../calendar/days-off';
import { rejected } from '../errors';
import type { Station } from '../station';
import { stationJudge } from '../workflow/cases';
import { stationRules } from '../workflow/rules';
import { shownPicture } from './picture';
import { loadSharp } from './plate-image';
import { readPlate } from './plate-reader';
import { stillSigns } from './signs';

// Reading a plate off a photo or a still: the officer draws a box, Tesseract reads it (plate-reader.ts),
// the officer confirms or corrects. Always a suggestion: nothing reaches the report until the officer
// accepts, and then the crop that was read is kept as evidence of its own (hashed, linked to its
// source, in the custody log) beside the plate it gave.

/** Smaller than this (in the picture's pixels) no plate can be read: the officer is asked to zoom and draw again. */
const MIN_BOX = { width: 16, height: 12 };

const pictureOf = (station: Station, reportId: number, evidenceId: number) => shownPicture(station, reportId, evidenceId, vi.plateRead.noPicture);

function inPixels(box: PlateBox, width: number, height: number) {
  const left = Math.max(0, Math.floor(box.left * width));
  const top = Math.max(0, Math.floor(box.top * height));
  const px = { left, top, width: Math.min(width - left, Math.round(box.width * width)), height: Math.min(height - top, Math.round(box.height * height)) };
  if (px.width < MIN_BOX.width || px.height < MIN_BOX.height) throw rejected(vi.plateRead.boxTooSmall);
  return px;
}

async function read(image: Buffer, box: ReturnType<typeof inPixels>) {
  try {
    return await readPlate(image, box);
  } catch (err) {
    console.error('plate reading failed', err);
    throw rejected(vi.plateRead.failed);
  }
}

export async function suggestPlate(station: Station, reportId: number, evidenceId: number, box: PlateBox): Promise<PlateSuggestion> {
  const { image, width, height } = await pictureOf(station, reportId, evidenceId);
  const r = await read(image, inPixels(box, width, height));
  return { plate: r.text, raw: r.raw, confidence: Math.round(r.confidence) };
}

/** The officer's plate (the suggestion or their correction), with the crop kept as a derived item. */
export async function acceptPlate(station: Station, reportId: number, evidenceId: number, box: PlateBox, typed: string) {
  const plate = normalizePlate(typed);
  if (plate.key === '' || plate.flags.includes('unrecognized')) throw rejected(vi.plateRead.notAPlate(typed));
  const { item, image, width, height } = await pictureOf(station, reportId, evidenceId);
  const px = inPixels(box, width, height);
  const r = await read(image, px);
  const now = station.now();
  await mkdir(station.store.tmp, { recursive: true });
  const work = await mkdtemp(join(station.store.tmp, 'plate-'));
  try {
    const png = join(work, 'plate.png');
    await writeFile(png, r.crop);
    const name = `${(await originalName(station.db, reportId, item.id)) ?? item.sha256.slice(0, 12)} — ${vi.plateRead.cropName}.png`;
    const size = await (await loadSharp())(r.crop).metadata();
    const signs = stillSigns(item.signs, item.capture?.instant ?? null, now, await stationCalendar(station.db), await stationRules(station.db));
    const { cropId, sha256 } = await station.store.commit([await station.store.ingest(png)], async ([stored]) => {
      const [cropId] = (await recordImports(station.db, [{ item: cropRecord(item, stored!, { width: size.width ?? null, height: size.height ?? null }, signs, { plateOf: item.sha256, box: px, read: r.raw, suggested: r.text }), link: {
        reportId, originalPath: name, originalName: name, originalNameRaw: name, sourceLabel: vi.plateRead.cropSource,
        fileMtime: null, at: now.toISOString(), officerId: station.officerId,
      } }])) as [number];
      return { cropId, sha256: stored!.sha256 };
    });
    // The plate the officer confirmed lives with the report (custody line, vehicle, audit), not on the crop:
    // the same box drawn again gives the same crop, and a corrected plate must not be hidden behind the first.
    const added = await addReadPlate(station.db, {
      unitId: station.unitId, reportId, officerId: station.officerId, at: now.toISOString(), judge: await stationJudge(station.db),
      plate: { input: plate.input, canonical: plate.canonical, key: plate.key, kind: plate.kind, provinceCode: plate.provinceCode, flags: plate.flags },
      digits: plateDigitParts([{ key: plate.key, canonical: plate.canonical }]),
      evidenceId: item.id, cropId, custody: { cropSha256: sha256, read: r.raw },
      summary: vi.plateRead.audit(plate.canonical, r.raw),
    });
    return { cropId, plate: plate.canonical, added };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function cropRecord(item: EvidenceItem, stored: { sha256: string; size: number; storePath: string }, size: { width: number | null; height: number | null }, signs: string[], metadata: Record<string, unknown>) {
  return {
    sha256: stored.sha256, size: stored.size, kind: 'photo' as const, format: 'png', storePath: stored.storePath,
    capturedLocal: item.capture?.local ?? null, capturedOffset: item.capture?.offset ?? null, capturedAt: item.capture?.instant ?? null,
    lat: item.location?.lat ?? null, lng: item.location?.lng ?? null, make: null, model: null, software: null,
    width: size.width, height: size.height, rotation: 0, durationS: null, codecs: null, signs, metadata: JSON.stringify(metadata), derivedFrom: item.id,
  };
}
