import cccdProvinces from '../../../resources/catalogs/cccd-provinces.json' with { type: 'json' };
import { stationYear } from './time';

// Citizen ID (CCCD), TT 07/2016/TT-BCA: 3 digits province of birth registration, 1 digit century and
// gender, 2 digits year of birth, 6 random digits. Checked with warnings, never refused: the desk must
// be able to write down what the citizen says.

export type CccdWarning =
  | 'not-12-digits'
  | 'unknown-province'
  | 'birth-year-in-future'
  | 'birth-year-mismatch';

export interface CccdCheck {
  digits: string;
  provinceName: string | null;
  gender: 'male' | 'female' | null;
  birthYear: number | null;
  warnings: CccdWarning[];
}

const provinces: Record<string, string> = cccdProvinces.codes;

export function checkCccd(raw: string, statedBirthYear?: number | null, today = new Date()): CccdCheck {
  const digits = raw.normalize('NFKC').replace(/[\s.-]/g, '');
  if (!/^\d{12}$/.test(digits)) {
    return { digits, provinceName: null, gender: null, birthYear: null, warnings: ['not-12-digits'] };
  }
  const warnings: CccdWarning[] = [];
  const provinceName = provinces[digits.slice(0, 3)] ?? null;
  if (!provinceName) warnings.push('unknown-province');
  // Century/gender digit: 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s, 6/7 → 2200s, 8/9 → 2300s; even = male.
  const code = Number(digits[3]);
  const century = 1900 + Math.floor(code / 2) * 100;
  const birthYear = century + Number(digits.slice(4, 6));
  const gender = code % 2 === 0 ? 'male' : 'female';
  // The station's year (Asia/Ho_Chi_Minh), not the desk's or browser's time zone.
  if (birthYear > stationYear(today)) warnings.push('birth-year-in-future');
  if (statedBirthYear && statedBirthYear !== birthYear) warnings.push('birth-year-mismatch');
  return { digits, provinceName, gender, birthYear, warnings };
}
