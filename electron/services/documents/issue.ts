import { outcomeOfMove } from '../../contract/domain/workflow';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addAuditEvent } from '../../../db/queries/audit';
import { getUnit, listUnitOfficers } from '../../../db/queries/units';
import { allows } from '../../contract/domain/permissions';
import {
  documentsOfPeriod, documentsOfReport, getDocument, peekDocumentNumber, recordDocument, recordSkippedNumber, takeDocumentNumber,
} from '../../../db/queries/documents';
import { lastOutcomeMove } from '../../../db/queries/workflow';
import { downloadPrefix, numberOf, seriesOf } from '../../contract/domain/documents';
import { trackMomentText } from '../../contract/domain/evidence-display';
import { nfcDeep } from '../../contract/domain/text';
import { formatStationTime, stationYear } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { DocumentKind, DocumentRequest, IssuedDocument } from '../../contract/schemas';
import { StationError } from '../errors';
import { mediaFile } from '../evidence/media';
import { reporterOnFile } from '../intake/reports';
import { documentsDir, heldKeys, keepSealed, openSealed } from '../keys/keyring';
import type { Station } from '../station';
import { type AdminDocument, adminDocument } from './admin-layout';
import { documentContext } from './context';
import { renderPdf } from './pdf';
import { registerData, registerDocument } from './register';
import {
  type DocumentContext, feedbackNotice, forwardingLetter, handoverRecord, intakeForm, neutralLabel, verificationReport,
} from './report-documents';

// Issuing: the next number of the unit's register for that kind and year, the PDF made with it, kept
// read-only under its SHA-256, and recorded; a reprint serves the kept file, byte for byte. A number is
// taken only on an explicit issue the desk confirmed (document:next shows it first), and a kind already
// issued for the report (or the register for the same period) is issued again only with a reason.

/**
 * Stills taken from videos, and JPEG/PNG photos, as images the report can carry (at most 6), each captioned
 * with its neutral label ("Tệp 3 — ảnh trích từ tệp 1"): a citizen's file name can carry their name or number.
 */
async function pictures(station: Station, ctx: DocumentContext) {
  const items = [...ctx.evidence.filter((e) => e.derivedFrom !== null), ...ctx.evidence.filter((e) => e.derivedFrom === null && e.kind === 'photo')]
    .filter((e) => e.format === 'png' || e.format === 'jpeg').slice(0, 6);
  return Promise.all(items.map(async (e) => {
    const file = await mediaFile(station, e.id, 'original');
    // A still tells where and how fast the vehicle was (its video's GPS track); a plate crop, the plate the officer confirmed.
    const name = [neutralLabel(e, ctx.evidence.indexOf(e), ctx.evidence), e.moment && vi.track.byCamera(trackMomentText(e.moment)), e.plate && vi.plateRead.onCrop(e.plate)]
      .filter(Boolean).join(' — ');
    return { name, dataUrl: `data:${file.contentType};base64,${(await readFile(file.path)).toString('base64')}` };
  }));
}

/** Gathers what the document needs, then makes it for a given number. */
async function prepare(station: Station, reportId: number, typed: DocumentRequest) {
  const req = nfcDeep(typed);
  const ctx = await documentContext(station, reportId);
  let make: (number: string) => AdminDocument;
  let withReporter = false;
  switch (req.kind) {
    case 'forwarding_letter': make = (n) => forwardingLetter(ctx, req.params, n); break;
    case 'intake_form': make = (n) => intakeForm(ctx, req.params, n); break;
    case 'handover': {
      // The record states when the files changed hands: not before the report was received, not in the future.
      const at = req.params.handedOverAt;
      if (new Date(at) < new Date(ctx.report.receivedAt)) {
        throw new StationError('rejected', vi.documents.handoverBeforeReceipt(formatStationTime(ctx.report.receivedAt)));
      }
      if (new Date(at).getTime() > station.now().getTime() + 15 * 60_000) throw new StationError('rejected', vi.documents.handoverInFuture);
      const reporter = ctx.report.reporter.anonymous ? null : await reporterOnFile(station, reportId);
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
      const reporter = await reporterOnFile(station, reportId);
      if (!reporter || !ctx.report.reporter.wantsFeedback) throw new StationError('rejected', vi.documents.noFeedbackAddressee);
      const outcome = await lastOutcomeMove(station.db, reportId);
      if (!outcome) throw new StationError('rejected', vi.documents.noOutcomeYet);
      withReporter = true;
      make = (n) => feedbackNotice(ctx, req.params, n, reporter, outcomeOfMove[outcome as keyof typeof outcomeOfMove]);
      break;
    }
  }
  return { ctx, withReporter, render: (number: string) => renderPdf(adminDocument(make(number))) };
}

/** The document as it would be issued, with its number left blank ("Số: …/…"). */
export async function previewDocument(station: Station, reportId: number, req: DocumentRequest): Promise<Buffer> {
  const doc = await prepare(station, reportId, req);
  const pdf = await doc.render(numberOf(req.kind, null, doc.ctx.unit));
  // A preview showing who reported is a look at the identity like any other: it goes in the report's history.
  if (doc.withReporter) {
    await addAuditEvent(station.db, {
      at: station.now().toISOString(), officerId: station.officerId, reportId, action: 'report.reporter-in-preview', detail: { kind: req.kind },
    });
  }
  return pdf;
}

/**
 * Keeps an issued PDF read-only under its SHA-256, sealed: the hand-over record, the feedback notice and the
 * register name reporters, and every document is kept one way.
 */
async function keepPdf(station: Station, pdf: Buffer): Promise<{ sha256: string; fileName: string }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const fileName = `${sha256}.sealed`;
  await keepSealed(documentsDir(station), fileName, heldKeys(station).sealBytes('document', pdf));
  return { sha256, fileName };
}

function listed(d: Awaited<ReturnType<typeof documentsOfReport>>[number]): IssuedDocument {
  // An empty reason: a second issue made before the station asked for reasons (migration 0009).
  const reissueReason = d.reissue_reason === '' ? vi.documents.reasonNotKept : d.reissue_reason;
  return { id: d.id, kind: d.kind, number: d.number, issuedAt: d.issued_at, sha256: d.sha256, reissueReason };
}

/** What a document is about: a report, or (the register, a periodic report) a period. */
type Target = { reportId: number } | { period: Period };
const periodKey = (target: Target) => ('period' in target ? `${target.period.from}/${target.period.to}` : null);

async function sameKindIssued(station: Station, kind: DocumentKind, target: Target) {
  if ('reportId' in target) {
    return (await documentsOfReport(station.db, station.unitId, target.reportId)).filter((d) => d.kind === kind).map(listed);
  }
  return (await documentsOfPeriod(station.db, station.unitId, kind, periodKey(target)!)).map(listed);
}

/** What the confirmation shows: the number an issue would take now, and what was issued before. */
export async function nextNumber(station: Station, kind: DocumentKind, target: Target) {
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  if ('reportId' in target) await documentContext(station, target.reportId); // the report exists in this unit
  const seq = await peekDocumentNumber(station.db, { unitId: station.unitId, year: stationYear(station.now()), kind: seriesOf(kind) });
  return { number: numberOf(kind, seq, unit), previous: await sameKindIssued(station, kind, target) };
}

/** A second issue of a kind needs its reason; a first issue has none. */
export async function reissueCheck(station: Station, kind: DocumentKind, target: Target, reason: string | null) {
  const previous = await sameKindIssued(station, kind, target);
  if (previous.length > 0 && reason === null) {
    throw new StationError('rejected', vi.documents.alreadyIssued(vi.documents.kind[kind] ?? kind, previous.map((d) => d.number).join(', ')));
  }
  return previous.length > 0 ? reason : null;
}

export async function issueDocument(station: Station, reportId: number, req: DocumentRequest, reissueReason: string | null): Promise<IssuedDocument> {
  const doc = await prepare(station, reportId, req);
  const reason = await reissueCheck(station, req.kind, { reportId }, reissueReason);
  return issue(station, { target: { reportId }, kind: req.kind, params: req.params, issuedAt: doc.ctx.issuedAt, reissueReason: reason },
    (seq) => numberOf(req.kind, seq, doc.ctx.unit), doc.render);
}

/**
 * Takes the number (one short transaction), makes and keeps the PDF with no transaction open, then
 * records it (another short one): a long render never holds the database from the other desks. A number
 * taken for a document that is not recorded (the render failed, the database refused the record) is written
 * in the audit trail. Two desks issuing the same first document at the same moment both pass the check
 * above; the unique index on first issues (migration 0009) lets one record it, and the other desk is told.
 */
export async function issue(station: Station, d: { target: Target; kind: DocumentKind; params: unknown; issuedAt: Date; reissueReason: string | null },
  numberFor: (seq: number) => string, render: (number: string) => Promise<Buffer>): Promise<IssuedDocument> {
  const year = stationYear(d.issuedAt);
  const reportId = 'reportId' in d.target ? d.target.reportId : null;
  const seq = await takeDocumentNumber(station.db, { unitId: station.unitId, year, kind: seriesOf(d.kind) });
  const number = numberFor(seq);
  try {
    const file = await keepPdf(station, await render(number));
    const id = await recordDocument(station.db, {
      unitId: station.unitId, reportId, kind: d.kind, year, seq, number, issuedAt: d.issuedAt.toISOString(),
      issuedBy: station.officerId, params: heldKeys(station).seal('document-params', JSON.stringify(d.params)), reissueReason: d.reissueReason, period: periodKey(d.target), ...file,
    });
    return { id, kind: d.kind, number, issuedAt: d.issuedAt.toISOString(), sha256: file.sha256, reissueReason: d.reissueReason };
  } catch (err) {
    await recordSkippedNumber(station.db, { unitId: station.unitId, reportId, kind: d.kind, number, at: d.issuedAt.toISOString(), officerId: station.officerId });
    const first = d.reissueReason === null ? (await sameKindIssued(station, d.kind, d.target)).find((x) => x.reissueReason === null) : undefined;
    if (first) throw new StationError('rejected', vi.documents.issuedMeanwhile(vi.documents.kind[d.kind] ?? d.kind, first.number, number));
    throw err;
  }
}

export async function issuedDocuments(station: Station, reportId: number): Promise<IssuedDocument[]> {
  return (await documentsOfReport(station.db, station.unitId, reportId)).map(listed);
}

/** The issued PDF opened, for a reprint identical to the first print (checked against its SHA-256). */
export async function issuedDocumentFile(station: Station, id: number): Promise<{ bytes: Buffer; downloadName: string }> {
  const doc = await getDocument(station.db, station.unitId, id);
  if (!doc) throw new StationError('not-found', vi.error.notFound);
  // Every opening (a reprint, a print, a download) is in the audit trail; one that names the reporter is a look at
  // the identity, like its preview.
  // A periodic report names reporters only when issued by an officer who may see identities: only such officers reopen it.
  const named = doc.kind === 'campaign_report' && (JSON.parse(openSealed(station, 'document-params', doc.params, `document ${doc.id}`)) as { named?: boolean }).named === true;
  if (named && !allows('reveal', (await listUnitOfficers(station.db, station.unitId)).find((o) => o.id === station.officerId)?.roles ?? [])) {
    throw new StationError('forbidden', vi.campaignReport.namedForbidden(doc.number));
  }
  const namesReporter = doc.kind === 'handover' || doc.kind === 'feedback_notice' || doc.kind === 'register' || named;
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: doc.report_id,
    action: namesReporter ? 'report.reporter-in-document' : 'document.opened', detail: { number: doc.number },
  });
  const keys = heldKeys(station);
  const sealed = await readFile(join(documentsDir(station), doc.file_name)).catch(() => null);
  let bytes: Buffer | null = null;
  try {
    bytes = sealed && keys.openBytes('document', sealed);
  } catch { /* changed or cut short: named below */ }
  if (!bytes || createHash('sha256').update(bytes).digest('hex') !== doc.sha256) throw new StationError('rejected', vi.documents.keptFileChanged(doc.number));
  return { bytes, downloadName: `${downloadPrefix(doc.kind)}-${doc.number.replace(/[^\w.-]+/g, '-')}.pdf` };
}

export interface Period { from: string; to: string }

async function registerOf(station: Station, period: Period) {
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  const rows = await registerData(station, period.from, period.to);
  return { unit, rows, render: (number: string, issuedAt: Date) => renderPdf(registerDocument(unit, rows, period, number, issuedAt)) };
}

/** The register as it would be issued, its number left blank: checked before a number is taken. */
export async function previewRegister(station: Station, period: Period): Promise<Buffer> {
  const reg = await registerOf(station, period);
  // The register names the reporters: looking at it is a look at their identities.
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'report.reporter-in-preview', detail: { kind: 'register', ...period },
  });
  return reg.render(numberOf('register', null, reg.unit), station.now());
}

/** The register of the reports received from `from` to `to` (station days, inclusive). */
export async function issueRegister(station: Station, period: Period, reissueReason: string | null): Promise<IssuedDocument> {
  if (period.from > period.to) throw new StationError('rejected', vi.documents.badPeriod);
  const reg = await registerOf(station, period);
  const reason = await reissueCheck(station, 'register', { period }, reissueReason);
  const issuedAt = station.now();
  return issue(station, { target: { period }, kind: 'register', params: { ...period, rows: reg.rows.length }, issuedAt, reissueReason: reason },
    (seq) => numberOf('register', seq, reg.unit), (number) => reg.render(number, issuedAt));
}
