import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import { getEvidence } from '../../../db/queries/evidence';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import type { Station } from '../station';
import { heifFilter, type HeifImage, heifPrimary, heifThumbnail, HeifUnreadable } from './heif';
import { readForMetadata } from './photo-metadata';
import { runTool, ToolError, tools } from './tools';

// What the evidence panel shows: the original bytes (videos play from them), a thumbnail, for videos a
// contact sheet of 6 frames, and for photos the browser cannot show (HEIC, TIFF) the whole picture
// decoded to JPEG. Thumbnails, sheets and pictures are made on first request and kept in the store's
// cache folder; they are views, not evidence.

export type MediaVariant = 'original' | 'thumb' | 'sheet' | 'picture';

const CONTENT_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic',
  heif: 'image/heif', avif: 'image/avif', mp4: 'video/mp4', mov: 'video/quicktime', '3gp': 'video/3gpp',
  avi: 'video/x-msvideo', matroska: 'video/x-matroska', mpegts: 'video/mp2t',
};
const THUMB_WIDTH = 320;
const FFMPEG_TIMEOUT_MS = 30_000;
// ffmpeg cannot read HEIF files in the bundled build: heif.ts takes their HEVC images out for it.
const FFMPEG_PHOTO_FORMATS = new Set(['jpeg', 'png', 'tiff', 'gif', 'webp']);
const HEIF_FORMATS = new Set(['heic', 'heif']);
// What Chromium (Electron and browser mode) shows as it is: the picture is the original.
const BROWSER_PHOTO_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp', 'avif']);

export interface MediaFile { path: string; contentType: string }

/** Turns a photo upright in ffmpeg (EXIF orientation is lost when re-encoding). */
export function uprightFilter(rotation: number | null): string {
  if (rotation === 90) return 'transpose=1,';
  if (rotation === 180) return 'hflip,vflip,';
  if (rotation === 270) return 'transpose=2,';
  return '';
}

const making = new Map<string, Promise<void>>();

/**
 * Writes through a temporary name, so a half-made thumbnail is never served; two requests for the same
 * view (a list and a viewer opening at once) wait for one making.
 */
async function produce(target: string, make: (tmp: string) => Promise<void>): Promise<void> {
  const running = making.get(target);
  if (running) return running;
  const job = (async () => {
    await mkdir(join(target, '..'), { recursive: true });
    const tmp = `${target}.${process.pid}.${randomUUID()}.tmp.jpg`;
    try {
      await make(tmp);
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
  })();
  making.set(target, job);
  try {
    await job;
  } finally {
    making.delete(target);
  }
}

/** Decodes a HEIF image (its HEVC stream written to a work file) to a JPEG, `width` wide or whole. */
async function decodeHeif(station: Station, image: HeifImage, out: string, width: number | null): Promise<void> {
  await mkdir(station.store.tmp, { recursive: true });
  const work = await mkdtemp(join(station.store.tmp, 'heif-'));
  try {
    const stream = join(work, 'image.hevc');
    await writeFile(stream, image.annexB);
    await runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-f', 'hevc', '-i', stream,
      // A preview smaller than a thumbnail stays its size: growing it shows nothing more.
      '-vf', `${heifFilter(image)}${width ? `,scale=w='min(iw,${width})':h=-2` : ''}`, '-frames:v', '1', '-q:v', '2', '-y', out], FFMPEG_TIMEOUT_MS);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Parts of a HEIF file missing or not HEVC, or ffmpeg refusing them: the picture cannot be shown. */
function undecodable(err: unknown): boolean {
  return err instanceof HeifUnreadable || (err instanceof ToolError && !err.signal);
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

function sheetFilter(count: number): string {
  const cells = Array.from({ length: count }, (_, i) =>
    `[${i}:v]scale=${THUMB_WIDTH}:180:force_original_aspect_ratio=decrease,pad=${THUMB_WIDTH}:180:(ow-iw)/2:(oh-ih)/2,setsar=1[c${i}]`);
  return `${cells.join(';')};[c0][c1][c2]hstack=3[top];[c3][c4][c5]hstack=3[bottom];[top][bottom]vstack=2`;
}

export async function mediaFile(station: Station, evidenceId: number, variant: MediaVariant): Promise<MediaFile> {
  const item = await getEvidence(station.db, station.unitId, evidenceId);
  if (!item) throw new StationError('not-found', vi.error.notFound);
  const original = station.store.absolute(item.store_path);
  if (variant === 'original') return { path: original, contentType: CONTENT_TYPES[item.format] ?? 'application/octet-stream' };

  const target = station.store.cachePath(`${variant}-${item.sha256}.jpg`);
  if (await exists(target)) return { path: target, contentType: 'image/jpeg' };
  const duration = item.duration_s ?? 0;
  if (item.kind === 'video') {
    if (variant === 'thumb') {
      await produce(target, (tmp) => runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-ss', (duration * 0.1).toFixed(3), '-i', original,
        '-frames:v', '1', '-vf', `scale=${THUMB_WIDTH}:-2`, '-y', tmp], FFMPEG_TIMEOUT_MS).then(() => undefined));
    } else {
      const inputs = Array.from({ length: 6 }, (_, i) => ['-ss', ((duration * (i + 0.5)) / 6).toFixed(3), '-i', original]).flat();
      await produce(target, (tmp) => runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', ...inputs, '-filter_complex', sheetFilter(6),
        '-frames:v', '1', '-y', tmp], FFMPEG_TIMEOUT_MS).then(() => undefined));
    }
    return { path: target, contentType: 'image/jpeg' };
  }
  if (item.kind === 'photo' && variant === 'picture') {
    if (BROWSER_PHOTO_FORMATS.has(item.format)) return { path: original, contentType: CONTENT_TYPES[item.format]! };
    try {
      if (HEIF_FORMATS.has(item.format)) {
        const image = await heifPrimary(original);
        await produce(target, (tmp) => decodeHeif(station, image, tmp, null));
      } else if (FFMPEG_PHOTO_FORMATS.has(item.format)) {
        await produce(target, (tmp) => runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-i', original, '-frames:v', '1',
          '-vf', `${uprightFilter(item.rotation)}null`, '-q:v', '2', '-y', tmp], FFMPEG_TIMEOUT_MS).then(() => undefined));
      } else {
        throw new StationError('not-found', vi.evidenceViewer.noPicture);
      }
    } catch (err) {
      // The viewer then shows the preview stored in the file, saying that it is one.
      if (undecodable(err)) throw new StationError('not-found', vi.evidenceViewer.noPicture);
      throw err;
    }
    return { path: target, contentType: 'image/jpeg' };
  }
  if (item.kind === 'photo' && variant === 'thumb') {
    const embedded = await exifr.thumbnail((await readForMetadata(original, item.format)).buffer).catch(() => undefined);
    if (embedded && embedded.length > 0) {
      await produce(target, (tmp) => writeFile(tmp, embedded));
    } else if (item.format === 'avif') {
      // Chromium shows AVIF itself; the bundled ffmpeg cannot read it.
      return { path: original, contentType: CONTENT_TYPES.avif! };
    } else if (HEIF_FORMATS.has(item.format)) {
      // The phone's own preview (a small HEVC image in the file) when there is one, else the picture made small.
      const image = await heifThumbnail(original).catch(() => null) ?? await heifPrimary(original).catch(() => null);
      if (!image) throw new StationError('not-found', vi.evidenceError.noPreview);
      await produce(target, (tmp) => decodeHeif(station, image, tmp, THUMB_WIDTH)).catch((err: unknown) => {
        throw undecodable(err) ? new StationError('not-found', vi.evidenceError.noPreview) : err;
      });
    } else if (FFMPEG_PHOTO_FORMATS.has(item.format)) {
      await produce(target, (tmp) => runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-i', original, '-frames:v', '1',
        '-vf', `${uprightFilter(item.rotation)}scale=${THUMB_WIDTH}:-2`, '-y', tmp], FFMPEG_TIMEOUT_MS).then(() => undefined));
    } else {
      throw new StationError('not-found', vi.evidenceError.noPreview);
    }
    return { path: target, contentType: 'image/jpeg' };
  }
  throw new StationError('not-found', vi.evidenceError.noPreview);
}
