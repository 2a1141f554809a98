import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { placeAndDate } from '../../contract/domain/time';
import type { Signer } from '../../contract/schemas';
import { mm } from './pdf';

// The layout of NĐ 30/2020/NĐ-CP (Phụ lục I) for the documents the desk issues: quốc hiệu and tiêu ngữ
// with its rule, the issuing body with its short rule, "Số: …", "V/v …" (bold, centred under the number, as
// the issue asked), the boxed "KHẨN" (ô 10a: capitals, bold, single-line frame), the italic place and date,
// "Kính gửi:", the body, the signature block (TM./KT./Q./TL./TUQ., the title, the space to sign, the rank and
// name), "Nơi nhận:" ending with "- Lưu: VT, …". A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; page
// numbers from page 2, at the top centre.

export interface Issuer {
  /** The body above the issuer ("CÔNG AN TỈNH KON TUM"); null for a top-level body. */
  parentName: string | null;
  name: string;
  /** Where it is issued, for "Kon Tum, ngày …". */
  place: string;
}


export interface AdminDocument {
  issuer: Issuer;
  /** "125/CATP-TTPA": printed as "Số: 125/CATP-TTPA". */
  number: string;
  issuedAt: Date;
  /** Công văn: "V/v …" under the number. */
  subject?: string;
  /** Named documents: the title in capitals (PHIẾU TIẾP NHẬN…). */
  title?: string;
  titleNote?: string;
  recipients?: string[];
  body: Content[];
  /** A book (the register) has no signature block nor copies list. */
  signer?: Signer;
  copiesTo?: string[];
  landscapeA3?: boolean;
  /** Mức độ khẩn: "KHẨN" in a frame under the number (a report still going on). */
  urgent?: boolean;
  /** The unit prints its signers' ranks before their names. */
  printsRanks?: boolean;
}

/** The name under the signature: "Thượng tá Nguyễn Văn A" when the unit prints ranks and the rank is known. */
export function signerName(signer: Signer, printsRanks: boolean | undefined): string {
  return printsRanks && signer.rank ? `${signer.rank} ${signer.name}` : signer.name;
}

// Advance widths of Liberation Serif Bold (units of 1/2048 em), read from the font we embed. A letter with
// diacritics is as wide as its base letter except Ư (1630). Used only to choose where a long issuer name breaks.
const BOLD_WIDTHS: Record<string, number> = {
  A: 1479, B: 1366, C: 1479, D: 1479, E: 1366, F: 1251, G: 1593, H: 1593, I: 797, J: 1024, K: 1593, L: 1366, M: 1933,
  N: 1479, O: 1593, P: 1251, Q: 1593, R: 1479, S: 1139, T: 1366, U: 1479, V: 1479, W: 2048, X: 1479, Y: 1479, Z: 1366,
  Đ: 1479, Ư: 1630, ' ': 512, ',': 512, '.': 512, '-': 682, '(': 682, ')': 682, '/': 569, '&': 1706,
};

/** The printed width of an upper-case line in bold Liberation Serif, in points. */
export function boldWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    const base = ch === 'Ư' || ch === 'Đ' ? ch : ch.normalize('NFD')[0]!;
    units += BOLD_WIDTHS[ch] ?? BOLD_WIDTHS[base] ?? (/\d/.test(ch) ? 1024 : 1479);
  }
  return (units / 2048) * fontSize;
}

// Where a unit's name may break: after its head ("PHÒNG", "CÔNG AN"…), between the two-syllable words that
// follow ("CẢNH SÁT | GIAO THÔNG"), before a linking word ("| VỀ TRẬT TỰ XÃ HỘI"), never inside a place name
// ("PHƯỜNG KON TUM" stays whole). A name that fits its column is one line.
const HEADS = ['ỦY BAN NHÂN DÂN', 'CÔNG AN', 'PHÒNG', 'ĐỘI', 'TRẠM', 'CỤC', 'BAN', 'SỞ', 'TRẠI', 'VĂN PHÒNG', 'TRUNG TÂM'];
const LINKS = new Set(['VỀ', 'VÀ', 'CỦA', 'THUỘC', 'TẠI', 'TRÊN']);
const PLACE_TYPES = /^(TỈNH|THÀNH PHỐ|PHƯỜNG|XÃ|ĐẶC KHU|THỊ XÃ|THỊ TRẤN|QUẬN|HUYỆN)( |$)/u;

function phraseGroups(name: string): string[] {
  const groups: string[] = [];
  let rest = name.trim().replace(/\s+/g, ' ');
  const head = HEADS.find((h) => rest === h || rest.startsWith(`${h} `));
  if (head) { groups.push(head); rest = rest.slice(head.length).trim(); }
  let words = rest === '' ? [] : rest.split(' ');
  // A place name runs to the next linking word or the end.
  const placeLength = (ws: string[]) => {
    const end = ws.findIndex((w, i) => i > 0 && LINKS.has(w));
    return end === -1 ? ws.length : end;
  };
  while (words.length > 0) {
    // A linking word stays with what it introduces.
    const link = LINKS.has(words[0]!) ? `${words.shift()!} ` : '';
    const take = PLACE_TYPES.test(words.join(' ')) ? placeLength(words) : Math.min(2, words.length);
    groups.push(`${link}${words.slice(0, take).join(' ')}`.trim());
    words = words.slice(take);
  }
  return groups;
}

/** The lines of an upper-case name in a column: as few as fit, then as even as can be, broken between phrases. */
export function issuerLines(name: string, columnWidth: number, fontSize: number): string[] {
  const upper = name.toUpperCase().trim();
  if (boldWidth(upper, fontSize) <= columnWidth) return [upper];
  const groups = phraseGroups(upper);
  let best: { lines: string[]; widest: number } | null = null;
  // Every way of cutting the groups into consecutive lines (names have few groups).
  for (let mask = 0; mask < 1 << (groups.length - 1); mask++) {
    const lines: string[] = [];
    let line = groups[0]!;
    for (let i = 1; i < groups.length; i++) {
      if (mask & (1 << (i - 1))) { lines.push(line); line = groups[i]!; } else line = `${line} ${groups[i]!}`;
    }
    lines.push(line);
    const widest = Math.max(...lines.map((l) => boldWidth(l, fontSize)));
    const fits = widest <= columnWidth;
    const better = !best
      || (fits && best.widest > columnWidth)
      || (fits === (best.widest <= columnWidth) && (lines.length < best.lines.length || (lines.length === best.lines.length && widest < best.widest)));
    if (better) best = { lines, widest };
  }
  return best!.lines;
}

export const PAGE_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 };

function rule(width: number, columnWidth: number): Content {
  return { canvas: [{ type: 'line', x1: (columnWidth - width) / 2, y1: 1, x2: (columnWidth + width) / 2, y2: 1, lineWidth: 0.6 }], margin: [0, 1, 0, 4] };
}

export function adminDocument(d: AdminDocument): TDocumentDefinitions {
  const pageWidth = d.landscapeA3 ? mm(420) : mm(210);
  const contentWidth = pageWidth - mm(PAGE_MARGINS_MM.left + PAGE_MARGINS_MM.right);
  // The issuer's column is wide enough for "PHÒNG CẢNH SÁT GIAO THÔNG" on one line at 12.5 pt; the quốc hiệu
  // (12 pt, within the decree's 12–13) fits the rest.
  const left = contentWidth * 0.44;
  const right = contentWidth - left;
  // A little less than the column: pdfmake wraps at its own measure, with kerning.
  const nameWidth = left - 6;
  const urgentBox: Content = {
    columns: [{ width: '*', text: '' }, {
      width: 'auto',
      table: { body: [[{ text: 'KHẨN', bold: true, fontSize: 13, margin: [8, 1, 8, 0] }]] },
      layout: { hLineWidth: () => 0.8, vLineWidth: () => 0.8 },
    }, { width: '*', text: '' }],
    margin: [0, 6, 0, 0],
  };
  const header: Content = {
    columns: [
      {
        width: left,
        stack: [
          ...(d.issuer.parentName ? issuerLines(d.issuer.parentName, nameWidth, 12.5).map((line) => ({ text: line, alignment: 'center' as const, fontSize: 12.5 })) : []),
          ...issuerLines(d.issuer.name, nameWidth, 12.5).map((line) => ({ text: line, alignment: 'center' as const, bold: true, fontSize: 12.5 })),
          rule(left * 0.35, left),
          { text: `Số: ${d.number}`, alignment: 'center', fontSize: 13 },
          ...(d.subject ? [{ text: `V/v ${d.subject}`, alignment: 'center' as const, bold: true, fontSize: 12, margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
          ...(d.urgent ? [urgentBox] : []),
        ],
      },
      {
        width: right,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', alignment: 'center', bold: true, fontSize: 12 },
          { text: 'Độc lập - Tự do - Hạnh phúc', alignment: 'center', bold: true, fontSize: 13 },
          rule(right * 0.62, right),
          { text: placeAndDate(d.issuer.place, d.issuedAt), alignment: 'center', italics: true, fontSize: 13 },
        ],
      },
    ],
  };
  const signature: Content | null = d.signer && d.copiesTo ? {
    columns: [
      {
        width: left,
        stack: [
          { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
          ...d.copiesTo.map((line, i, all) => ({ text: `- ${line}${i === all.length - 1 ? '.' : ';'}`, fontSize: 11 })),
        ],
      },
      {
        width: right,
        stack: [
          ...(d.signer.authority ? [{ text: `${d.signer.authority.mark} ${d.signer.authority.of}`.toUpperCase(), alignment: 'center' as const, bold: true }] : []),
          { text: d.signer.title.toUpperCase(), alignment: 'center', bold: true },
          { text: ' ', margin: [0, 48, 0, 0] },
          { text: signerName(d.signer, d.printsRanks), alignment: 'center', bold: true },
        ],
      },
    ],
    margin: [0, 12, 0, 0],
    unbreakable: true,
  } : null;
  return {
    pageSize: d.landscapeA3 ? 'A3' : 'A4',
    pageOrientation: d.landscapeA3 ? 'landscape' : 'portrait',
    pageMargins: [mm(PAGE_MARGINS_MM.left), mm(PAGE_MARGINS_MM.top), mm(PAGE_MARGINS_MM.right), mm(PAGE_MARGINS_MM.bottom)],
    defaultStyle: { font: 'Serif', fontSize: 13.5, lineHeight: 1.15 },
    // Page numbers from page 2, centred in the top margin.
    header: (page) => (page > 1 ? { text: String(page), alignment: 'center', fontSize: 13, margin: [0, mm(10), 0, 0] } : null),
    info: { title: d.title ?? (d.subject ? `V/v ${d.subject}` : d.number), creator: 'Trạm tiếp nhận' },
    content: [
      header,
      ...(d.title ? [
        { text: d.title.toUpperCase(), alignment: 'center' as const, bold: true, fontSize: 14, margin: [0, 14, 0, 0] as [number, number, number, number] },
        ...(d.titleNote ? [{ text: d.titleNote, alignment: 'center' as const, fontSize: 13 }] : []),
      ] : []),
      ...(d.recipients && d.recipients.length > 0 ? [{
        columns: [
          { width: 'auto' as const, text: 'Kính gửi:', margin: [mm(20), 0, 4, 0] as [number, number, number, number] },
          { width: '*' as const, stack: d.recipients.map((r) => ({ text: d.recipients!.length > 1 ? `- ${r};` : `${r}.` })) },
        ],
        margin: [0, 14, 0, 8] as [number, number, number, number],
      }] : [{ text: '', margin: [0, 10, 0, 0] as [number, number, number, number] }]),
      ...d.body,
      ...(signature ? [signature] : []),
    ],
  };
}

/**
 * A body paragraph: justified, first line indented 1.27 cm. A slash between letters ("Ông/Bà", "CCCD/Căn cước")
 * is a break opportunity to the line breaker, and justification then widens it into a gap ("Ông/ Bà"): a
 * zero-width joiner (in the font, no width) after it keeps the pair one word.
 */
export function paragraph(text: string): Content {
  return { text: text.replace(/(?<=\p{L})\/(?=\p{L})/gu, '/\u200D'), alignment: 'justify', leadingIndent: mm(12.7), margin: [0, 0, 0, 6] };
}
