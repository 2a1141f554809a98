import { vi } from '../../contract/messages.vi';
import { formatDay, formatStationTime, utcIsoToLocal } from '../../contract/domain/time';

// The files lists and tables are exported as: CSV in UTF-8 with a byte order mark and CRLF (Excel opens the accents
// right only so), and XLSX with typed columns and widths (exceljs). A cell starting with = + - @ is written as
// text in both: an exported description must never run as a formula on the clerk's machine.

export type ColumnType = 'text' | 'number' | 'vnd' | 'date' | 'datetime';
export interface Column { header: string; type: ColumnType; width: number }
/** A cell: text, a number, a station day ("2026-11-23") or a UTC instant, as its column's type says; null is empty. */
export type Cell = string | number | null;

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180), a formula guarded. */
function field(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Lines of text as CSV. */
export function csvBuffer(lines: string[][]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`, 'utf8')]);
}

function text(type: ColumnType, v: Cell): string {
  if (v === null || v === '') return '';
  if (type === 'date') return formatDay(String(v));
  if (type === 'datetime') return formatStationTime(String(v));
  return String(v);
}

/** A header row and typed rows as CSV: dates as the desk writes them, numbers in plain digits (Excel reads them as numbers). */
export function csvFile(columns: Column[], rows: Cell[][]): Buffer {
  return csvBuffer([columns.map((c) => c.header), ...rows.map((r) => r.map((v, i) => text(columns[i]!.type, v)))]);
}

/** A station day or instant as the date Excel shows: its station wall time (Excel dates have no time zone). */
function excelDate(type: 'date' | 'datetime', v: string): Date {
  return new Date(`${type === 'date' ? v.slice(0, 10) : utcIsoToLocal(v)}${type === 'date' ? 'T00:00' : ''}:00Z`);
}

const FORMATS: Record<ColumnType, string | undefined> = { text: '@', number: '0', vnd: '#,##0', date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm' };

/** The same as an Excel workbook of one sheet: a bold, frozen header row, each column typed and as wide as said. */
export async function xlsxFile(sheetName: string, columns: Column[], rows: Cell[][]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded with the first spreadsheet (a third of a second of every start otherwise)
  const book = new ExcelJS.Workbook();
  book.creator = vi.app.title;
  const sheet = book.addWorksheet(sheetName.slice(0, 31).replace(/[*?:\\/[\]]/g, ' '), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: FORMATS[c.type] } }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(r.map((v, i) => {
      const type = columns[i]!.type;
      if (v === null || v === '') return null;
      if (type === 'date' || type === 'datetime') return excelDate(type, String(v));
      if (type === 'number' || type === 'vnd') return Number(v);
      return String(v);
    }));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
