// Text rules shared by the form, the services and the search index.

/** NFC: macOS file names and some keyboards give NFD; stored text is always NFC. */
export function nfc(value: string): string {
  return value.normalize('NFC');
}

/**
 * Fold Vietnamese for search: strip diacritics AND map đ/Đ to d (SQLite's unicode61 and most
 * collations treat đ as its own letter, so "dong da" would not find "Đống Đa").
 */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Folded words of a text, for the search index and for queries (same rule on both sides). */
export function searchTerms(value: string): string[] {
  const words = fold(value).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  return [...new Set(words)];
}

/** A phone number reduced to its digits in national form: "+84 260 386 2459" → "02603862459". */
export function phoneKey(value: string): string {
  const digits = value.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('84') && digits.length >= 11) return `0${digits.slice(2)}`;
  return digits;
}

/** Every string inside a value, NFC: text typed in forms goes into documents and the history as NFC. */
export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)])) as T;
  return value;
}
