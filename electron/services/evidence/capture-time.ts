// Capture times as the officer needs them: the wall time the device showed, its UTC offset when the
// file says it, and an instant for comparisons (station time assumed when the offset is unknown).

import { STATION_OFFSET_MINUTES } from '../../contract/domain/time';

export interface CaptureTime {
  /** Wall time on the device, "2026-11-20T14:05:09". */
  local: string;
  /** "+07:00" when the file records it; null when unknown. */
  offset: string | null;
  /** UTC instant; computed with the station's offset when the file gives none. */
  instant: string;
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Before 1990 a capture time is a clock never set (0, 1904 and 1970 epochs, firmware defaults). */
const EARLIEST = Date.UTC(1990, 0, 1);

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string | null): CaptureTime | null {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (!Number.isFinite(wall) || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || wall < EARLIEST) return null;
  const shift = offset === null ? STATION_OFFSET_MINUTES : offsetMinutes(offset);
  const local = check.toISOString().slice(0, 19);
  return { local, offset, instant: new Date(wall - shift * 60_000).toISOString() };
}

/** EXIF "2026:11:20 14:05:09" with OffsetTimeOriginal "+07:00" (exifr ignores the offset: combine them here). */
export function fromExif(dateTime: unknown, offset: unknown): CaptureTime | null {
  if (typeof dateTime !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(dateTime.trim());
  if (!m) return null;
  const off = typeof offset === 'string' && /^[+-]\d{2}:?\d{2}$/.test(offset.trim()) ? formatOffset(offsetMinutes(offset.trim())) : null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return build(y!, mo!, d!, h!, mi!, s!, off);
}

/** ISO 8601 from video tags: "2026-11-20T07:05:09.000000Z" (UTC: offset +00:00) or Apple's "2026-11-20T14:05:09+0700". */
export function fromIso(text: unknown): CaptureTime | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
  const zone = m[7] === 'Z' ? '+00:00' : m[7];
  return build(y!, mo!, d!, h!, mi!, s!, zone ? formatOffset(offsetMinutes(zone)) : null);
}
