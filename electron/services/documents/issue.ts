import { createHash } from 'node:crypto';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getUnit } from '../../../db/queries/catalog';
import { stationYear } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import { listEvidence } from '../evidence/list';
import { reportDetail } from '../intake/reports';
import type { Station } from '../station';
import { adminDocument } from './admin-layout';
import { renderPdf } from './pdf';
import { registerData, registerDocument } from './register';
import type { DocumentRequest, IssuedDocument } from '../../contract/schemas';
import { getDocument, documentsOfReport, recordDocument } from '../../../db/queries/documents';
import { type DocumentContext, forwardingLetter, intakeForm } from './report-documents';

// Issuing: the next number of the unit's register for that kind and year, the PDF made with it, kept
// read-only under its SHA-256, and recorded; a reprint serves the kept file, byte for byte.


/** "125/CATP" for a letter, "7/PTN-CATP" for a named document (NĐ 30/2020: number/type-issuer). */
function numberOf(kind: DocumentRequest['kind'], seq: number | null, symbol: string): string {
  const n = seq === null ? '…' : String(seq);
  return kind === 'forwarding_letter' ? `${n}/${symbol}` : `${n}/PTN-${symbol}`;
}

async function context(station: Station, reportId: number): Promise<DocumentContext> {
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  return { unit, report: await reportDetail(station, reportId), evidence: await listEvidence(station, reportId), issuedAt: station.now() };
}

function build(req: DocumentRequest, ctx: DocumentContext, number: string) {
  return adminDocument(req.kind === 'forwarding_letter' ? forwardingLetter(ctx, req.params, number) : intakeForm(ctx, req.params, number));
}

/** The document as it would be issued, with its number left blank ("Số: …/…"). */
export async function previewDocument(station: Station, reportId: number, req: DocumentRequest): Promise<Buffer> {
  const ctx = await context(station, reportId);
  return renderPdf(build(req, ctx, numberOf(req.kind, null, ctx.unit.documentSymbol)));
}

export function documentsDir(station: Station): string {
  return join(station.store.root, 'documents');
}

/** Keeps an issued PDF read-only under its SHA-256 (written to a temporary name, flushed, renamed). */
async function keepPdf(dir: string, pdf: Buffer): Promise<{ sha256: string; fileName: string }> {
  await mkdir(dir, { recursive: true });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const fileName = `${sha256}.pdf`;
  const tmp = join(dir, `${fileName}.tmp`);
  await writeFile(tmp, pdf, { flush: true });
  await rename(tmp, join(dir, fileName));
  await chmod(join(dir, fileName), 0o444);
  return { sha256, fileName };
}

export async function issueDocument(station: Station, reportId: number, req: DocumentRequest): Promise<IssuedDocument> {
  const ctx = await context(station, reportId);
  const dir = documentsDir(station);
  const issued = await recordDocument(station.db, {
    unitId: station.unitId, reportId, kind: req.kind, year: stationYear(ctx.issuedAt), issuedAt: ctx.issuedAt.toISOString(),
    issuedBy: station.officerId, params: JSON.stringify(req.params),
    numberFor: (seq) => numberOf(req.kind, seq, ctx.unit.documentSymbol),
    fileFor: async (_seq, number) => keepPdf(dir, await renderPdf(build(req, ctx, number))),
  });
  return { id: issued.id, kind: req.kind, number: issued.number, issuedAt: ctx.issuedAt.toISOString(), sha256: issued.sha256 };
}

export async function issuedDocuments(station: Station, reportId: number): Promise<IssuedDocument[]> {
  return (await documentsOfReport(station.db, station.unitId, reportId))
    .map((d) => ({ id: d.id, kind: d.kind, number: d.number, issuedAt: d.issued_at, sha256: d.sha256 }));
}

/** The issued PDF, for a reprint identical to the first print. */
export async function issuedDocumentFile(station: Station, id: number): Promise<{ path: string; downloadName: string }> {
  const doc = await getDocument(station.db, station.unitId, id);
  if (!doc) throw new StationError('not-found', vi.error.notFound);
  const prefix = { forwarding_letter: 'CV', intake_form: 'PTN', register: 'SO' }[doc.kind] ?? 'VB';
  return { path: join(documentsDir(station), doc.file_name), downloadName: `${prefix}-${doc.number.replace(/[^\w.-]+/g, '-')}.pdf` };
}

/** The register of the reports received from `from` to `to` (station days, inclusive). */
export async function issueRegister(station: Station, from: string, to: string): Promise<IssuedDocument> {
  if (from > to) throw new StationError('rejected', vi.documents.badPeriod);
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  const rows = await registerData(station, from, to);
  const issuedAt = station.now();
  const issued = await recordDocument(station.db, {
    unitId: station.unitId, reportId: null, kind: 'register', year: stationYear(issuedAt), issuedAt: issuedAt.toISOString(),
    issuedBy: station.officerId, params: JSON.stringify({ from, to, rows: rows.length }),
    numberFor: (seq) => `${seq}/SO-${unit.documentSymbol}`,
    fileFor: async (_seq, number) => keepPdf(documentsDir(station), await renderPdf(registerDocument(unit, rows, { from, to }, number, issuedAt))),
  });
  return { id: issued.id, kind: 'register', number: issued.number, issuedAt: issuedAt.toISOString(), sha256: issued.sha256 };
}
