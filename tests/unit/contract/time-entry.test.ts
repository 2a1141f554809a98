import { describe, expect, it } from 'vitest';
import { formatLocalEntry, parseTimeEntry, type TimeEntryRefusal } from '../../../electron/contract/domain/time-entry';

// The station clock reads 20:34 on Tuesday 01/12/2026 (UTC+07:00) unless a test says otherwise.
const NOW = new Date('2026-12-01T13:34:27.000Z');
const at = (stationLocal: string) => new Date(`${stationLocal}:00.000+07:00`);

describe('parseTimeEntry, date and time, as typed on the phone', () => {
  it.each([
    // A time alone is today.
    ['8h30', '2026-12-01T08:30'],
    ['8h', '2026-12-01T08:00'],
    ['08:30', '2026-12-01T08:30'],
    ['8:30', '2026-12-01T08:30'],
    ['0830', '2026-12-01T08:30'],
    ['830', '2026-12-01T08:30'],
    ['20h15', '2026-12-01T20:15'],
    ['20h15p', '2026-12-01T20:15'],
    ['8g30', '2026-12-01T08:30'],
    ['8 giờ 30', '2026-12-01T08:30'],
    ['8 giờ 30 phút', '2026-12-01T08:30'],
    ['8 gio 30', '2026-12-01T08:30'],
    ['  8H30  ', '2026-12-01T08:30'],
    ['８ｈ３０', '2026-12-01T08:30'],
    ['lúc 8h30', '2026-12-01T08:30'],
    ['khoảng 20h', '2026-12-01T20:00'],
    // Day and month (day first, always), with or without a year.
    ['1/12 8h', '2026-12-01T08:00'],
    ['1/12/2026 08:30', '2026-12-01T08:30'],
    ['01/12/2026 8:30', '2026-12-01T08:30'],
    ['1-12-2026 8:30', '2026-12-01T08:30'],
    ['1.12.2026 8h30', '2026-12-01T08:30'],
    ['1/12/26 8h', '2026-12-01T08:00'],
    ['8h30 1/12', '2026-12-01T08:30'],
    ['08:30 01/12/2026', '2026-12-01T08:30'],
    ['lúc 8h30 ngày 1/12', '2026-12-01T08:30'],
    ['01122026 0830', '2026-12-01T08:30'],
    ['011220260830', '2026-12-01T08:30'],
    ['2026-12-01T08:30', '2026-12-01T08:30'],
    ['2026-12-01 08:30', '2026-12-01T08:30'],
    // A date without a time is 00:00 of that day.
    ['12012026', '2026-01-12T00:00'],
    ['1/12/2026', '2026-12-01T00:00'],
    ['hôm nay', '2026-12-01T00:00'],
    ['hom nay 8h', '2026-12-01T08:00'],
    // Days said in words, with or without diacritics.
    ['hôm qua 20h', '2026-11-30T20:00'],
    ['hqua 20h', '2026-11-30T20:00'],
    ['hom qua 20h', '2026-11-30T20:00'],
    ['HÔM QUA 20H', '2026-11-30T20:00'],
    ['hôm qua 20h'.normalize('NFD'), '2026-11-30T20:00'],
    ['20h hôm qua', '2026-11-30T20:00'],
    ['hôm kia 7h15', '2026-11-29T07:15'],
    ['bây giờ', '2026-12-01T20:34'],
    ['bay gio', '2026-12-01T20:34'],
    ['now', '2026-12-01T20:34'],
    // Parts of the day.
    ['sáng 8h', '2026-12-01T08:00'],
    ['8h sáng nay', '2026-12-01T08:00'],
    ['8h tối', '2026-12-01T20:00'],
    ['8 giờ tối', '2026-12-01T20:00'],
    ['8 toi', '2026-12-01T20:00'],
    ['2h chiều', '2026-12-01T14:00'],
    ['2h30 chieu', '2026-12-01T14:30'],
    ['12h trưa', '2026-12-01T12:00'],
    ['1h trưa', '2026-12-01T13:00'],
    ['8:30 PM', '2026-12-01T20:30'],
    ['8h tối qua', '2026-11-30T20:00'],
    ['tối qua 8h', '2026-11-30T20:00'],
    ['11h đêm qua', '2026-11-30T23:00'],
    // The small hours of the night that began yesterday are today.
    ['2h đêm qua', '2026-12-01T02:00'],
    // Ahead of the clock: within the tolerance it stays today; beyond, a time alone is the last one past.
    ['20h45', '2026-12-01T20:45'],
    ['21h', '2026-11-30T21:00'],
    ['23h', '2026-11-30T23:00'],
    // A day and month that has not come yet this year is last year's.
    ['28/9 8h', '2026-09-28T08:00'],
    ['28/2 8h', '2026-02-28T08:00'],
  ])('%j → %s', (text, local) => {
    expect(parseTimeEntry(text, NOW, 'datetime')).toEqual({ ok: true, local });
  });

  it.each<[string, TimeEntryRefusal]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['25h', 'no-such-time'],
    ['24:00', 'no-such-time'],
    ['8h61', 'no-such-time'],
    ['8:60', 'no-such-time'],
    ['20h sáng', 'no-such-time'],
    ['13:00 pm', 'no-such-time'],
    ['32/12', 'no-such-date'],
    ['30/02/2026', 'no-such-date'],
    ['29/02/2026', 'no-such-date'],
    ['12/13/2026', 'no-such-date'],
    ['00/12/2026', 'no-such-date'],
    ['01/12/1926', 'no-such-date'],
    ['abc', 'unreadable'],
    ['8', 'unreadable'],
    ['tối', 'unreadable'],
    ['8h30 9h', 'unreadable'],
    ['hôm qua 1/12', 'unreadable'],
    ['bây giờ 8h', 'unreadable'],
    ['12012026x', 'unreadable'],
    ['120120261', 'unreadable'],
    ['1/12/202', 'unreadable'],
    ['123456', 'unreadable'],
    ['1/12-2026', 'unreadable'],
    ['hôm nay 23h', 'future'],
    ['28/12 8h', 'future'],
    ['02/12/2026', 'future'],
    ['01/12/2026 21h', 'future'],
    ['1/12/2027 8h', 'future'],
  ])('%j is refused: %s', (text, reason) => {
    expect(parseTimeEntry(text, NOW, 'datetime')).toEqual({ ok: false, reason });
  });
});

describe('parseTimeEntry, the duty officer\'s rules around midnight', () => {
  it('"23h" typed at 00:30 is yesterday 23:00; "0h15" is today', () => {
    const now = at('2026-12-02T00:30');
    expect(parseTimeEntry('23h', now, 'datetime')).toEqual({ ok: true, local: '2026-12-01T23:00' });
    expect(parseTimeEntry('0h15', now, 'datetime')).toEqual({ ok: true, local: '2026-12-02T00:15' });
    expect(parseTimeEntry('hôm nay 23h', now, 'datetime')).toEqual({ ok: false, reason: 'future' });
  });

  it('just after new year: "31/12 23h" and "23h" are last year; "1/1 8h" names today and is refused', () => {
    const now = at('2027-01-01T00:10');
    expect(parseTimeEntry('31/12 23h', now, 'datetime')).toEqual({ ok: true, local: '2026-12-31T23:00' });
    expect(parseTimeEntry('23h', now, 'datetime')).toEqual({ ok: true, local: '2026-12-31T23:00' });
    expect(parseTimeEntry('1/1 8h', now, 'datetime')).toEqual({ ok: false, reason: 'future' });
  });

  it('a day just ahead is a slip, refused; one well ahead is last year\'s', () => {
    const now = at('2026-12-01T21:00');
    expect(parseTimeEntry('2/12', now, 'date')).toEqual({ ok: false, reason: 'future' });
    expect(parseTimeEntry('2/12 8h', now, 'datetime')).toEqual({ ok: false, reason: 'future' });
    expect(parseTimeEntry('25/12', now, 'date')).toEqual({ ok: false, reason: 'future' });
    expect(parseTimeEntry('2/1', at('2027-01-01T09:00'), 'date')).toEqual({ ok: false, reason: 'future' });
    expect(parseTimeEntry('28/12', at('2027-01-05T09:00'), 'date')).toEqual({ ok: true, local: '2026-12-28' });
  });

  it('works in station time whatever the machine\'s time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'UTC', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        expect(parseTimeEntry('bây giờ', NOW, 'datetime')).toEqual({ ok: true, local: '2026-12-01T20:34' });
        expect(parseTimeEntry('hôm qua 20h', NOW, 'datetime')).toEqual({ ok: true, local: '2026-11-30T20:00' });
        expect(parseTimeEntry('hôm nay', NOW, 'date')).toEqual({ ok: true, local: '2026-12-01' });
      }
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('parseTimeEntry, dates only', () => {
  it.each([
    ['1/12', '2026-12-01'],
    ['01/12/2026', '2026-12-01'],
    ['01122026', '2026-12-01'],
    ['12012026', '2026-01-12'],
    ['hôm nay', '2026-12-01'],
    ['hôm qua', '2026-11-30'],
    ['bây giờ', '2026-12-01'],
    ['2026-12-01', '2026-12-01'],
    ['31/3', '2026-03-31'],
  ])('%j → %s', (text, local) => {
    expect(parseTimeEntry(text, NOW, 'date')).toEqual({ ok: true, local });
  });

  it.each<[string, TimeEntryRefusal]>([
    ['1/12 8h', 'time-in-date'],
    ['8h30', 'time-in-date'],
    ['32/1', 'no-such-date'],
    ['02/12/2026', 'future'],
    ['x', 'unreadable'],
  ])('%j is refused: %s', (text, reason) => {
    expect(parseTimeEntry(text, NOW, 'date')).toEqual({ ok: false, reason });
  });

  it('a register may end in the future: the end of this month, this year\'s 31/12', () => {
    expect(parseTimeEntry('31/12/2026', NOW, 'date', { allowFuture: true })).toEqual({ ok: true, local: '2026-12-31' });
    expect(parseTimeEntry('31/12', NOW, 'date', { allowFuture: true })).toEqual({ ok: true, local: '2026-12-31' });
  });
});

describe('formatLocalEntry', () => {
  it('writes times the way the desk does, and reads back what it wrote', () => {
    expect(formatLocalEntry('2026-12-01T08:30')).toBe('08:30 01/12/2026');
    expect(formatLocalEntry('2026-01-12')).toBe('12/01/2026');
    expect(formatLocalEntry('')).toBe('');
    for (const local of ['2026-12-01T08:30', '2026-01-12T00:00', '2025-02-28T23:59', '2026-11-30T20:00']) {
      expect(parseTimeEntry(formatLocalEntry(local), NOW, 'datetime')).toEqual({ ok: true, local });
    }
    expect(parseTimeEntry(formatLocalEntry('2026-01-12'), NOW, 'date')).toEqual({ ok: true, local: '2026-01-12' });
  });
});
