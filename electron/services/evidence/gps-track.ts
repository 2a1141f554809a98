import { open } from 'node:fs/promises';
import type { TrackPoint } from '../../contract/domain/track';
import { readBox, topLevelBoxes, type Box } from './bmff';
import { usableLocation } from './geo';
import { runTool, tools } from './tools';

// The GPS a dashcam or action camera writes beside the picture, read offline from the file the citizen
// handed in: GoPro's GPMF track, the boxes Novatek-based dashcams write (70mai's top-level 'GPS ', the
// 'gps ' index of 'freeGPS ' blocks of Viofo and many no-brand cameras, DuDuBell/VSYS 'gps0'), and NMEA
// logs written beside the video. Layouts as documented by ExifTool (QuickTimeStream.pl) and by the
// cameras' users; every count and size is checked against the file, which is hostile like any other.

export type { TrackPoint };
export type TrackSource = 'gpmf' | 'novatek' | '70mai' | 'gps0' | 'nmea';
export interface GpsTrack { source: TrackSource; points: TrackPoint[] }

const KNOT_KMH = 1.852;
const EARTH_M = 6_371_008.8;
/** No dashcam records more than this (a day); more records than this are a broken or hostile file. */
const MAX_POINTS = 200_000;
const GPMF_TIMEOUT_MS = 30_000;
const MAX_BOX_BYTES = 64 * 1024 * 1024;
const NOVATEK_BLOCKS = 86_400;
/** What a 'freeGPS ' block's fix takes (see parseFreeGps). */
const FREE_GPS_HEAD = 92;

/** Metres between two points (haversine). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** NMEA's ddmm.mmmm (degrees and decimal minutes) as degrees. */
function fromDegreesMinutes(value: number): number {
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  const degrees = Math.floor(abs / 100);
  const minutes = abs - degrees * 100;
  return minutes < 60 ? sign * (degrees + minutes / 60) : NaN;
}

/** A speed a road vehicle can have (km/h, to a tenth); else null: a broken record or a jump of the receiver. */
function plausibleSpeed(kmh: number | null): number | null {
  return kmh !== null && Number.isFinite(kmh) && kmh >= 0 && kmh < 1000 ? Math.round(kmh * 10) / 10 : null;
}

function point(t: number, lat: number, lng: number, speedKmh: number | null, gpsTime: string | null): TrackPoint | null {
  const at = usableLocation(lat, lng);
  if (!at || !Number.isFinite(t) || t < 0) return null;
  return { t: Math.round(t * 1000) / 1000, lat: at.lat, lng: at.lng, speedKmh: plausibleSpeed(speedKmh), gpsTime };
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const ms = Date.UTC(y, mo - 1, d, h, mi, 0) + s * 1000;
  const date = new Date(ms);
  if (!Number.isFinite(ms) || y < 2000 || y > 2100 || date.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s >= 61) return null;
  return date.toISOString();
}

/** Points ordered by time, one per moment; a point without a speed gets the speed its neighbours' positions give. */
export function fillSpeeds(points: TrackPoint[]): TrackPoint[] {
  const sorted = [...points].sort((a, b) => a.t - b.t).filter((p, i, all) => i === 0 || p.t > all[i - 1]!.t);
  return sorted.map((p, i) => {
    if (p.speedKmh !== null) return p;
    const a = sorted[Math.max(0, i - 1)]!;
    const b = sorted[Math.min(sorted.length - 1, i + 1)]!;
    const dt = b.t - a.t;
    return dt > 0 ? { ...p, speedKmh: plausibleSpeed((distanceM(a, b) / dt) * 3.6) } : p;
  });
}

// ---- NMEA (sidecar logs; some cameras' text tracks) ----

/**
 * $GPRMC/$GNRMC (time, fix, position, knots, date) and $GPGGA (time, position) sentences; a bad checksum
 * drops the sentence. t counts from the first sentence's time, the start of the clip the log belongs to.
 */
export function parseNmea(text: string): TrackPoint[] {
  const raw: { secondOfDay: number; date: [number, number, number] | null; lat: number; lng: number; knots: number | null; valid: boolean }[] = [];
  for (const line of text.split(/\r?\n/).slice(0, MAX_POINTS * 3)) {
    const m = /\$([A-Z]{2})(RMC|GGA),([^*]*)(?:\*([0-9A-Fa-f]{2}))?/.exec(line);
    if (!m) continue;
    if (m[4] !== undefined) {
      const body = `${m[1]}${m[2]},${m[3]}`;
      let sum = 0;
      for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
      if (sum !== parseInt(m[4], 16)) continue;
    }
    const f = m[3]!.split(',');
    const time = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d(?:\.\d+)?|60(?:\.0+)?)$/.exec(f[0] ?? '');
    if (!time) continue;
    const secondOfDay = Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3]);
    const coordinate = (value: string | undefined, hemisphere: string | undefined, positive: string, negative: string) =>
      value && /^\d+(\.\d+)?$/.test(value) && (hemisphere === positive || hemisphere === negative)
        ? fromDegreesMinutes(Number(value)) * (hemisphere === negative ? -1 : 1) : NaN;
    if (m[2] === 'RMC') {
      const date = /^(\d{2})(\d{2})(\d{2})$/.exec(f[8] ?? '');
      raw.push({
        secondOfDay, valid: f[1] === 'A', lat: coordinate(f[2], f[3], 'N', 'S'), lng: coordinate(f[4], f[5], 'E', 'W'),
        knots: f[6] && /^\d+(\.\d+)?$/.test(f[6]) ? Number(f[6]) : null,
        date: date ? [2000 + Number(date[3]), Number(date[2]), Number(date[1])] : null,
      });
    } else {
      raw.push({ secondOfDay, valid: Number(f[5]) > 0, lat: coordinate(f[1], f[2], 'N', 'S'), lng: coordinate(f[3], f[4], 'E', 'W'), knots: null, date: null });
    }
  }
  if (raw.length === 0) return [];
  const start = raw[0]!.secondOfDay;
  let lastDate: [number, number, number] | null = null;
  const points: TrackPoint[] = [];
  const seen = new Map<number, TrackPoint>();
  for (const r of raw) {
    if (r.date) lastDate = r.date;
    // Past midnight the clock wraps: the log goes on.
    const t = r.secondOfDay >= start ? r.secondOfDay - start : r.secondOfDay + 86_400 - start;
    if (!r.valid) continue;
    const whole = Math.floor(r.secondOfDay);
    const gpsTime = lastDate ? utc(lastDate[0], lastDate[1], lastDate[2], Math.floor(whole / 3600), Math.floor(whole / 60) % 60, r.secondOfDay % 60) : null;
    const p = point(t, r.lat, r.lng, r.knots === null ? null : r.knots * KNOT_KMH, gpsTime);
    if (!p) continue;
    // RMC and GGA of one moment: one point, RMC's speed and date kept.
    const before = seen.get(p.t);
    if (before) {
      if (before.speedKmh === null && p.speedKmh !== null) Object.assign(before, { speedKmh: p.speedKmh, gpsTime: p.gpsTime ?? before.gpsTime });
      continue;
    }
    seen.set(p.t, p);
    points.push(p);
  }
  return fillSpeeds(points);
}

// ---- 70mai: a top-level 'GPS ' box of 36-byte records, little-endian ----
// u32 index, u32 fix (1 = valid), u32 seconds into the clip, u32 speed in m/h, char N/S, i32 ddmm.mmm × 1000,
// char E/W, i32 dddmm.mmm × 1000, 10 bytes unused. No GPS clock.

export function parse70mai(body: Buffer): TrackPoint[] {
  const points: TrackPoint[] = [];
  for (let at = 0; at + 36 <= body.length && points.length < MAX_POINTS; at += 36) {
    if (body.readUInt32LE(at + 4) !== 1) continue;
    const ns = String.fromCharCode(body[at + 16]!);
    const ew = String.fromCharCode(body[at + 21]!);
    if (!'NS'.includes(ns) || !'EW'.includes(ew)) continue;
    const lat = fromDegreesMinutes(body.readInt32LE(at + 17) / 1000) * (ns === 'S' ? -1 : 1);
    const lng = fromDegreesMinutes(body.readInt32LE(at + 22) / 1000) * (ew === 'W' ? -1 : 1);
    const p = point(body.readUInt32LE(at + 8), lat, lng, body.readUInt32LE(at + 12) / 1000, null);
    if (p) points.push(p);
  }
  return fillSpeeds(points);
}

// ---- DuDuBell / VSYS 'gps0': 32-byte records, little-endian, one a second ----
// f64 ddmm.mmmm latitude, f64 dddmm.mmmm longitude, i32 altitude, u16 km/h, 6 × u8 year-2000..second (UTC).

export function parseGps0(body: Buffer): TrackPoint[] {
  const points: TrackPoint[] = [];
  for (let at = 0, i = 0; at + 32 <= body.length && points.length < MAX_POINTS; at += 32, i++) {
    const lat = body.readDoubleLE(at);
    const lng = body.readDoubleLE(at + 8);
    if (!(Math.abs(lat) <= 9000 && Math.abs(lng) <= 18000)) continue;
    const [y, mo, d, h, mi, s] = [...body.subarray(at + 22, at + 28)] as [number, number, number, number, number, number];
    const p = point(i, fromDegreesMinutes(lat), fromDegreesMinutes(lng), body.readUInt16LE(at + 20), utc(2000 + y, mo, d, h, mi, s));
    if (p) points.push(p);
  }
  return fillSpeeds(points);
}

// ---- Novatek: moov/'gps ' lists (offset, size) of 'freeGPS ' blocks, one a second ----
// Block: u32 size, 'freeGPS ', …; at 48: u32 hour, minute, second, year, month, day (LE), 'A', N/S, E/W, pad,
// f32 ddmm.mmmm latitude, f32 longitude, f32 knots, f32 heading.

export function parseFreeGps(block: Buffer, t: number): TrackPoint | null {
  if (block.length < FREE_GPS_HEAD || block.toString('latin1', 4, 12) !== 'freeGPS ') return null;
  if (String.fromCharCode(block[72]!) !== 'A') return null;
  const ns = String.fromCharCode(block[73]!);
  const ew = String.fromCharCode(block[74]!);
  if (!'NS'.includes(ns) || !'EW'.includes(ew)) return null;
  const [h, mi, s, y, mo, d] = [0, 1, 2, 3, 4, 5].map((k) => block.readUInt32LE(48 + 4 * k)) as [number, number, number, number, number, number];
  return point(t, fromDegreesMinutes(block.readFloatLE(76)) * (ns === 'S' ? -1 : 1), fromDegreesMinutes(block.readFloatLE(80)) * (ew === 'W' ? -1 : 1),
    block.readFloatLE(84) * KNOT_KMH, utc(y < 2000 ? 2000 + y : y, mo, d, h, mi, s));
}

/** A top-level box's body: after its 8-byte header, or 16 with a 64-bit size. */
function boxBody(bytes: Buffer): Buffer {
  return bytes.subarray(bytes.length >= 16 && bytes.readUInt32BE(0) === 1 ? 16 : 8);
}

/** The boxes inside a box's body (from `start`), as far as they are whole. */
function childBoxes(body: Buffer, start: number): { type: string; from: number; to: number }[] {
  const out: { type: string; from: number; to: number }[] = [];
  for (let at = start; at + 8 <= body.length;) {
    const size = body.readUInt32BE(at);
    if (size < 8 || at + size > body.length) break;
    out.push({ type: body.toString('latin1', at + 4, at + 8), from: at + 8, to: at + size });
    at += size;
  }
  return out;
}

async function novatekTrack(path: string, index: Buffer, fileSize: number): Promise<TrackPoint[]> {
  // 'gps ' body: u32 version, u32 date, then (u32 offset, u32 size) big-endian pairs.
  // One block a second: a day's worth at most, and only the head of each block is read (a hostile index
  // may point every entry at one large block).
  const points: TrackPoint[] = [];
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(FREE_GPS_HEAD);
    for (let at = 8, i = 0; at + 8 <= index.length && i < NOVATEK_BLOCKS; at += 8, i++) {
      const offset = index.readUInt32BE(at);
      const size = index.readUInt32BE(at + 4);
      if (size < FREE_GPS_HEAD || offset + size > fileSize) continue;
      const { bytesRead } = await handle.read(head, 0, FREE_GPS_HEAD, offset);
      const p = parseFreeGps(head.subarray(0, bytesRead), i);
      if (p) points.push(p);
    }
  } finally {
    await handle.close();
  }
  return fillSpeeds(points);
}

// ---- GoPro GPMF: the 'gpmd' data stream, through ffmpeg (the file is never read whole) and gopro-telemetry ----

interface ProbedStream { index: number; codec_tag_string?: string }
interface Telemetry { streams?: Record<string, { samples?: { value?: number[]; cts?: number; date?: string | Date }[] }> }

/** gopro-telemetry's output as track points: per second, speed from the receiver's 2D speed (m/s). */
export async function gpmfPoints(rawData: Buffer, samples: { cts: number; duration: number }[]): Promise<TrackPoint[]> {
  const { default: goproTelemetry } = await import('gopro-telemetry');
  const out = await goproTelemetry({ rawData, timing: { frameDuration: 1 / 30, start: new Date(0), videoDuration: 0, samples } },
    { stream: ['GPS'], GPSFix: 2, ellipsoid: true, groupTimes: 1000, disableInterpolation: true }) as unknown as Record<string, Telemetry>;
  const points: TrackPoint[] = [];
  for (const device of Object.values(out)) {
    for (const [name, stream] of Object.entries(device.streams ?? {})) {
      if (!/^GPS[59]$/.test(name)) continue;
      for (const s of stream.samples ?? []) {
        const [lat, lng, , speed] = s.value ?? [];
        const date = s.date ? new Date(s.date) : null;
        const p = point((s.cts ?? NaN) / 1000, lat ?? NaN, lng ?? NaN, speed === undefined ? null : speed * 3.6,
          date && Number.isFinite(date.getTime()) && date.getUTCFullYear() >= 2000 ? date.toISOString() : null);
        if (p) points.push(p);
      }
    }
  }
  return fillSpeeds(points.slice(0, MAX_POINTS));
}

async function gpmfTrack(path: string): Promise<TrackPoint[]> {
  const probe = JSON.parse((await runTool(tools.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', path], GPMF_TIMEOUT_MS)).toString('utf8')) as { streams?: ProbedStream[] };
  const gpmd = probe.streams?.find((s) => s.codec_tag_string === 'gpmd');
  if (!gpmd) return [];
  const packets = (await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', String(gpmd.index), '-show_entries', 'packet=pts_time,duration_time',
    '-of', 'csv=p=0', path], GPMF_TIMEOUT_MS)).toString('utf8');
  const samples = packets.split('\n').map((l) => l.split(',').map(Number)).filter((v) => v.length === 2 && v.every(Number.isFinite))
    .map(([pts, duration]) => ({ cts: pts! * 1000, duration: duration! * 1000 }));
  const rawData = await runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-i', path, '-map', `0:${gpmd.index}`, '-c', 'copy', '-f', 'data', '-'], GPMF_TIMEOUT_MS, MAX_BOX_BYTES);
  return samples.length > 0 ? gpmfPoints(rawData, samples) : [];
}

/** The track a video file holds, or null. MP4/MOV only: the boxes are looked for by their headers. */
export async function trackInVideo(path: string, format: string): Promise<GpsTrack | null> {
  if (format !== 'mp4' && format !== 'mov') return null;
  const { boxes, fileSize } = await topLevelBoxes(path);
  const read = (box: Box) => readBox(path, box, MAX_BOX_BYTES);
  const gps70mai = boxes.find((b) => b.type === 'GPS ');
  if (gps70mai) {
    const points = parse70mai(boxBody(await read(gps70mai)));
    if (points.length > 0) return { source: '70mai', points };
  }
  const moov = boxes.find((b) => b.type === 'moov');
  const moovBody = moov ? await read(moov) : null;
  const inMoov = moovBody ? childBoxes(moovBody, 8) : [];
  const udta = inMoov.find((b) => b.type === 'udta');
  const nested = udta && moovBody ? childBoxes(moovBody.subarray(0, udta.to), udta.from) : [];
  const novatek = inMoov.find((b) => b.type === 'gps ');
  if (novatek && moovBody) {
    const points = await novatekTrack(path, moovBody.subarray(novatek.from, novatek.to), fileSize);
    if (points.length > 0) return { source: 'novatek', points };
  }
  const gps0Top = boxes.find((b) => b.type === 'gps0');
  const gps0 = gps0Top ? boxBody(await read(gps0Top))
    : moovBody ? [...inMoov, ...nested].filter((b) => b.type === 'gps0').map((b) => moovBody.subarray(b.from, b.to))[0] : undefined;
  if (gps0) {
    const points = parseGps0(gps0);
    if (points.length > 0) return { source: 'gps0', points };
  }
  const gpmf = await gpmfTrack(path);
  return gpmf.length > 0 ? { source: 'gpmf', points: gpmf } : null;
}
