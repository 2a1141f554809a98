import { outcomeOfMove } from '../../contract/domain/workflow';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addAuditEvent } from '../../../db/queries/audit';
import { getUnit } from '../../../db/queries/catalog';
import { documentsOfReport, getDocument, recordDocument, recordSkippedNumber, takeDocumentNumber } from '../../../db/queries/documents';
import { getReporter } from '../../../db/queries/reports';
import { lastOutcomeMove } from '../../../db/queries/workflow';
import { nfcDeep } from '../../contract/domain/text';
import { stationYear } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { DocumentRequest, IssuedDocument } from '../../contract/schemas';
import { StationError } from '../errors';
import { mediaFile } from '../evidence/media';
import type { Station } from '../station';
import { type AdminDocument, adminDocument } from './admin-layout';
import { documentContext } from './context';
import { renderPdf } from './pdf';
import { registerData, registerDocument } from './register';
import {
  type DocumentContext, feedbackNotice, forwardingLetter, handoverRecord, intakeForm, verificationReport,
} from './report-documents';

// Issuing: the next number of the unit's register for that kind and year, the PDF made with it, kept
// read-only under its SHA-256, and recorded; a reprint serves the kept file, byte for byte.

// NĐ 30/2020: number/type-issuer ("7/PTN-CATP"); a letter (công văn) has no type ("125/CATP").
const TYPE_CODE: Record<DocumentRequest['kind'], string> = {
  forwarding_letter: '', intake_form: 'PTN', handover: 'BB', verification: 'BC', feedback_notice: 'TB',
};

function numberOf(kind: DocumentRequest['kind'], seq: number | null, symbol: string): string {
  const n = seq === null ? '…' : String(seq);
  return TYPE_CODE[kind] ? `${n}/${TYPE_CODE[kind]}-${symbol}` : `${n}/${symbol}`;
}

/** Stills taken from videos, and JPEG/PNG photos, as images the report can carry (at most 6). */
async function pictures(station: Station, ctx: DocumentContext) {
  const items = [...ctx.evidence.filter((e) => e.derivedFrom !== null), ...ctx.evidence.filter((e) => e.derivedFrom === null && e.kind === 'photo')]
    .filter((e) => e.format === 'png' || e.format === 'jpeg').slice(0, 6);
  return Promise.all(items.map(async (e) => {
    const file = await mediaFile(station, e.id, 'original');
    return { name: e.originalName, dataUrl: `data:${file.contentType};base64,${(await readFile(file.path)).toString('base64')}` };
  }));
}

/** Gathers what the document needs, then makes it for a given number. */
async function prepare(station: Station, reportId: number, typed: DocumentRequest) {
  const req = nfcDeep(typed);
  const ctx = await documentContext(station, reportId);
  const symbol = ctx.unit.documentSymbol;
  let make: (number: string) => AdminDocument;
  let withReporter = false;
  switch (req.kind) {
    case 'forwarding_letter': make = (n) => forwardingLetter(ctx, req.params, n); break;
    case 'intake_form': make = (n) => intakeForm(ctx, req.params, n); break;
    case 'handover': {
      const reporter = ctx.report.reporter.anonymous ? null : await getReporter(station.db, station.unitId, reportId);
      withReporter = reporter !== null;
      make = (n) => handoverRecord(ctx, req.params, n, reporter);
      break;
    }
    case 'verification': {
      const stills = await pictures(station, ctx);
      make = (n) => verificationReport(ctx, req.params, n, stills);
      break;
    }
    case 'feedback_notice': {
      const reporter = await getReporter(station.db, station.unitId, reportId);
      if (!reporter || !ctx.report.reporter.wantsFeedback) throw new StationError('rejected', vi.documents.noFeedbackAddressee);
      const outcome = await lastOutcomeMove(station.db, reportId);
      if (!outcome) throw new StationError('rejected', vi.documents.noOutcomeYet);
      withReporter = true;
      make = (n) => feedbackNotice(ctx, req.params, n, reporter, outcomeOfMove[outcome as keyof typeof outcomeOfMove]);
      break;
    }
  }
  return { ctx, symbol, withReporter, render: (number: string) => renderPdf(adminDocument(make(number))) };
}

/** The document as it would be issued, with its number left blank ("Số: …/…"). */
export async function previewDocument(station: Station, reportId: number, req: DocumentRequest): Promise<Buffer> {
  const doc = await prepare(station, reportId, req);
  const pdf = await doc.render(numberOf(req.kind, null, doc.symbol));
  // A preview showing who reported is a look at the identity like any other: it goes in the report's history.
  if (doc.withReporter) {
    await addAuditEvent(station.db, {
      at: station.now().toISOString(), officerId: station.officerId, reportId, action: 'report.reporter-in-preview', detail: { kind: req.kind },
    });
  }
  return pdf;
}

function documentsDir(station: Station): string {
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
  const doc = await prepare(station, reportId, req);
  return issue(station, { reportId, kind: req.kind, params: req.params, issuedAt: doc.ctx.issuedAt },
    (seq) => numberOf(req.kind, seq, doc.symbol), doc.render);
}

/**
 * Takes the number (one short transaction), makes and keeps the PDF with no transaction open, then
 * records it (another short one): a long render never holds the database from the other desks.
 */
async function issue(station: Station, d: { reportId: number | null; kind: string; params: unknown; issuedAt: Date },
  numberFor: (seq: number) => string, render: (number: string) => Promise<Buffer>): Promise<IssuedDocument> {
  const year = stationYear(d.issuedAt);
  const seq = await takeDocumentNumber(station.db, { unitId: station.unitId, year, kind: d.kind });
  const number = numberFor(seq);
  let file: { sha256: string; fileName: string };
  try {
    file = await keepPdf(documentsDir(station), await render(number));
  } catch (err) {
    await recordSkippedNumber(station.db, {
      unitId: station.unitId, reportId: d.reportId, kind: d.kind, number, at: d.issuedAt.toISOString(), officerId: station.officerId,
    });
    throw err;
  }
  const id = await recordDocument(station.db, {
    unitId: station.unitId, reportId: d.reportId, kind: d.kind, year, seq, number, issuedAt: d.issuedAt.toISOString(),
    issuedBy: station.officerId, params: JSON.stringify(d.params), ...file,
  });
  return { id, kind: d.kind as IssuedDocument['kind'], number, issuedAt: d.issuedAt.toISOString(), sha256: file.sha256 };
}

export async function issuedDocuments(station: Station, reportId: number): Promise<IssuedDocument[]> {
  return (await documentsOfReport(station.db, station.unitId, reportId))
    .map((d) => ({ id: d.id, kind: d.kind, number: d.number, issuedAt: d.issued_at, sha256: d.sha256 }));
}

/** The issued PDF, for a reprint identical to the first print. */
export async function issuedDocumentFile(station: Station, id: number): Promise<{ path: string; downloadName: string }> {
  const doc = await getDocument(station.db, station.unitId, id);
  if (!doc) throw new StationError('not-found', vi.error.notFound);
  // Opening again a document that names the reporter is a look at the identity, like its preview.
  if (doc.kind === 'handover' || doc.kind === 'feedback_notice' || doc.kind === 'register') {
    await addAuditEvent(station.db, {
      at: station.now().toISOString(), officerId: station.officerId, reportId: doc.report_id, action: 'report.reporter-in-document', detail: { number: doc.number },
    });
  }
  const prefix = ({ forwarding_letter: 'CV', register: 'SO' } as Record<string, string>)[doc.kind] ?? (TYPE_CODE[doc.kind as DocumentRequest['kind']] || 'VB');
  return { path: join(documentsDir(station), doc.file_name), downloadName: `${prefix}-${doc.number.replace(/[^\w.-]+/g, '-')}.pdf` };
}

/** The register of the reports received from `from` to `to` (station days, inclusive). */
export async function issueRegister(station: Station, from: string, to: string): Promise<IssuedDocument> {
  if (from > to) throw new StationError('rejected', vi.documents.badPeriod);
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  const rows = await registerData(station, from, to);
  const issuedAt = station.now();
  return issue(station, { reportId: null, kind: 'register', params: { from, to, rows: rows.length }, issuedAt },
    (seq) => `${seq}/SO-${unit.documentSymbol}`, (number) => renderPdf(registerDocument(unit, rows, { from, to }, number, issuedAt)));
}
