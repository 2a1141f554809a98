import { getSolarDate } from '@dqcai/vn-lunar';

// The law's calendar: which days are not working days, so a time limit whose last day falls on one ends on
// the next working day (BLDS 2015 Đ148.5). Days are station-calendar days written "YYYY-MM-DD".
//
// Public holidays (Bộ luật Lao động 2019 Đ112.1): 1/1; Tết Âm lịch 5 days; 30/4; 1/5; 2/9 and one day
// adjacent to it; Giỗ Tổ Hùng Vương 10/3 lunar. Our reading of Đ112: khoản 1 fixes the solar days and the
// number of Tết days, khoản 3 leaves to the Prime Minister each year WHICH five days of Tết and WHICH day next
// to 2/9 (1/9 or 3/9). So we compute only what the law fixes, plus the usual five Tết days (the last day of
// the lunar year and 1–4 tháng Giêng, the pattern of the Government's notices); the 2/9 neighbour, the rest
// of each year's Tết break and any compensating days off are "announced days", kept in the database
// (editable, seeded from resources/catalogs/days-off.json).
//
// Lunar dates come from @dqcai/vn-lunar: Hồ Ngọc Đức's Vietnamese calendar tables, computed for UTC+7
// (China's calendar, at UTC+8, puts some new moons on another day: Tết 1985 was 21/1 here, 20/2 there).

export type HolidayCode = 'new-year' | 'tet-eve' | 'tet' | 'hung-kings' | 'reunification' | 'labour' | 'national-day';

export interface Holiday {
  day: string;
  code: HolidayCode;
  /** For Tết: which day of tháng Giêng (1–4); 0 for the last day of the lunar year. */
  lunarDay?: number;
}

/** An announced day off (Government notice), as stored. */
export interface AnnouncedDayOff {
  day: string;
  name: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** A calendar day moved by whole days. */
export function addDays(day: string, days: number): string {
  const t = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Saturday or Sunday: the weekly rest of state offices (BLLĐ 2019 Đ111; Quyết định 188/1999/QĐ-TTg). */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function lunarToSolar(day: number, month: number, lunarYear: number): string {
  const s = getSolarDate(day, month, lunarYear);
  if (!s.year) throw new RangeError(`No solar date for lunar ${day}/${month}/${lunarYear}`);
  return iso(s.year, s.month, s.day);
}

/** The public holidays the law fixes that fall in a solar year (the 2/9 neighbour is announced, not computed). */
export function publicHolidays(year: number): Holiday[] {
  // Tết of lunar year N falls in January or February of solar year N; its eve is the day before 1 Giêng.
  const newYear = lunarToSolar(1, 1, year);
  const out: Holiday[] = [
    { day: iso(year, 1, 1), code: 'new-year' },
    { day: addDays(newYear, -1), code: 'tet-eve', lunarDay: 0 },
    ...[1, 2, 3, 4].map((n) => ({ day: addDays(newYear, n - 1), code: 'tet' as const, lunarDay: n })),
    { day: lunarToSolar(10, 3, year), code: 'hung-kings' },
    { day: iso(year, 4, 30), code: 'reunification' },
    { day: iso(year, 5, 1), code: 'labour' },
    { day: iso(year, 9, 2), code: 'national-day' },
  ];
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Which days are working days: weekends, the computed holidays and the announced days off are not. */
export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  /** The day itself when it is a working day, else the next working day (BLDS 2015 Đ148.5). */
  nextWorkingDay(day: string): string;
}

/** A calendar from the announced days off (from the database); public holidays are computed per year, once. */
export function workingCalendar(announced: readonly AnnouncedDayOff[] | readonly string[]): WorkingCalendar {
  const off = new Set(announced.map((a) => (typeof a === 'string' ? a : a.day)));
  const years = new Set<number>();
  const holidayOn = (day: string): boolean => {
    const year = Number(day.slice(0, 4));
    if (!years.has(year)) {
      years.add(year);
      for (const h of publicHolidays(year)) off.add(h.day);
    }
    return off.has(day);
  };
  const isWorkingDay = (day: string) => !isWeekend(day) && !holidayOn(day);
  return {
    isWorkingDay,
    nextWorkingDay(day) {
      let d = day.slice(0, 10);
      // The longest run of days off is a Tết break (nine or ten days): a bound guards against bad data only.
      for (let i = 0; i < 60 && !isWorkingDay(d); i++) d = addDays(d, 1);
      return d;
    },
  };
}
