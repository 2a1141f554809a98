import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { runTool, tools } from '../../electron/services/evidence/tools';

// Test media made on the spot: JPEGs with EXIF written by sharp (libvips), videos with metadata made by
// the station's own ffmpeg. Nothing is copied from the shared corpus.

function dms(deg: number): string {
  const abs = Math.abs(deg);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

export interface JpegExif {
  make?: string;
  model?: string;
  software?: string;
  /** "2026:11:20 14:05:09" */
  taken?: string;
  offset?: string;
  gps?: { lat: number; lng: number; date?: string };
  colour?: string;
}

/** A JPEG with EXIF; `noise` makes a photo-sized file that does not compress (for benchmarks). */
export async function makeJpeg(path: string, exif: JpegExif = {}, size: { width: number; height: number; noise?: boolean } = { width: 320, height: 240 }): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const ifd0: Record<string, string> = {};
  if (exif.make) ifd0.Make = exif.make;
  if (exif.model) ifd0.Model = exif.model;
  if (exif.software) ifd0.Software = exif.software;
  const ifd2: Record<string, string> = {};
  if (exif.taken) ifd2.DateTimeOriginal = exif.taken;
  if (exif.offset) ifd2.OffsetTimeOriginal = exif.offset;
  const ifd3: Record<string, string> = {};
  if (exif.gps) {
    Object.assign(ifd3, {
      GPSLatitudeRef: exif.gps.lat < 0 ? 'S' : 'N', GPSLatitude: dms(exif.gps.lat),
      GPSLongitudeRef: exif.gps.lng < 0 ? 'W' : 'E', GPSLongitude: dms(exif.gps.lng),
    });
    if (exif.gps.date) ifd3.GPSDateStamp = exif.gps.date;
  }
  await sharp({
    create: {
      width: size.width, height: size.height, channels: 3, background: exif.colour ?? '#2a6db0',
      ...(size.noise ? { noise: { type: 'gaussian' as const, mean: 128, sigma: 40 } } : {}),
    },
  })
    .jpeg({ quality: size.noise ? 92 : 80 })
    .withExif({ IFD0: ifd0, IFD2: ifd2, IFD3: ifd3 })
    .toFile(path);
}

export interface VideoMeta {
  seconds?: number;
  size?: string;
  /** ffmpeg -metadata pairs, e.g. creation_time, location, com.apple.quicktime.creationdate. */
  tags?: Record<string, string>;
  /** Keep ffmpeg's own "encoder" tag (a re-encoded file); left out by default, as a phone would. */
  encoderTag?: boolean;
  /** Random noise instead of a test pattern: makes large files that do not compress. */
  noise?: boolean;
}

export async function makeVideo(path: string, meta: VideoMeta = {}): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const source = meta.noise
    ? `nullsrc=size=${meta.size ?? '320x240'}:rate=25,geq=random(1)*255:128:128`
    : `testsrc=size=${meta.size ?? '320x240'}:rate=25`;
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-t', String(meta.seconds ?? 1),
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...(meta.noise ? ['-qp', '0', '-preset', 'ultrafast'] : [])];
  // Keys like com.android.model or com.apple.quicktime.* are written as mdta metadata, as phones do.
  if (Object.keys(meta.tags ?? {}).some((k) => k.includes('.'))) args.push('-movflags', 'use_metadata_tags');
  if (!meta.encoderTag) args.push('-fflags', '+bitexact');
  for (const [k, v] of Object.entries(meta.tags ?? {})) args.push('-metadata', `${k}=${v}`);
  await runTool(tools.ffmpeg, [...args, path], 120_000);
}
