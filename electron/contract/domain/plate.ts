import plateProvinces from '../../../resources/catalogs/plate-provinces.json' with { type: 'json' };
import provinceMerges from '../../../resources/catalogs/province-merges.json' with { type: 'json' };
import { vi } from '../messages.vi';
import { fold } from './text';

// Vietnamese licence plates. Cars: "30A-123.45", old "29A-1234"; motorbikes: "29-B1 123.45",
// since 2023 two-letter series "29-AA 123.45". Series letters never use I, J, O, Q, W.

export type PlateKind = 'car' | 'motorbike' | 'special' | 'unknown';
export type PlateFlag =
  | 'empty'
  | 'unrecognized'
  | 'bad-series-letter'
  | 'unknown-province'
  | 'too-few-digits'
  | 'too-many-digits'
  | 'special-unsure'
  // Written without separators, it reads as a car or as an old motorbike plate: the officer picks (readings).
  | 'ambiguous'
  // Series "T": an ordinary series letter, and listed among the special series too (see SERIES_T below).
  | 'series-t-unsure';

/** One way to read a plate typed without the separators that would decide it. */
export interface PlateReading {
  canonical: string;
  kind: 'car' | 'motorbike';
}

export interface Plate {
  /** What was typed, NFC and trimmed. */
  input: string;
  /** One canonical form ("82A-123.45", "82-A1 234.56"); the typed form when unsure. */
  canonical: string;
  /** Letters and digits only, folded: how plates are indexed and searched however typed. */
  key: string;
  provinceCode: string | null;
  /** As the code names it, on today's map ('Kon Tum (nay thuộc tỉnh Quảng Ngãi)'). */
  provinceName: string | null;
  kind: PlateKind;
  flags: PlateFlag[];
  /**
   * Every plate the typed form can be, when it can be more than one (flag 'ambiguous'); else empty. The
   * station never picks one itself: the officer does, and the field then holds that reading's canonical form.
   */
  readings: PlateReading[];
}

const provinces: Record<string, string> = plateProvinces.codes;
/** Provinces merged into another on 01/07/2025, by folded name ("Hoà Bình" and "Hòa Bình" alike). */
const mergedInto = new Map(Object.entries(provinceMerges.merges).map(([old, now]) => [fold(old), now]));

/** The province a plate's code names, on today's map: "Kon Tum (nay thuộc tỉnh Quảng Ngãi)", "Lạng Sơn". */
function provinceToday(name: string | undefined): string | null {
  if (!name) return null;
  const now = mergedInto.get(fold(name));
  return now ? vi.plateProvinceNow(name, now) : name;
}
const FORBIDDEN_SERIES = /[IJOQW]/;
// Diplomatic and international series carry a country code whose layout varies: keep as typed.
const COUNTRY_CODE_SERIES = new Set(['NG', 'QT', 'NN']);
const SPECIAL_SERIES = new Set(['LD', 'DA', 'KT', 'MK', 'MĐ', 'TĐ', 'HC', 'CV', 'LB', 'R', 'RM']);
// Keyboards without Đ: "MD", "md", "Md" typed for MĐ (electric motorbikes), "TD" for TĐ.
const SERIES_TYPED_WITHOUT_D: Record<string, string> = { MD: 'MĐ', TD: 'TĐ' };
/*
 * "T" is both an ordinary series letter and, in the desk's list (DOMAIN.md), a special series. TT 58/2020/TT-BCA
 * Đ25 (as summarised by lawnet.vn, "colors and symbols of the license plate") and the same list in TT 24/2023
 * give the ordinary series as "lần lượt một trong 20 chữ cái A, B, C, D, E, F, G, H, K, L, M, N, P, S, T, U, V,
 * X, Y, Z": T is an ordinary letter there. The appendix of TT 79/2024/TT-BCA (in force 01/01/2025) could not be
 * read here to confirm it is unchanged, nor what the special "T" is since. So a T plate is not guessed either
 * way: kept as typed and flagged for the officer to check (DOMAIN.md: when unsure, keep what was typed and flag).
 */
const SERIES_T = 'T';

function digitsGroup(digits: string): string {
  return digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits;
}

function plateKey(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/Đ/g, 'D')
    .replace(/[^0-9A-Z]/g, '');
}

export function normalizePlate(raw: string): Plate {
  // NFKC turns full-width digits and letters pasted from chat apps into ASCII.
  const input = raw.normalize('NFKC').normalize('NFC').trim().replace(/\s+/g, ' ');
  // Upper case is not always NFC ("ΰ" → "Ϋ́" as three code points): normalised again, so the canonical form reads back as itself.
  const upper = input.toUpperCase().normalize('NFC');
  const compact = upper.replace(/[^0-9A-ZĐ]/g, '');
  const key = plateKey(input);
  const result: Plate = {
    input, canonical: upper, key, provinceCode: null, provinceName: null, kind: 'unknown', flags: [], readings: [],
  };
  if (compact.length === 0) return { ...result, flags: ['empty'] };

  const match = /^(\d{2})([A-ZĐ]{1,2})(\d+)$/.exec(compact);
  if (!match) return { ...result, flags: ['unrecognized'] };
  const [, province, typedSeries, digits] = match as unknown as [string, string, string, string];
  const series = SERIES_TYPED_WITHOUT_D[typedSeries] ?? typedSeries;
  const flags: PlateFlag[] = [];
  result.provinceCode = province;
  result.provinceName = provinceToday(provinces[province]);
  if (!result.provinceName) flags.push('unknown-province');

  if (COUNTRY_CODE_SERIES.has(series)) {
    return { ...result, kind: 'special', flags: [...flags, 'special-unsure'] };
  }
  if (series === SERIES_T) {
    return { ...result, kind: 'special', flags: [...flags, 'series-t-unsure'] };
  }
  if (FORBIDDEN_SERIES.test(series)) flags.push('bad-series-letter');

  const digitCountFlag = (n: number, min: number, max: number): PlateFlag | null =>
    n < min ? 'too-few-digits' : n > max ? 'too-many-digits' : null;

  let canonical: string;
  let kind: PlateKind;
  if (series === 'MĐ' && digits.length === 6) {
    // Electric motorbikes: "29-MĐ1 234.56".
    kind = 'motorbike';
    canonical = `${province}-${series}${digits[0]} ${digitsGroup(digits.slice(1))}`;
  } else if (SPECIAL_SERIES.has(series)) {
    kind = 'special';
    canonical = `${province}${series}-${digitsGroup(digits)}`;
    const f = digitCountFlag(digits.length, 4, 5);
    if (f) flags.push(f);
  } else if (series.length === 2) {
    // Two-letter series are motorbikes (issued since 2023).
    kind = 'motorbike';
    canonical = `${province}-${series} ${digitsGroup(digits)}`;
    const f = digitCountFlag(digits.length, 4, 5);
    if (f) flags.push(f);
  } else if (digits.length === 5 && !typedAsMotorbike(upper) && !typedAsCar(upper)) {
    // "29B11234": car 29B-112.34, or an old 4-digit motorbike 29-B1 1234. Nothing typed decides it, so both
    // readings are offered and the typed form is kept until the officer picks (DOMAIN.md: when unsure, keep
    // what was typed and flag it). Same key either way, so search finds the plate before it is resolved.
    return {
      ...result, kind: 'unknown', flags: [...flags, 'ambiguous'],
      readings: [
        { canonical: `${province}${series}-${digitsGroup(digits)}`, kind: 'car' },
        { canonical: `${province}-${series}${digits[0]} ${digits.slice(1)}`, kind: 'motorbike' },
      ],
    };
  } else if (digits.length === 6 || (digits.length === 5 && typedAsMotorbike(upper))) {
    // Motorbike: series letter + one digit, then 5 (or old 4) digits: "82-A1 234.56", "82-A1 2345".
    kind = 'motorbike';
    canonical = `${province}-${series}${digits[0]} ${digitsGroup(digits.slice(1))}`;
  } else {
    kind = 'car';
    canonical = `${province}${series}-${digitsGroup(digits)}`;
    const f = digitCountFlag(digits.length, 4, 6);
    if (f) flags.push(f);
  }
  return { ...result, canonical, kind, flags };
}

/** "82-A1 2345" or "82A1-2345": a separator right after the series digit says motorbike. */
function typedAsMotorbike(upper: string): boolean {
  return /^\d{2}\W*[A-ZĐ]\d[\s.-]+\d{4}$/.test(upper);
}

/** "29B-11234", "29B 112.34" or "29B112.34": a separator right after the series letter, or 5 digits grouped 3.2. */
function typedAsCar(upper: string): boolean {
  return /^\d{2}\W*[A-ZĐ][\s.-]+\d/.test(upper) || /^\d{2}\W*[A-ZĐ]\d{3}[\s.]\d{2}$/.test(upper);
}

/** Fewest digits searched as part of a plate's number: "123" of "123.45" is a group an officer remembers. */
export const PLATE_DIGITS_MIN = 3;
/** Longest number indexed: 6 digits is the longest real one (a motorbike's series digit and 5); 8 leaves room for typos. */
export const PLATE_DIGITS_MAX = 8;

export interface PlateDigits {
  digits: string;
  /** The plate's whole number ("12345" of 82A-123.45 or 82-B1 123.45), not just a part of it. */
  whole: boolean;
}

/**
 * How a report's plates are found when only (part of) a number is typed: every run of 3 or more consecutive
 * digits of the digits after each plate's series (82A-123.45 → 123, 234, 345, 1234, 2345, 12345; 82-B1 123.45
 * also with its series digit: 112, 1123, 11234, 112345). Stored as exact keys so a look-up is an index probe,
 * the same on SQLite and PostgreSQL, instead of LIKE '%…%' over every plate.
 */
export function plateDigitParts(plates: Pick<Plate, 'key' | 'canonical'>[]): PlateDigits[] {
  const parts = new Map<string, boolean>();
  for (const plate of plates) {
    const run = (/\d+$/.exec(plate.key)?.[0] ?? '').slice(-PLATE_DIGITS_MAX);
    // The number is the canonical form's last group ("123.45" of "82-B1 123.45"), without the series digit.
    const number = (plate.canonical.split(/[\s-]/).pop() ?? '').replace(/\D/g, '');
    for (let length = PLATE_DIGITS_MIN; length <= run.length; length++) {
      for (let start = 0; start + length <= run.length; start++) {
        const digits = run.slice(start, start + length);
        const whole = digits === run || (digits === number && start + length === run.length);
        parts.set(digits, parts.get(digits) === true || whole);
      }
    }
  }
  return [...parts].map(([digits, whole]) => ({ digits, whole }));
}
