import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { placeAndDate } from '../../contract/domain/time';
import { mm } from './pdf';

// The layout of NĐ 30/2020/NĐ-CP (Phụ lục I) for the documents the desk issues: quốc hiệu and tiêu ngữ
// with its rule, the issuing body with its short rule, "Số: …", the italic place and date, "V/v …",
// "Kính gửi:", the body, the signature block (TM./KT./Q.), "Nơi nhận:" ending with "- Lưu: VT, …".
// A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; page numbers from page 2, at the top centre.

export interface Issuer {
  /** The body above the issuer ("CÔNG AN TỈNH KON TUM"); null for a top-level body. */
  parentName: string | null;
  name: string;
  /** Where it is issued, for "Kon Tum, ngày …". */
  place: string;
}

export interface Signer {
  /** "TM.", "KT.", "Q." with whom they sign for ("TRƯỞNG PHÒNG"), when not signing in their own right. */
  authority: { mark: 'TM.' | 'KT.' | 'Q.'; of: string } | null;
  title: string;
  name: string;
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
}

export const PAGE_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 };

function rule(width: number, columnWidth: number): Content {
  return { canvas: [{ type: 'line', x1: (columnWidth - width) / 2, y1: 1, x2: (columnWidth + width) / 2, y2: 1, lineWidth: 0.6 }], margin: [0, 1, 0, 4] };
}

export function adminDocument(d: AdminDocument): TDocumentDefinitions {
  const pageWidth = d.landscapeA3 ? mm(420) : mm(210);
  const contentWidth = pageWidth - mm(PAGE_MARGINS_MM.left + PAGE_MARGINS_MM.right);
  const left = contentWidth * 0.42;
  const right = contentWidth - left;
  const header: Content = {
    columns: [
      {
        width: left,
        stack: [
          ...(d.issuer.parentName ? [{ text: d.issuer.parentName.toUpperCase(), alignment: 'center' as const, fontSize: 12.5 }] : []),
          { text: d.issuer.name.toUpperCase(), alignment: 'center', bold: true, fontSize: 12.5 },
          rule(left * 0.35, left),
          { text: `Số: ${d.number}`, alignment: 'center', fontSize: 13 },
          ...(d.subject ? [{ text: `V/v ${d.subject}`, alignment: 'center' as const, fontSize: 12, margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
        ],
      },
      {
        width: right,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', alignment: 'center', bold: true, fontSize: 12.5 },
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
          { text: d.signer.name, alignment: 'center', bold: true },
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

/** A body paragraph: justified, first line indented 1.27 cm. */
export function paragraph(text: string): Content {
  return { text, alignment: 'justify', leadingIndent: mm(12.7), margin: [0, 0, 0, 6] };
}
