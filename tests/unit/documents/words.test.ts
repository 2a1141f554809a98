import { describe, expect, it } from 'vitest';
import { amountInWords, formatVndWithWords } from '../../../electron/contract/domain/amount-words';
import {
  formatClockInWords, formatMomentInWords, formatPlace, formatPlaceInSentence, normalizeKmMarker, sameStationDay,
} from '../../../electron/contract/domain/time';

// How documents write amounts, moments and places inside their sentences.

describe('amounts in figures and words ("nghìn", "mươi"/"mười", "lẻ", "tỷ")', () => {
  it.each([
    [0, '0 đồng (Không đồng)'],
    [1_000, '1.000 đồng (Một nghìn đồng)'],
    [10_000, '10.000 đồng (Mười nghìn đồng)'],
    [105_000, '105.000 đồng (Một trăm lẻ năm nghìn đồng)'],
    [2_000_000, '2.000.000 đồng (Hai triệu đồng)'],
    [5_000_000, '5.000.000 đồng (Năm triệu đồng)'],
    [1_250_000, '1.250.000 đồng (Một triệu hai trăm năm mươi nghìn đồng)'],
    [40_000_000, '40.000.000 đồng (Bốn mươi triệu đồng)'],
    [15_000, '15.000 đồng (Mười lăm nghìn đồng)'],
    [21_000, '21.000 đồng (Hai mươi mốt nghìn đồng)'],
    [1_005_000, '1.005.000 đồng (Một triệu không trăm lẻ năm nghìn đồng)'],
    [2_500_000_000, '2.500.000.000 đồng (Hai tỷ năm trăm triệu đồng)'],
  ])('%d → %s', (vnd, text) => expect(formatVndWithWords(vnd)).toBe(text));

  it('refuses what is no amount', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});

describe('moments in sentences (station time, whatever the process zone)', () => {
  it.each([
    ['2026-11-23T07:05:00Z', 'hồi 14 giờ 05 phút, ngày 23/11/2026'],
    // 17:30 UTC on 31 December is 00:30 on 1 January in Vietnam.
    ['2026-12-31T17:30:00Z', 'hồi 00 giờ 30 phút, ngày 01/01/2027'],
  ])('%s → %s', (instant, text) => expect(formatMomentInWords(instant)).toBe(text));

  it('capitalises at the head of a sentence; the clock alone for "kết thúc hồi …"', () => {
    expect(formatMomentInWords('2026-11-23T07:05:00Z', true)).toBe('Hồi 14 giờ 05 phút, ngày 23/11/2026');
    expect(formatClockInWords(new Date('2026-11-23T02:00:00Z'))).toBe('09 giờ 00 phút');
  });

  it('tells station days apart (not UTC days)', () => {
    expect(sameStationDay('2026-11-23T16:59:00Z', '2026-11-23T01:00:00Z')).toBe(true);
    expect(sameStationDay('2026-11-23T17:00:00Z', '2026-11-23T16:59:00Z')).toBe(false);
  });
});

describe('places in sentences', () => {
  it.each([
    ['km1452+300', 'Km 1452+300'], ['KM 1452 + 300', 'Km 1452+300'], ['Km 12+300', 'Km 12+300'], ['km 5', 'Km 5'],
    ['gần cột km', 'gần cột km'],
  ])('km marker %s → %s', (typed, text) => expect(normalizeKmMarker(typed)).toBe(text));

  it('writes the unit type words in lower case, the proper names capitalised', () => {
    const l = { houseNumber: '', road: 'Quốc lộ 14', kmMarker: 'km1452+300', communeName: 'Phường Kon Tum', provinceName: 'Tỉnh Quảng Ngãi' };
    expect(formatPlaceInSentence(l)).toBe('Quốc lộ 14, Km 1452+300, phường Kon Tum, tỉnh Quảng Ngãi');
    expect(formatPlaceInSentence({ communeName: 'Xã Đăk Hà', provinceName: 'Thành phố Hà Nội' })).toBe('xã Đăk Hà, thành phố Hà Nội');
    expect(formatPlaceInSentence({ communeName: 'Đặc khu Lý Sơn' })).toBe('đặc khu Lý Sơn');
    // Lists and pages keep the names as the catalog writes them.
    expect(formatPlace(l)).toBe('Quốc lộ 14, Km 1452+300, Phường Kon Tum, Tỉnh Quảng Ngãi');
  });
});
