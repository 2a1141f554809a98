import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePlate, type PlateFlag, type PlateKind } from '../../../electron/contract/domain/plate';

type Case = [typed: string, canonical: string, kind: PlateKind, flags: PlateFlag[]];

// What officers type, and what the station must make of it.
const cases: Case[] = [
  ['82A 123.45', '82A-123.45', 'car', []],
  ['82A-123.45', '82A-123.45', 'car', []],
  ['  82a  123 45 ', '82A-123.45', 'car', []],
  ['82A.123.45', '82A-123.45', 'car', []],
  ['76C-456.78', '76C-456.78', 'car', []],
  ['12B-001.23', '12B-001.23', 'car', []],
  ['29A-1234', '29A-1234', 'car', []],
  ['29a1234', '29A-1234', 'car', []],
  ['８２Ａ１２３４５', '82A12345', 'unknown', ['ambiguous']],
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
  ['29MD123456', '29-MĐ1 234.56', 'motorbike', []],
  ['29md123456', '29-MĐ1 234.56', 'motorbike', []],
  ['29-Md1 234.56', '29-MĐ1 234.56', 'motorbike', []],
  ['29TD12345', '29TĐ-123.45', 'special', []],
  ['29td-123.45', '29TĐ-123.45', 'special', []],
  // Series T: ordinary letter and special series both; kept as typed and flagged (see plate.ts).
  ['29T12345', '29T12345', 'special', ['series-t-unsure']],
  ['29t-123.45', '29T-123.45', 'special', ['series-t-unsure']],
  // Separators decide between a 5-digit car and an old 4-digit motorbike.
  ['29B-112.34', '29B-112.34', 'car', []],
  ['29B 11234', '29B-112.34', 'car', []],
  ['29B112.34', '29B-112.34', 'car', []],
  ['29-B1 1234', '29-B1 1234', 'motorbike', []],
  ['29B1-1234', '29-B1 1234', 'motorbike', []],
  ['29B1 1234', '29-B1 1234', 'motorbike', []],
  // Nothing decides: kept as typed, flagged, both readings offered (tested below).
  ['29B11234', '29B11234', 'unknown', ['ambiguous']],
  ['29-b11234', '29-B11234', 'unknown', ['ambiguous']],
  ['13O11234', '13O11234', 'unknown', ['unknown-province', 'bad-series-letter', 'ambiguous']],
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
  ['30O-12345', '30O-123.45', 'car', ['bad-series-letter']],
  ['30q 12345', '30Q-123.45', 'car', ['bad-series-letter']],
  ['30W-123.45', '30W-123.45', 'car', ['bad-series-letter']],
  ['30J123.45', '30J-123.45', 'car', ['bad-series-letter']],
  ['29-IO 123.45', '29-IO 123.45', 'motorbike', ['bad-series-letter']],
  ['13A-123.45', '13A-123.45', 'car', ['unknown-province']],
  ['00A-12345', '00A-123.45', 'car', ['unknown-province']],
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

  it('offers both readings of a plate typed without separators, and picks neither', () => {
    const plate = normalizePlate('29B11234');
    expect(plate.readings).toEqual([
      { canonical: '29B-112.34', kind: 'car' },
      { canonical: '29-B1 1234', kind: 'motorbike' },
    ]);
    expect(plate.provinceName).toBe('Hà Nội');
    // Each reading, as the field then holds it, parses as itself with nothing left to pick.
    for (const r of plate.readings) {
      expect(normalizePlate(r.canonical)).toMatchObject({ canonical: r.canonical, kind: r.kind, flags: [], readings: [] });
    }
    expect(normalizePlate('82a12345').readings.map((r) => r.canonical)).toEqual(['82A-123.45', '82-A1 2345']);
    expect(normalizePlate('29B-112.34').readings).toEqual([]);
    expect(normalizePlate('29-B1 1234').readings).toEqual([]);
  });

  it('names the province of the plate code, on today\'s map', () => {
    expect(normalizePlate('82A-123.45').provinceName).toBe('Kon Tum (nay thuộc tỉnh Quảng Ngãi)');
    expect(normalizePlate('28A-123.45').provinceName).toBe('Hòa Bình (nay thuộc tỉnh Phú Thọ)');
    expect(normalizePlate('72A-123.45').provinceName).toBe('Bà Rịa - Vũng Tàu (nay thuộc thành phố Hồ Chí Minh)');
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

// Properties over every plate shape the station knows, generated (fast-check shrinks a failure to its smallest case).
const SERIES_LETTERS = [...'ABCDEFGHKLMNPSUVXYZ']; // no I, J, O, Q, W; T is flagged apart (plate.ts)
const province = fc.integer({ min: 11, max: 99 }).map(String);
const letter = fc.constantFrom(...SERIES_LETTERS);
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const group = (d: string) => (d.length === 5 ? `${d.slice(0, 3)}.${d.slice(3)}` : d);
const canonicalPlate = fc.oneof(
  fc.tuple(province, letter, fc.oneof(digits(4), digits(5))).map(([p, l, d]) => `${p}${l}-${group(d)}`),
  fc.tuple(province, letter, digits(1), fc.oneof(digits(4), digits(5))).map(([p, l, s, d]) => `${p}-${l}${s} ${group(d)}`),
  // Two-letter motorbike series as issued since 2023 ("29-AA 123.45"); pairs such as LD or MD read as special series.
  fc.tuple(province, letter, digits(5)).map(([p, b, d]) => `${p}-A${b} ${group(d)}`),
  fc.tuple(province, fc.constantFrom('LD', 'KT', 'HC', 'MĐ', 'TĐ', 'R'), digits(5)).map(([p, s, d]) => `${p}${s}-${group(d)}`),
);

describe('normalizePlate, properties', () => {
  it('reads any canonical plate back as itself, with nothing to pick', () => {
    fc.assert(fc.property(canonicalPlate, (typed) => {
      const plate = normalizePlate(typed);
      expect(plate.canonical).toBe(typed);
      expect(plate.readings).toEqual([]);
      expect(plate.flags.filter((f) => f !== 'unknown-province')).toEqual([]);
    }));
  });

  it('offers both readings, car and motorbike, for any 1-letter series and 5 digits typed without separators', () => {
    fc.assert(fc.property(province, letter, digits(5), fc.boolean(), (p, l, d, lower) => {
      const typed = `${p}${lower ? l.toLowerCase() : l}${d}`;
      const plate = normalizePlate(typed);
      expect(plate.flags).toContain('ambiguous');
      expect(plate.canonical).toBe(typed.toUpperCase());
      expect(plate.readings).toEqual([
        { canonical: `${p}${l}-${group(d)}`, kind: 'car' },
        { canonical: `${p}-${l}${d[0]} ${d.slice(1)}`, kind: 'motorbike' },
      ]);
      // Both readings keep the typed plate's search key: a search finds it before and after the pick.
      for (const r of plate.readings) expect(normalizePlate(r.canonical).key).toBe(plate.key);
    }));
  });
});
