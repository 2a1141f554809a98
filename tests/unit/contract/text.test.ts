import { describe, expect, it } from 'vitest';
import { fold, nfc, phoneKey, searchTerms } from '../../../electron/contract/domain/text';
import { formatStationTime, localToUtcIso, stationDayBounds, stationYear, utcIsoToLocal } from '../../../electron/contract/domain/time';

describe('fold', () => {
  it.each([
    ['Đống Đa', 'dong da'],
    ['Nguyễn Trãi', 'nguyen trai'],
    ['ĐƯỜNG LÊ LỢI', 'duong le loi'],
    ['Quảng Ngãi', 'quang ngai'],
    ['Đăk Rơ Wa', 'dak ro wa'],
    ['Ngọk Bay', 'ngok bay'],
    ['Km 12+300', 'km 12+300'],
  ])('%s → %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
    expect(fold(text.normalize('NFD'))).toBe(folded);
  });
});

describe('searchTerms', () => {
  it('splits folded words once each, NFC or NFD alike', () => {
    expect(searchTerms('Xe vượt đèn đỏ ở ngã tư Đống Đa – Đống Đa!')).toEqual(['xe', 'vuot', 'den', 'do', 'o', 'nga', 'tu', 'dong', 'da']);
    expect(searchTerms('Nguyễn Trãi'.normalize('NFD'))).toEqual(['nguyen', 'trai']);
    expect(searchTerms('  ')).toEqual([]);
  });
});

describe('nfc and phoneKey', () => {
  it('stores NFC', () => {
    expect(nfc('Lạng Sơn'.normalize('NFD'))).toBe('Lạng Sơn'.normalize('NFC'));
  });
  it.each([
    ['0260.386.2459', '02603862459'],
    ['+84 260 386 2459', '02603862459'],
    ['84912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['０９１２３４５６７８', '0912345678'],
  ])('%s → %s', (typed, key) => expect(phoneKey(typed)).toBe(key));
});

describe('station time (UTC+07:00)', () => {
  it('converts wall time to UTC and back across day and year ends', () => {
    expect(localToUtcIso('2026-11-23T14:05')).toBe('2026-11-23T07:05:00.000Z');
    expect(localToUtcIso('2027-01-01T03:00')).toBe('2026-12-31T20:00:00.000Z');
    expect(utcIsoToLocal('2026-12-31T20:00:00.000Z')).toBe('2027-01-01T03:00');
    expect(stationYear('2026-12-31T20:00:00.000Z')).toBe(2027);
    expect(formatStationTime('2026-03-01T16:59:00.000Z')).toBe('23:59 01/03/2026');
  });
  it('bounds the station day', () => {
    expect(stationDayBounds(new Date('2026-11-23T18:30:00Z'))).toEqual({
      from: '2026-11-23T17:00:00.000Z', to: '2026-11-24T17:00:00.000Z',
    });
  });
});
