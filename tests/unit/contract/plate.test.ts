import { describe, expect, it } from 'vitest';
import { normalizePlate, type PlateFlag, type PlateKind } from '../../../electron/contract/domain/plate';

type Case = [typed: string, canonical: string, kind: PlateKind, flags: PlateFlag[]];

// What officers type, and what the station must make of it.
const cases: Case[] = [
  ['82a12345', '82A-123.45', 'car', []],
  ['82A 123.45', '82A-123.45', 'car', []],
  ['82A-123.45', '82A-123.45', 'car', []],
  ['  82a  123 45 ', '82A-123.45', 'car', []],
  ['82A.123.45', '82A-123.45', 'car', []],
  ['76C-456.78', '76C-456.78', 'car', []],
  ['12B-001.23', '12B-001.23', 'car', []],
  ['29A-1234', '29A-1234', 'car', []],
  ['29a1234', '29A-1234', 'car', []],
  ['８２Ａ１２３４５', '82A-123.45', 'car', []],
  ['８２Ａ－１２３．４５', '82A-123.45', 'car', []],
  ['82-a1 234.56', '82-A1 234.56', 'motorbike', []],
  ['82A1 23456', '82-A1 234.56', 'motorbike', []],
  ['82a123456', '82-A1 234.56', 'motorbike', []],
  ['12-B1 001.23', '12-B1 001.23', 'motorbike', []],
  ['82-A1 2345', '82-A1 2345', 'motorbike', []],
  ['82A1-2345', '82-A1 2345', 'motorbike', []],
  ['29aa12345', '29-AA 123.45', 'motorbike', []],
  ['29-AA 123.45', '29-AA 123.45', 'motorbike', []],
  ['30-ab 567.89', '30-AB 567.89', 'motorbike', []],
  ['29MĐ123456', '29-MĐ1 234.56', 'motorbike', []],
  ['51ld12345', '51LD-123.45', 'special', []],
  ['５１ＬＤ１２３４５', '51LD-123.45', 'special', []],
  ['43KT-123.45', '43KT-123.45', 'special', []],
  ['51R-123.45', '51R-123.45', 'special', []],
  ['29HC1234', '29HC-1234', 'special', []],
  ['80NG12345', '80NG12345', 'special', ['special-unsure']],
  ['80-ng-123-45', '80-NG-123-45', 'special', ['special-unsure']],
  ['41QT 123.45', '41QT 123.45', 'special', ['special-unsure']],
  ['51NN-123.45', '51NN-123.45', 'special', ['special-unsure']],
  ['30I-123.45', '30I-123.45', 'car', ['bad-series-letter']],
  ['30O12345', '30O-123.45', 'car', ['bad-series-letter']],
  ['30q12345', '30Q-123.45', 'car', ['bad-series-letter']],
  ['30W-123.45', '30W-123.45', 'car', ['bad-series-letter']],
  ['30J12345', '30J-123.45', 'car', ['bad-series-letter']],
  ['29-IO 123.45', '29-IO 123.45', 'motorbike', ['bad-series-letter']],
  ['13A-123.45', '13A-123.45', 'car', ['unknown-province']],
  ['00A12345', '00A-123.45', 'car', ['unknown-province']],
  ['82A-12', '82A-12', 'car', ['too-few-digits']],
  ['82A123', '82A-123', 'car', ['too-few-digits']],
  ['82A1234567', '82A-1234567', 'car', ['too-many-digits']],
  ['29AA123', '29-AA 123', 'motorbike', ['too-few-digits']],
  ['13O-12', '13O-12', 'car', ['unknown-province', 'bad-series-letter', 'too-few-digits']],
  ['', '', 'unknown', ['empty']],
  ['   ', '', 'unknown', ['empty']],
  ['ABC', 'ABC', 'unknown', ['unrecognized']],
  ['xe máy', 'XE MÁY', 'unknown', ['unrecognized']],
  ['A82-12345', 'A82-12345', 'unknown', ['unrecognized']],
];

describe('normalizePlate', () => {
  it.each(cases)('%j → %j (%s) %j', (typed, canonical, kind, flags) => {
    const plate = normalizePlate(typed);
    expect(plate.canonical).toBe(canonical);
    expect(plate.kind).toBe(kind);
    expect(plate.flags).toEqual(flags);
  });

  it('names the province of the plate code', () => {
    expect(normalizePlate('82A-123.45').provinceName).toBe('Kon Tum');
    expect(normalizePlate('12-B1 001.23').provinceName).toBe('Lạng Sơn');
    expect(normalizePlate('76c45678').provinceName).toBe('Quảng Ngãi');
    expect(normalizePlate('13A-123.45').provinceName).toBeNull();
  });

  it('gives one search key however the plate was typed', () => {
    const key = normalizePlate('82A-123.45').key;
    for (const typed of ['82a12345', '82A 123.45', '８２Ａ１２３４５', '82-A1 2345', ' 82 a 123 45 ']) {
      expect(normalizePlate(typed).key).toBe(key);
    }
    expect(normalizePlate('29-MĐ1 234.56').key).toBe('29MD123456');
    expect(normalizePlate('82A-123.46').key).not.toBe(key);
  });

  it('keeps what was typed, NFC, as the input', () => {
    const nfd = '29-MĐ1 234.56'.normalize('NFD');
    expect(normalizePlate(nfd).input).toBe('29-MĐ1 234.56'.normalize('NFC'));
  });
});
