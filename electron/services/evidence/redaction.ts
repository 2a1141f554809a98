import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getEvidence, newestRedactions, recordImports } from '../../../db/queries/evidence';
import { vi } from '../../contract/messages.vi';
import type { FoundFace, RedactionBox, RedactionStyle } from '../../contract/schemas';
import { rejected } from '../errors';
import type { Station } from '../station';
import { findFaces, PICTURE_LIMIT } from './face-detector';
import { shownPicture } from './picture';
import { loadSharp } from './plate-image';

// A copy of a photo or still for publication (the press, the unit's fanpage), with bystanders' faces, the plates
// of vehicles not involved, screens and house numbers hidden. The station proposes the faces (face-detector.ts);
// the officer adds, moves and removes boxes and saves. The copy is a new derived item (hashed, linked to its
// source, in the custody log of both); the source is never changed. The copy is made from the pixels alone:
// no EXIF, no GPS, no maker notes, no name of the citizen's file.

const pictureOf = (station: Station, reportId: number, evidenceId: number) => shownPicture(station, reportId, evidenceId, vi.redaction.noPicture);

/** The faces proposed for hiding, most certain first, and the boxes of the copy last saved for the picture in this report. */
export async function proposeFaces(station: Station, reportId: number, evidenceId: number) {
  const { image, width, height } = await pictureOf(station, reportId, evidenceId);
  let faces: FoundFace[];
  try {
    faces = await findFaces(image);
  } catch (err) {
    console.error('face detection failed', err);
    throw rejected(vi.redaction.detectFailed);
  }
  const copyId = (await newestRedactions(station.db, reportId)).get(evidenceId);
  const copy = copyId === undefined ? undefined : await getEvidence(station.db, station.unitId, copyId);
  return { faces, saved: copy ? savedBoxes(copy.metadata, width, height) : null };
}

/** A saved copy's boxes (pixels, in its metadata) as fractions of the picture again. */
function savedBoxes(metadata: string, width: number, height: number): { boxes: RedactionBox[]; style: RedactionStyle } | null {
  const saved = JSON.parse(metadata) as { boxes?: { left: number; top: number; width: number; height: number }[]; style?: RedactionStyle };
  if (!Array.isArray(saved.boxes) || (saved.style !== 'blur' && saved.style !== 'fill')) return null;
  return {
    style: saved.style,
    boxes: saved.boxes.map((b) => {
      const left = Math.min(1, b.left / width);
      const top = Math.min(1, b.top / height);
      return { left, top, width: Math.min(1 - left, b.width / width), height: Math.min(1 - top, b.height / height) };
    }),
  };
}

/** A box in the picture's pixels, at least 2 px each way, inside the picture. */
function inPixels(box: RedactionBox, width: number, height: number) {
  const left = Math.min(width - 2, Math.max(0, Math.floor(box.left * width)));
  const top = Math.min(height - 2, Math.max(0, Math.floor(box.top * height)));
  return {
    left, top,
    width: Math.max(2, Math.min(width - left, Math.ceil((box.left + box.width) * width) - left)),
    height: Math.max(2, Math.min(height - top, Math.ceil((box.top + box.height) * height) - top)),
  };
}

type Px = ReturnType<typeof inPixels>;

/**
 * The picture, upright, with each box hidden: a solid black fill, or a coarse mosaic (about six cells across the
 * box's long side) then blurred, so nothing of a face or a plate can be sharpened back out of it.
 */
async function renderRedacted(image: Buffer, boxes: Px[], style: RedactionStyle): Promise<Buffer> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(image, PICTURE_LIMIT).rotate().flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const patches = [];
  for (const b of boxes) {
    let patch: Buffer;
    if (style === 'fill') {
      patch = await sharp({ create: { width: b.width, height: b.height, channels: 3, background: '#000000' } }).png().toBuffer();
    } else {
      const cell = Math.max(2, Math.ceil(Math.max(b.width, b.height) / 6));
      const small = await sharp(data, raw).extract(b).resize(Math.max(1, Math.round(b.width / cell)), Math.max(1, Math.round(b.height / cell)), { kernel: 'cubic' }).png().toBuffer();
      patch = await sharp(small).resize(b.width, b.height, { kernel: 'nearest' }).blur(Math.max(0.5, cell / 3)).png().toBuffer();
    }
    patches.push({ input: patch, left: b.left, top: b.top });
  }
  // sharp writes no metadata unless asked: the JPEG carries the pixels only.
  return sharp(data, raw).composite(patches).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
}

/** Saves the copy with the boxes hidden as a new item of the report; returns it. */
export async function redact(station: Station, reportId: number, evidenceId: number, boxes: RedactionBox[], style: RedactionStyle) {
  const { item, image, width, height } = await pictureOf(station, reportId, evidenceId);
  if (item.redacted) throw rejected(vi.redaction.alreadyRedacted);
  const px = boxes.map((b) => inPixels(b, width, height));
  let jpeg: Buffer;
  try {
    jpeg = await renderRedacted(image, px, style);
  } catch (err) {
    console.error('redaction failed', err);
    throw rejected(vi.redaction.noPicture(item.originalName));
  }
  const now = station.now().toISOString();
  await mkdir(station.store.tmp, { recursive: true });
  const work = await mkdtemp(join(station.store.tmp, 'redact-'));
  try {
    const file = join(work, 'redacted.jpg');
    await writeFile(file, jpeg);
    const name = vi.redaction.copyName(item.sha256.slice(0, 12));
    return await station.store.commit([await station.store.ingest(file)], async ([stored]) => {
      // The copy, its link and custody line, and the line on its source naming it: one transaction.
      const [redactedId] = (await recordImports(station.db, [{
        item: {
          sha256: stored!.sha256, size: stored!.size, kind: 'photo', format: 'jpeg', storePath: stored!.storePath,
          // When it was taken stays (the published list says when the violation was); where it was taken does not.
          capturedLocal: item.capture?.local ?? null, capturedOffset: item.capture?.offset ?? null, capturedAt: item.capture?.instant ?? null,
          lat: null, lng: null, make: null, model: null, software: null, width, height, rotation: 0, durationS: null, codecs: null,
          signs: [], metadata: JSON.stringify({ redactionOf: item.sha256, boxes: px, style }), derivedFrom: item.id,
        },
        link: { reportId, originalPath: name, originalName: name, originalNameRaw: name, sourceLabel: vi.redaction.copySource, fileMtime: null, at: now, officerId: station.officerId },
      }], ([copyId]) => [{
        evidenceId: item.id, reportId, at: now, officerId: station.officerId, action: 'redacted',
        detail: { copyId, copySha256: stored!.sha256, boxes: px.length, style },
      }])) as [number];
      return { redactedId, sha256: stored!.sha256 };
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
