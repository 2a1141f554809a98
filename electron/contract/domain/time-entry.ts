// Dates and times as a duty officer types them while the caller talks ("8h30", "hôm qua 20h", "1/12 8h",
// "01122026 0830"), read in station time (UTC+07:00), never in the browser's locale or time zone.
// The result is the canonical local string the forms keep: "YYYY-MM-DDTHH:mm" or "YYYY-MM-DD".
import { fold } from './text';
import { STATION_OFFSET_MINUTES } from './time';

export type TimeEntryMode = 'datetime' | 'date';
export type TimeEntryRefusal = 'empty' | 'unreadable' | 'no-such-time' | 'no-such-date' | 'future' | 'time-in-date';
export type TimeEntryResult = { ok: true; local: string } | { ok: false; reason: TimeEntryRefusal };
export interface TimeEntryOptions {
  /** The register's "to" date may be the end of this month; events (a call, a violation, a decision) may not. */
  allowFuture?: boolean;
}

/**
 * How far ahead of the station clock a typed time may be: the officer's watch, the caller's phone and the PC
 * disagree by minutes. The service allows an occurrence 5 minutes after the call (intake-form.ts); the entry
 * allows a little more, so that a time read off a fast phone is not refused while the caller waits.
 */
export const FUTURE_TOLERANCE_MINUTES = 15;
/** A day and month without a year further ahead than this are last year's. */
const LAST_YEAR_AFTER_DAYS = 60;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

type DayPart = 'sang' | 'trua' | 'chieu' | 'toi' | 'dem' | 'khuya' | 'am' | 'pm';

interface Parts {
  date?: { d: number; m: number; y?: number };
  /** Days back from today: "hôm nay" 0, "hôm qua" 1, "hôm kia" 2. */
  daysBack?: number;
  now?: boolean;
  clock?: { h: number; mi: number };
  /** A bare hour ("8 tối"), read only with a part of the day. */
  hour?: number;
  part?: DayPart;
}

type Token = (m: RegExpExecArray, p: Parts) => boolean;

const twoDigitYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
const once = <K extends keyof Parts>(p: Parts, key: K, value: Parts[K]) => {
  if (p[key] !== undefined) return false;
  p[key] = value;
  return true;
};
const setDate = (p: Parts, d: string, m: string, y?: string) =>
  once(p, 'date', { d: Number(d), m: Number(m), y: y === undefined ? undefined : twoDigitYear(y) });

// Tried in order at each position of the folded text (no diacritics, "đ" → "d", lower case).
// `(?![a-z])` and `(?!\d)` keep a rule from eating the start of a longer word or number.
const RULES: [RegExp, Token][] = [
  [/(?:hom nay|hnay)(?![a-z])/y, (_, p) => once(p, 'daysBack', 0)],
  [/(?:hom qua|hqua)(?![a-z])/y, (_, p) => once(p, 'daysBack', 1)],
  [/(?:hom kia|hkia)(?![a-z])/y, (_, p) => once(p, 'daysBack', 2)],
  [/(?:bay gio|bgio|luc nay|now)(?![a-z])/y, (_, p) => once(p, 'now', true)],
  // "tối qua", "sáng nay": a part of the day that also names the day.
  [/(sang|trua|chieu|toi|dem|khuya|am|pm)(?:\s+(nay|qua))?(?![a-z])/y, (m, p) =>
    once(p, 'part', m[1] as DayPart) && (m[2] === undefined || once(p, 'daysBack', m[2] === 'qua' ? 1 : 0))],
  // Words that say nothing about the time: "lúc 8h", "vào ngày 1/12", "khoảng 20h" (approximate is its own box).
  [/(?:luc|vao|ngay|khoang|tam)(?![a-z])/y, () => true],
  // 12 digits: ddmmyyyyHHmm.
  [/(\d{2})(\d{2})(\d{4})(\d{2})(\d{2})(?!\d)/y, (m, p) => setDate(p, m[1]!, m[2]!, m[3]) && once(p, 'clock', { h: Number(m[4]), mi: Number(m[5]) })],
  // 8 digits: ddmmyyyy, the Vietnamese order (the issue: "12012026" is 12 January 2026).
  [/(\d{2})(\d{2})(\d{4})(?!\d)/y, (m, p) => setDate(p, m[1]!, m[2]!, m[3])],
  // ISO, as copied from a system: 2026-12-01.
  [/(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/.-])/y, (m, p) => setDate(p, m[3]!, m[2]!, m[1])],
  // d/m, d/m/yy, d/m/yyyy with "/", "-" or "." (the same one twice).
  [/(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/.-])/y, (m, p) => setDate(p, m[1]!, m[3]!, m[4])],
  // 8h, 8h30, 8g30, 8 giờ 30 (phút), 20h15p.
  [/(\d{1,2})\s*(?:gio|h|g)(?:\s*(\d{1,2})\s*(?:phut|p|')?)?(?![a-z\d/.:-])/y, (m, p) =>
    once(p, 'clock', { h: Number(m[1]), mi: m[2] === undefined ? 0 : Number(m[2]) })],
  // 8:30, 08:30.
  [/(\d{1,2}):(\d{2})(?![\d:])/y, (m, p) => once(p, 'clock', { h: Number(m[1]), mi: Number(m[2]) })],
  // 0830, 830.
  [/(\d{1,2})(\d{2})(?!\d)/y, (m, p) => once(p, 'clock', { h: Number(m[1]), mi: Number(m[2]) })],
  [/(\d{1,2})(?!\d)/y, (m, p) => once(p, 'hour', Number(m[1]))],
];

/** Reads the words of an entry; null when something is not a date or time word, or a thing is said twice. */
function tokenize(text: string): Parts | null {
  const s = fold(text.normalize('NFKC'))
    .replace(/(\d)t(\d)/g, '$1 $2') // 2026-12-01T08:30
    .replace(/[,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const parts: Parts = {};
  let at = 0;
  while (at < s.length) {
    if (s[at] === ' ') { at++; continue; }
    let matched = false;
    for (const [re, take] of RULES) {
      re.lastIndex = at;
      const m = re.exec(s);
      if (!m) continue;
      if (!take(m, parts)) return null;
      at = re.lastIndex;
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  return parts;
}

/**
 * The hour on a 24-hour clock for an hour said with a part of the day, or null when they disagree
 * ("20h sáng"). "12h đêm" is midnight, the start of the day it is written with.
 */
function hourInPart(h: number, part: DayPart): number | null {
  const within = (lo: number, hi: number) => h >= lo && h <= hi;
  switch (part) {
    case 'sang': return within(0, 11) ? h : null;
    case 'trua': return within(11, 12) || within(13, 14) ? h : within(1, 2) ? h + 12 : null;
    case 'chieu': return h === 12 || within(13, 19) ? h : within(1, 7) ? h + 12 : null;
    case 'toi': return within(18, 23) ? h : within(6, 11) ? h + 12 : null;
    case 'dem': case 'khuya': return h === 12 ? 0 : within(0, 5) || within(21, 23) ? h : within(9, 11) ? h + 12 : null;
    case 'am': return h === 12 ? 0 : within(1, 11) ? h : null;
    case 'pm': return h === 12 ? 12 : within(1, 11) ? h + 12 : null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A day that exists, in the years a report can concern. */
function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2099 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Reads a typed date or date and time.
 *
 * Rules (a duty officer's reading; each is tested in tests/unit/contract/time-entry.test.ts):
 * - Day first, always: "1/12" and "01122026" are 1 December, whatever the browser's locale says.
 * - A time alone is today; if that is still ahead of the station clock (beyond the tolerance), it is the
 *   last time the clock showed it: "23h" typed at 00:30 or at 08:00 is yesterday 23:00 ("last night").
 * - A day and month without a year is this year; if that day has not come yet, last year ("28/12" in January).
 * - A date without a time is 00:00 of that day ("hôm nay", "12012026"). The echo shows "00:00", so the
 *   officer sees no hour was read; and the NĐ 168/2024 Đ4 one-year limit counted from it errs early, never late.
 * - "bây giờ" is the current minute.
 * - Anything that names its day ("hôm nay 23h", "01/12/2026 08:30") and is still ahead is refused, unless
 *   `allowFuture`; a field in 'date' mode refuses a time.
 */
export function parseTimeEntry(text: string, now: Date, mode: TimeEntryMode, options: TimeEntryOptions = {}): TimeEntryResult {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const p = tokenize(text);
  if (!p) return { ok: false, reason: 'unreadable' };
  const hasTime = p.clock !== undefined || p.hour !== undefined || p.part !== undefined;
  if (mode === 'date' && hasTime) return { ok: false, reason: 'time-in-date' };
  // "bây giờ" says everything: with anything else it is a contradiction.
  if (p.now && (hasTime || p.date || p.daysBack !== undefined)) return { ok: false, reason: 'unreadable' };
  if (p.date && p.daysBack !== undefined) return { ok: false, reason: 'unreadable' };
  if (p.hour !== undefined && (p.part === undefined || p.clock !== undefined)) return { ok: false, reason: 'unreadable' };
  if (p.part !== undefined && p.clock === undefined && p.hour === undefined) return { ok: false, reason: 'unreadable' };
  if (!p.now && !p.date && p.daysBack === undefined && !hasTime) return { ok: false, reason: 'unreadable' };

  // The station's wall clock, held in a Date's UTC fields.
  const wall = new Date(now.getTime() + STATION_OFFSET_MINUTES * MINUTE_MS);
  const today = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const nowMinute = Math.floor(wall.getTime() / MINUTE_MS) * MINUTE_MS;

  let h = 0;
  let mi = 0;
  if (p.now) { h = wall.getUTCHours(); mi = wall.getUTCMinutes(); }
  if (p.clock) { h = p.clock.h; mi = p.clock.mi; }
  if (p.hour !== undefined) h = p.hour;
  if (h > 23 || mi > 59) return { ok: false, reason: 'no-such-time' };
  if (p.part) {
    const h24 = hourInPart(h, p.part);
    if (h24 === null) return { ok: false, reason: 'no-such-time' };
    h = h24;
  }
  const timeMs = mode === 'date' ? 0 : (h * 60 + mi) * MINUTE_MS;

  let day: number;
  if (p.date) {
    const { d, m } = p.date;
    let y = p.date.y ?? wall.getUTCFullYear();
    // "29/02" without a year, in a year without one, is refused rather than guessed.
    if (!realDay(y, m, d)) return { ok: false, reason: 'no-such-date' };
    // A day and month well ahead mean last year ("28/12" typed in January); one only just ahead ("2/12" typed
    // on 1/12) is a slip, refused as in the future rather than read a year back.
    if (p.date.y === undefined && !options.allowFuture && Date.UTC(y, m - 1, d) > today + LAST_YEAR_AFTER_DAYS * DAY_MS) {
      y -= 1;
      if (!realDay(y, m, d)) return { ok: false, reason: 'no-such-date' };
    }
    day = Date.UTC(y, m - 1, d);
  } else {
    day = today - (p.daysBack ?? 0) * DAY_MS;
    // "2h đêm qua" is the small hours of the night that began yesterday: today.
    if (p.daysBack === 1 && (p.part === 'dem' || p.part === 'khuya') && h < 6) day = today;
  }

  let at = day + timeMs;
  const limit = mode === 'date' ? today : nowMinute + FUTURE_TOLERANCE_MINUTES * MINUTE_MS;
  const dayNamed = p.date !== undefined || p.daysBack !== undefined;
  if (!options.allowFuture && at > limit) {
    if (dayNamed) return { ok: false, reason: 'future' };
    at -= DAY_MS; // a time alone: the last time the clock showed it
  }

  const t = new Date(at);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return { ok: true, local: mode === 'date' ? date : `${date}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}` };
}

/** "2026-12-01T08:30" → "08:30 01/12/2026"; "2026-12-01" → "01/12/2026"; anything else as it is. */
export function formatLocalEntry(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(local);
  if (!m) return local;
  const dmy = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] === undefined ? dmy : `${m[4]}:${m[5]} ${dmy}`;
}
