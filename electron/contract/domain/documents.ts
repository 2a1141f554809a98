import type { DocumentKind, Unit } from '../schemas';

// Numbers and symbols of the documents the station issues (NĐ 30/2020 Phụ lục I): a named document is
// number/type-issuer ("07/BC-CATP"); a letter (công văn) has no type and carries the drafting unit after the
// issuer ("125/CATP-TTPA"). Numbers below 10 have a leading zero.

const TYPE_CODE: Record<DocumentKind, string> = {
  forwarding_letter: '', intake_form: 'PTN', handover: 'BB', verification: 'BC', feedback_notice: 'TB', register: 'SO', campaign_report: 'BC',
};

/**
 * The numbering series a kind takes its numbers from: kinds printed with the same type share one ("07/BC-PC08" is
 * a verification report or a periodic report, never both).
 */
export function seriesOf(kind: DocumentKind): DocumentKind {
  return kind === 'campaign_report' ? 'verification' : kind;
}

/** The number as printed; null: not yet taken ("…/PTN-PC08" on a preview). */
export function numberOf(kind: DocumentKind, seq: number | null, unit: Pick<Unit, 'documentSymbol' | 'draftingSymbol'>): string {
  const n = seq === null ? '…' : String(seq).padStart(2, '0');
  if (TYPE_CODE[kind]) return `${n}/${TYPE_CODE[kind]}-${unit.documentSymbol}`;
  return `${n}/${[unit.documentSymbol, unit.draftingSymbol].filter(Boolean).join('-')}`;
}

/** The file name a download suggests: "PTN-01-PTN-PC08.pdf", a letter "CV-…". */
export function downloadPrefix(kind: string): string {
  return kind === 'forwarding_letter' ? 'CV' : TYPE_CODE[kind as DocumentKind] || 'VB';
}
