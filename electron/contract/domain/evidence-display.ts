import { vi } from '../messages.vi';
import { STATION_OFFSET_MINUTES } from './time';
// How evidence facts read to an officer: the names people call file formats by, a camera named once, and only
// the streams that are audio or video. The stored values stay as the tools gave them (sniff, ffprobe, EXIF).

/** Container names as sniffed (ffprobe's words) → what officers and citizens call the files. */
const FORMAT_NAMES: Record<string, string> = {
  matroska: 'MKV',
  mpegts: 'MTS',
  mp4: 'MP4',
  mov: 'MOV',
  avi: 'AVI',
  '3gp': '3GP',
  jpeg: 'JPG',
  heic: 'HEIC',
  heif: 'HEIF',
  tiff: 'TIFF',
  cr3: 'CR3',
};

/** "MKV" for matroska, "MTS" for mpegts…; any other format upper-cased; nothing for an unknown one. */
export function formatName(format: string): string {
  if (format === 'unknown' || format === '') return '';
  return FORMAT_NAMES[format] ?? format.toUpperCase();
}

/**
 * "Canon EOS 40D", not "Canon Canon EOS 40D": cameras often write their make into the model too (EXIF Make
 * "Canon", Model "Canon EOS 40D"; "NIKON CORPORATION" / "NIKON D750" is kept whole as both say different things).
 */
export function deviceName(make: string | null, model: string | null): string | null {
  const m = make?.trim() ?? '';
  const d = model?.trim() ?? '';
  if (m !== '' && d.toLocaleLowerCase('vi-VN').startsWith(m.toLocaleLowerCase('vi-VN'))) return d;
  return [m, d].filter((x) => x !== '').join(' ') || null;
}

// ffprobe names data streams too (GPS tracks "bin_data", timecode "none"): not codecs an officer needs.
const NOT_CODECS = new Set(['bin_data', 'none', 'unknown', 'timed_id3', 'mov_text']);

/** "h264, aac" from "h264, aac, bin_data"; null when nothing is left. */
export function shownCodecs(codecs: string | null): string | null {
  const list = (codecs ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '' && !NOT_CODECS.has(c));
  return list.length > 0 ? list.join(', ') : null;
}

const decimal = (value: number, digits: number) => value.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

/** The station's wall clock of an instant, to the second ("08:15:31", UTC+7 whatever the computer's zone). */
export function stationClock(instant: string): string {
  return new Date(Date.parse(instant) + STATION_OFFSET_MINUTES * 60_000).toISOString().slice(11, 19);
}

/** "Tốc độ 78 km/h tại 14,3497; 108,0005 lúc 08:15:31": a moment on a video's GPS track, as documents print it. */
export function trackMomentText(m: { lat: number; lng: number; speedKmh: number | null; gpsTime: string | null }): string {
  return vi.track.moment(m.speedKmh === null ? null : Math.round(m.speedKmh).toLocaleString('vi-VN'), `${decimal(m.lat, 4)}; ${decimal(m.lng, 4)}`,
    m.gpsTime ? stationClock(m.gpsTime) : null);
}

/** How far a camera's clock is from the GPS clock: "nhanh 2 giờ 03 phút 05 giây", "chậm 45 giây". */
export function clockOffsetText(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  return vi.track.offset(seconds >= 0, Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60);
}
