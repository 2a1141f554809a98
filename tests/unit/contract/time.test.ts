import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  formatDay, formatPlace, formatStationDate, formatStationTime, formatWallTime, localToUtcIso, placeAndDate, stationDayBounds, stationYear,
  utcIsoToLocal,
} from '../../../electron/contract/domain/time';

// The station's shapes, whatever the machine: "14:05 23/11/2026", 24 h, dd/mm/yyyy, in Asia/Ho_Chi_Minh.
describe('station time from a UTC instant', () => {
  it.each([
    // instant, time as the desk writes it, datetime-local value, station year
    ['2026-11-23T07:05:00.000Z', '14:05 23/11/2026', '2026-11-23T14:05', 2026],
    ['2026-11-23T07:05:59.999Z', '14:05 23/11/2026', '2026-11-23T14:05', 2026],
    // Midnight at the station is 17:00 UTC the day before, written 00:00 (never 24:00).
    ['2026-11-22T17:00:00.000Z', '00:00 23/11/2026', '2026-11-23T00:00', 2026],
    ['2026-11-23T16:59:00.000Z', '23:59 23/11/2026', '2026-11-23T23:59', 2026],
    ['2026-11-23T05:00:00.000Z', '12:00 23/11/2026', '2026-11-23T12:00', 2026],
    // Year end: 17:00 UTC on 31 December is already the new year at the station.
    ['2026-12-31T16:59:00.000Z', '23:59 31/12/2026', '2026-12-31T23:59', 2026],
    ['2026-12-31T17:00:00.000Z', '00:00 01/01/2027', '2027-01-01T00:00', 2027],
    ['2028-02-28T17:30:00.000Z', '00:30 29/02/2028', '2028-02-29T00:30', 2028],
    ['2026-03-01T16:59:00.000Z', '23:59 01/03/2026', '2026-03-01T23:59', 2026],
  ])('%s → %s', (instant, time, local, year) => {
    expect(formatStationTime(instant)).toBe(time);
    expect(formatStationTime(new Date(instant))).toBe(time);
    expect(utcIsoToLocal(instant)).toBe(local);
    expect(formatStationDate(instant)).toBe(time.slice(6));
    expect(stationYear(instant)).toBe(year);
    expect(localToUtcIso(local)).toBe(new Date(Math.floor(Date.parse(instant) / 60_000) * 60_000).toISOString());
  });

  it('gives the station day bounds across the year end', () => {
    expect(stationDayBounds(new Date('2026-12-31T17:00:00Z'))).toEqual({ from: '2026-12-31T17:00:00.000Z', to: '2027-01-01T17:00:00.000Z' });
  });

  it('shows a value that is no instant as stored rather than failing the page', () => {
    expect(formatStationTime('not a time')).toBe('not a time');
    expect(() => utcIsoToLocal('not a time')).toThrow(RangeError);
  });

  it('is the same in a process whose machine zone and locale are not the station\'s', () => {
    const script = `const t = await import(${JSON.stringify(new URL('../../../electron/contract/domain/time.ts', import.meta.url).href)});
      console.log(JSON.stringify([t.formatStationTime('2026-12-31T17:00:00Z'), t.utcIsoToLocal('2026-11-22T17:00:00Z'),
        t.formatStationDate('2026-11-23T16:59:00Z'), t.formatDay('2026-11-01'), t.formatWallTime('2026-12-31T23:59:30'),
        t.placeAndDate('Kon Tum', new Date('2026-02-04T20:00:00Z')), new Date('2026-12-31T17:00:00Z').getHours()]));`;
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, TZ: zone, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' }, encoding: 'utf8',
      });
      const [time, local, day, calendarDay, wall, dated, machineHour] = JSON.parse(out) as [string, string, string, string, string, string, number];
      expect([time, local, day, calendarDay, wall, dated]).toEqual([
        '00:00 01/01/2027', '2026-11-23T00:00', '23/11/2026', '01/11/2026', '23:59:30 31/12/2026', 'Kon Tum, ngày 05 tháng 02 năm 2026',
      ]);
      // The machine really was in another zone (its own clock reads a different hour from the station's 0).
      if (zone !== 'UTC') expect(machineHour).not.toBe(0);
    }
  });
});

describe('days and wall times that are not instants', () => {
  it.each([
    ['2026-11-01', '01/11/2026'],
    ['2026-12-31', '31/12/2026'],
    ['2027-01-01', '01/01/2027'],
    ['2028-02-29', '29/02/2028'],
  ])('day %s → %s', (day, text) => expect(formatDay(day)).toBe(text));

  it.each([
    // A camera's own clock, shown as it read (its offset is printed beside it): no shift to station time.
    ['2026-11-23T08:00:00', '08:00:00 23/11/2026'],
    ['2026-12-31T23:59:30', '23:59:30 31/12/2026'],
    ['2027-01-01T00:00:00', '00:00:00 01/01/2027'],
    ['2026-11-23T14:05', '14:05 23/11/2026'],
  ])('wall time %s → %s', (local, text) => expect(formatWallTime(local)).toBe(text));
});

describe('place and date of a document (NĐ 30/2020)', () => {
  it.each([
    ['2026-02-04T03:00:00Z', 'Kon Tum, ngày 04 tháng 02 năm 2026'],
    ['2026-11-22T17:00:00Z', 'Kon Tum, ngày 23 tháng 11 năm 2026'],
    ['2026-12-31T16:59:59Z', 'Kon Tum, ngày 31 tháng 12 năm 2026'],
    ['2026-12-31T17:00:00Z', 'Kon Tum, ngày 01 tháng 01 năm 2027'],
  ])('%s → %s', (instant, text) => expect(placeAndDate('Kon Tum', new Date(instant))).toBe(text));
});

describe('the place where it happened', () => {
  it.each([
    [{ houseNumber: '12', road: 'Đống Đa', communeName: 'Phường Kon Tum' }, '12 Đống Đa, Phường Kon Tum'],
    [{ houseNumber: '', road: 'Đống Đa', communeName: '' }, 'Đống Đa'],
    [{ houseNumber: '120', road: 'Phan Đình Phùng', intersection: 'ngã tư Lê Lợi', kmMarker: 'Km 5', communeName: 'Phường Kon Tum', provinceName: 'Tỉnh Quảng Ngãi' },
      '120 Phan Đình Phùng, ngã tư Lê Lợi, Km 5, Phường Kon Tum, Tỉnh Quảng Ngãi'],
    [{ houseNumber: '', road: '', intersection: '', kmMarker: 'Km 5', communeName: '', provinceName: 'Tỉnh Quảng Ngãi' }, 'Km 5, Tỉnh Quảng Ngãi'],
    [{}, ''],
  ])('%o → %s', (location, text) => expect(formatPlace(location)).toBe(text));
});
