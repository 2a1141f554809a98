import { stat } from 'node:fs/promises';
import exifr from 'exifr';
import { fromExif } from './capture-time';
import { usableLocation } from './geo';
import { checkPhotoStructure, readStart } from './integrity';
import { jsonSafe, type MediaFacts, noFacts, text } from './media-facts';

// Photos (JPEG, HEIC/HEIF, AVIF, PNG, TIFF) through exifr, from a Buffer we read ourselves: exifr throws on
// some malformed files and can then leave its own file handle open.

const MAX_READ = 64 * 1024 * 1024;
const JPEG_HEAD = 1024 * 1024;
const ORIENTATION_ROTATION: Record<number, number> = { 3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270 };

/**
 * What metadata needs: for JPEG the head (EXIF and XMP sit in the first segments), for other formats the
 * whole file up to 64 MB (HEIC may keep its Exif at the end).
 */
export async function readForMetadata(path: string, format: string): Promise<{ buffer: Buffer; size: number }> {
  const { size } = await stat(path);
  return { buffer: await readStart(path, Math.min(size, format === 'jpeg' ? JPEG_HEAD : MAX_READ)), size };
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** GPS from the GPS IFD, refusing no-fix values: 0/0, NaN from zero denominators, a 1970 date stamp. */
function gps(tags: Record<string, unknown>) {
  if (typeof tags.GPSDateStamp === 'string' && tags.GPSDateStamp.startsWith('1970')) return null;
  const lat = num(tags.latitude);
  const lng = num(tags.longitude);
  return lat === null || lng === null ? null : usableLocation(lat, lng);
}

export async function photoFacts(path: string, format: string): Promise<MediaFacts> {
  const { buffer, size } = await readForMetadata(path, format);
  let tags: Record<string, unknown> = {};
  let metadataDamaged: boolean;
  try {
    tags = (await exifr.parse(buffer, {
      tiff: true, exif: true, gps: true, xmp: true, ihdr: true, icc: false, iptc: false, jfif: false, ifd1: false,
      interop: false, makerNote: false, userComment: false, reviveValues: false, translateValues: false, mergeOutput: true,
    }) ?? {}) as Record<string, unknown>;
    metadataDamaged = Array.isArray(tags.errors) && tags.errors.length > 0;
  } catch {
    metadataDamaged = true;
  }
  const facts = noFacts(jsonSafe(tags) as Record<string, unknown>);
  const orientation = num(tags.Orientation);
  return {
    ...facts,
    capture: fromExif(tags.DateTimeOriginal ?? tags.CreateDate ?? tags.DateTimeDigitized, tags.OffsetTimeOriginal ?? tags.OffsetTime),
    location: gps(tags),
    make: text(tags.Make),
    model: text(tags.Model),
    // Every tool the file names: a photo re-saved by QuickTime may name Lightroom only in XMP.
    software: [...new Set([tags.Software, tags.CreatorTool, tags.ProcessingSoftware].map(text).filter((x) => x !== null))].join('; ') || null,
    width: num(tags.ExifImageWidth) ?? num(tags.ImageWidth) ?? num(tags.PixelXDimension),
    height: num(tags.ExifImageHeight) ?? num(tags.ImageHeight) ?? num(tags.PixelYDimension),
    rotation: orientation === null ? null : (ORIENTATION_ROTATION[orientation] ?? 0),
    damage: await checkPhotoStructure(buffer, path, format, size),
    metadataDamaged,
  };
}
