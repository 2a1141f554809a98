import { describe, expect, it } from 'vitest';
import { type CccdWarning, checkCccd } from '../../../electron/contract/domain/cccd';
import cccdProvinces from '../../../resources/catalogs/cccd-provinces.json' with { type: 'json' };

const today = new Date('2026-11-23T03:00:00Z');
type Case = [typed: string, stated: number | null, province: string | null, year: number | null, gender: 'male' | 'female' | null, warnings: CccdWarning[]];

const cases: Case[] = [
  ['062090001234', null, 'Kon Tum', 1990, 'male', []],
  ['062190001234', null, 'Kon Tum', 1990, 'female', []],
  ['020195012345', null, 'Lạng Sơn', 1995, 'female', []],
  ['020085012345', 1985, 'Lạng Sơn', 1985, 'male', []],
  ['051303000001', null, 'Quảng Ngãi', 2003, 'female', []],
  ['051208000001', 2008, 'Quảng Ngãi', 2008, 'male', []],
  ['001099999999', null, 'Hà Nội', 1999, 'male', []],
  ['079200123456', null, 'TP. Hồ Chí Minh', 2000, 'male', []],
  ['096000000000', null, 'Cà Mau', 1900, 'male', []],
  ['062226001234', null, 'Kon Tum', 2026, 'male', []],
  ['062 090 001 234', null, 'Kon Tum', 1990, 'male', []],
  ['062.090.001.234', null, 'Kon Tum', 1990, 'male', []],
  ['062-090-001-234', null, 'Kon Tum', 1990, 'male', []],
  ['０６２０９０００１２３４', null, 'Kon Tum', 1990, 'male', []],
  ['062090001234', 1991, 'Kon Tum', 1990, 'male', ['birth-year-mismatch']],
  ['020195012345', 1959, 'Lạng Sơn', 1995, 'female', ['birth-year-mismatch']],
  ['062227001234', null, 'Kon Tum', 2027, 'male', ['birth-year-in-future']],
  ['062290001234', null, 'Kon Tum', 2090, 'male', ['birth-year-in-future']],
  ['062390001234', null, 'Kon Tum', 2090, 'female', ['birth-year-in-future']],
  ['062490001234', null, 'Kon Tum', 2190, 'male', ['birth-year-in-future']],
  ['062890001234', null, 'Kon Tum', 2390, 'male', ['birth-year-in-future']],
  ['999090001234', null, null, 1990, 'male', ['unknown-province']],
  ['003090001234', null, null, 1990, 'male', ['unknown-province']],
  ['000090001234', null, null, 1990, 'male', ['unknown-province']],
  ['097090001234', null, null, 1990, 'male', ['unknown-province']],
  ['999290001234', 1990, null, 2090, 'male', ['unknown-province', 'birth-year-in-future', 'birth-year-mismatch']],
  ['06209000123', null, null, null, null, ['not-12-digits']],
  ['0620900012345', null, null, null, null, ['not-12-digits']],
  ['', null, null, null, null, ['not-12-digits']],
  ['abcdefghijkl', null, null, null, null, ['not-12-digits']],
  ['06209000123A', null, null, null, null, ['not-12-digits']],
  ['062090001234 5', null, null, null, null, ['not-12-digits']],
  ['062/090/001/234', null, null, null, null, ['not-12-digits']],
  ['123456789', null, null, null, null, ['not-12-digits']],
  ['020305000001', 2005, 'Lạng Sơn', 2005, 'female', []],
  ['051070123456', 1970, 'Quảng Ngãi', 1970, 'male', []],
  ['062150000001', 1950, 'Kon Tum', 1950, 'female', []],
  ['048099000001', null, 'Đà Nẵng', 1999, 'male', []],
  ['092310000001', null, 'Cần Thơ', 2010, 'female', []],
  ['  062090001234  ', null, 'Kon Tum', 1990, 'male', []],
  ['O62090001234', null, null, null, null, ['not-12-digits']],
  ['062-090-001-23', null, null, null, null, ['not-12-digits']],
  ['062990001234', null, 'Kon Tum', 2390, 'female', ['birth-year-in-future']],
]

describe('checkCccd', () => {
  it.each(cases)('%j (stated %j) → %j %j %j %j', (typed, stated, province, year, gender, warnings) => {
    const c = checkCccd(typed, stated, today);
    expect(c.provinceName).toBe(province);
    expect(c.birthYear).toBe(year);
    expect(c.gender).toBe(gender);
    expect(c.warnings).toEqual(warnings);
  });

  it('knows every province-of-birth code of the catalog', () => {
    const codes = Object.entries(cccdProvinces.codes);
    expect(codes.length).toBe(63);
    for (const [code, name] of codes) {
      const c = checkCccd(`${code}185000123`, 1985, today);
      expect(c.provinceName).toBe(name);
      expect(c.gender).toBe('female');
      expect(c.warnings).toEqual([]);
    }
  });
});

describe('the birth year against the station\'s year', () => {
  it('is judged in Asia/Ho_Chi_Minh whatever the machine\'s time zone: 01:00 on 1/1/2027 there is already 2027', () => {
    const newYearInVietnam = new Date('2026-12-31T18:00:00Z');
    expect(checkCccd('062227001234', null, newYearInVietnam).warnings).toEqual([]);
    expect(checkCccd('062228001234', null, newYearInVietnam).warnings).toEqual(['birth-year-in-future']);
    // An hour earlier it is still 2026 at the station.
    expect(checkCccd('062227001234', null, new Date('2026-12-31T16:30:00Z')).warnings).toEqual(['birth-year-in-future']);
  });
});
