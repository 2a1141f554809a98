// Station time, and how the desk writes times, days and places. Vietnam keeps UTC+07:00 all year (no daylight
// saving), so local wall time converts to UTC with a fixed offset; instants are stored as UTC ISO strings.
// Every date the desk shows or prints is read through Intl in Asia/Ho_Chi_Minh, whatever the machine's own zone
// or locale, and written in the station's shapes ("14:05 23/11/2026", 24 h, dd/mm/yyyy) from its parts: the
// literals between them are ours, so an ICU update or Chromium's trimmed locale data cannot change a document.

export const STATION_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const STATION_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = STATION_OFFSET_MINUTES * 60_000;

interface ClockParts { year: string; month: string; day: string; hour: string; minute: string; second: string }

/** One formatter per zone, built once: formatToParts → the digits of each field, always Latin, hours 00–23. */
function clock(timeZone: string): (t: Date) => ClockParts {
  const format = new Intl.DateTimeFormat('vi-VN', {
    timeZone, numberingSystem: 'latn', hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return (t) => {
    const parts: Record<string, string> = {};
    for (const { type, value } of format.formatToParts(t)) parts[type] = value;
    return parts as unknown as ClockParts;
  };
}

const stationClock = clock(STATION_TIME_ZONE);
// A calendar day or a camera's own wall time is not an instant: read through UTC, which shifts nothing.
const wallClock = clock('UTC');

/** "2026-11-23T14:05" (a datetime-local value, station time) → "2026-11-23T07:05:00.000Z". */
export function localToUtcIso(local: string): string {
  const [date, time = '00:00'] = local.split('T') as [string, string?];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS).toISOString();
}

/** A UTC instant → the station's wall-clock parts. */
function stationParts(instant: string | Date): ClockParts {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  return stationClock(t);
}

const isoDay = (p: ClockParts) => `${p.year}-${p.month}-${p.day}`;
const dmy = (p: ClockParts) => `${p.day}/${p.month}/${p.year}`;
const hm = (p: ClockParts) => `${p.hour}:${p.minute}`;

/** A UTC instant → a datetime-local value in station time ("2026-11-23T14:05"). */
export function utcIsoToLocal(instant: string | Date): string {
  const p = stationParts(instant);
  return `${isoDay(p)}T${hm(p)}`;
}

/** "14:05 23/11/2026", the way the desk writes times. A value that is no instant is shown as stored: a page still renders. */
export function formatStationTime(instant: string | Date): string {
  if (Number.isNaN(new Date(instant).getTime())) return String(instant);
  const p = stationParts(instant);
  return `${hm(p)} ${dmy(p)}`;
}

/** "23/11/2026": the station day holding the instant. */
export function formatStationDate(instant: string | Date): string {
  return dmy(stationParts(instant));
}

/** A calendar day as stored ("2026-11-23") → "23/11/2026". */
export function formatDay(day: string): string {
  return dmy(wallClock(new Date(`${day.slice(0, 10)}T00:00:00Z`)));
}

/**
 * A wall time as a clock showed it, in no particular zone ("2026-11-23T14:05:33", a camera's) →
 * "14:05:33 23/11/2026"; seconds only when the value has them.
 */
export function formatWallTime(local: string): string {
  const [date = '', time = '00:00'] = local.split('T');
  const p = wallClock(new Date(`${date}T${time.length === 5 ? `${time}:00` : time.slice(0, 8)}Z`));
  return `${hm(p)}${time.length > 5 ? `:${p.second}` : ''} ${dmy(p)}`;
}

export function stationYear(instant: string | Date): number {
  return Number(stationParts(instant).year);
}

/** The UTC bounds [from, to) of the station's calendar day holding the instant. */
export function stationDayBounds(instant: Date): { from: string; to: string } {
  const from = localToUtcIso(`${isoDay(stationParts(instant))}T00:00`);
  return { from, to: new Date(new Date(from).getTime() + 86_400_000).toISOString() };
}

/**
 * "Kon Tum, ngày 05 tháng 02 năm 2026", the place and date of a document (NĐ 30/2020 Phụ lục I): days below
 * 10 and months 1 and 2 take a leading zero, other months none.
 */
export function placeAndDate(place: string, date: Date): string {
  const p = stationParts(date);
  const month = Number(p.month);
  return `${place}, ngày ${p.day} tháng ${month <= 2 ? p.month : String(month)} năm ${p.year}`;
}

/**
 * A moment in a sentence, as police paperwork writes it: "hồi 14 giờ 05 phút, ngày 23/11/2026" (station time);
 * `start` capitalises it for the head of a sentence ("Hồi 14 giờ 05 phút, ngày …, …").
 */
export function formatMomentInWords(instant: string | Date, start = false): string {
  return `${start ? 'Hồi' : 'hồi'} ${formatClockInWords(instant)}, ngày ${formatStationDate(instant)}`;
}

/** "14 giờ 05 phút": the station clock of an instant, in words (the end of a record: "kết thúc hồi …"). */
export function formatClockInWords(instant: string | Date): string {
  const p = stationParts(instant);
  return `${p.hour} giờ ${p.minute} phút`;
}

/** Whether two instants fall on the same station day. */
export function sameStationDay(a: string | Date, b: string | Date): boolean {
  return isoDay(stationParts(a)) === isoDay(stationParts(b));
}

/** "km1452+300", "KM 1452 + 300", "Km1452" → "Km 1452+300", "Km 1452"; anything else as typed. */
export function normalizeKmMarker(marker: string): string {
  const m = /^\s*km\s*(\d+)\s*(?:\+\s*(\d+))?\s*$/i.exec(marker);
  if (!m) return marker.trim();
  return `Km ${m[1]}${m[2] !== undefined ? `+${m[2]}` : ''}`;
}

interface PlaceParts {
  houseNumber?: string; road?: string; intersection?: string; kmMarker?: string; communeName?: string; provinceName?: string;
}

/** Where something happened, as every list, page and document writes it: "120 Phan Đình Phùng, ngã tư …, Km 12+300, Phường Kon Tum, Tỉnh …". */
export function formatPlace(l: PlaceParts): string {
  return [[l.houseNumber, l.road].filter(Boolean).join(' '), l.intersection, l.kmMarker ? normalizeKmMarker(l.kmMarker) : '', l.communeName, l.provinceName]
    .filter(Boolean).join(', ');
}

// The kind of an administrative unit is a common noun: inside a sentence it is written in lower case, the
// proper name keeps its capitals ("tại phường Kon Tum, tỉnh Quảng Ngãi").
const UNIT_TYPE_WORDS = /^(Thành phố|Thị trấn|Thị xã|Đặc khu|Phường|Tỉnh|Quận|Huyện|Xã)(?= )/u;

/** An administrative unit's name inside a sentence: "Phường Kon Tum" → "phường Kon Tum". */
export function placeNameInSentence(name: string): string {
  return name.replace(UNIT_TYPE_WORDS, (w) => w.toLowerCase());
}

/** formatPlace for the middle of a sentence: "120 Phan Đình Phùng, Km 1452+300, phường Kon Tum, tỉnh Quảng Ngãi". */
export function formatPlaceInSentence(l: PlaceParts): string {
  return formatPlace({ ...l, communeName: placeNameInSentence(l.communeName ?? ''), provinceName: placeNameInSentence(l.provinceName ?? '') });
}
