import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

// Amounts of money as decisions and notices write them: in figures, then in words in brackets
// ("2.000.000 đồng (Hai triệu đồng)"). The words come from read-vietnamese-number (MIT, pure, no I/O).
// One reading throughout the station: "nghìn" (not "ngàn"), "mươi" for tens from twenty, "mười" for ten,
// "lẻ" for a zero tens digit ("một trăm lẻ năm"), and "tỷ" (the spelling of the legal texts) for 10^9.

const config = new ReadingConfig();
config.unit = ['đồng'];
config.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
config.oddText = 'lẻ';

/** 2000000 → "2.000.000": the digits grouped by three with dots, whatever the process locale. */
export function formatVndFigures(vnd: number): string {
  return String(Math.trunc(vnd)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1250000 → "Một triệu hai trăm năm mươi nghìn đồng". */
export function amountInWords(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd < 0) throw new RangeError(`Not an amount of đồng: ${vnd}`);
  const words = doReadNumber(String(vnd), config);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 2000000 → "2.000.000 đồng (Hai triệu đồng)". */
export function formatVndWithWords(vnd: number): string {
  return `${formatVndFigures(vnd)} đồng (${amountInWords(vnd)})`;
}
