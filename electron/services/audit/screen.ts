import type { Content } from 'pdfmake/interfaces';
import { addAuditEvent, auditEvents } from '../../../db/queries/audit';
import { listOfficers } from '../../../db/queries/catalog';
import { idsByCode } from '../../../db/queries/reports';
import { formatDay, formatStationTime, localToUtcIso } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { AuditLine, AuditQuery } from '../../contract/schemas';
import { mm, renderPdf } from '../documents/pdf';
import { StationError } from '../errors';
import { describeEvent } from '../intake/reports';
import type { Station } from '../station';
import { checkpointChain } from './chain';

// The audit screen: the unit's lines, newest first, filtered by officer, report, action and period; and the
// same as a PDF a supervisor prints or keeps (that export is itself a line).

export const AUDIT_SCREEN_LINES = 500;
const AUDIT_PDF_LINES = 5000;

const nextDay = (day: string) => new Date(new Date(localToUtcIso(`${day}T00:00`)).getTime() + 86_400_000).toISOString();

async function lines(station: Station, q: AuditQuery, limit: number): Promise<AuditLine[]> {
  let reportId: number | null = null;
  if (q.reportCode !== '') {
    [reportId = null] = await idsByCode(station.db, station.unitId, q.reportCode.toUpperCase());
    if (reportId === null) throw new StationError('rejected', vi.audit.noSuchReport(q.reportCode));
  }
  const rows = await auditEvents(station.db, {
    unitId: station.unitId, officerId: q.officerId, reportId, action: q.action,
    from: q.from ? localToUtcIso(`${q.from}T00:00`) : null, to: q.to ? nextDay(q.to) : null, limit,
  });
  return rows.map((r) => ({ id: r.id, at: r.at, desk: r.desk, officerName: r.officerName, reportCode: r.reportCode, text: describeEvent(r.action, r.detail) }));
}

export async function auditList(station: Station, q: AuditQuery): Promise<{ lines: AuditLine[]; more: boolean }> {
  const found = await lines(station, q, AUDIT_SCREEN_LINES + 1);
  return { lines: found.slice(0, AUDIT_SCREEN_LINES), more: found.length > AUDIT_SCREEN_LINES };
}

async function filtersText(station: Station, q: AuditQuery): Promise<string> {
  const officer = q.officerId === null ? null : (await listOfficers(station.db, station.unitId)).find((o) => o.id === q.officerId)?.fullName;
  const a = vi.audit;
  return [
    officer ?? a.allOfficers, q.reportCode ? `${a.reportCode} ${q.reportCode.toUpperCase()}` : null,
    q.action ? a.families[q.action] ?? vi.action[q.action] ?? q.action : a.allActions,
    q.from ? `${a.from.toLowerCase()} ${formatDay(q.from)}` : null, q.to ? `${a.to.toLowerCase()} ${formatDay(q.to)}` : null,
  ].filter(Boolean).join('; ');
}

export async function auditPdf(station: Station, q: AuditQuery): Promise<Buffer> {
  const found = await lines(station, q, AUDIT_PDF_LINES);
  const filters = await filtersText(station, q);
  const officer = (await listOfficers(station.db, station.unitId)).find((o) => o.id === station.officerId)?.fullName ?? '';
  const c = vi.audit.columns;
  const cell = (text: string): Content => ({ text, fontSize: 9 });
  const pdf = await renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [mm(15), mm(15), mm(15), mm(15)],
    defaultStyle: { font: 'Serif', fontSize: 10 },
    info: { title: vi.audit.heading, creator: vi.app.title },
    content: [
      { text: vi.audit.pdfTitle, bold: true, fontSize: 14, alignment: 'center' },
      { text: vi.audit.pdfFilters(filters), margin: [0, 6, 0, 0] },
      { text: vi.audit.pdfPrinted(formatStationTime(station.now().toISOString()), officer), italics: true, margin: [0, 2, 0, 8] },
      found.length === 0 ? { text: vi.audit.none } : {
        table: {
          headerRows: 1,
          widths: [34, 78, 100, 60, 74, '*'],
          body: [
            ['#', c.at, c.officer, c.desk, c.report, c.text].map((h) => ({ text: h, bold: true, fontSize: 9 })),
            ...found.map((l) => [cell(String(l.id)), cell(formatStationTime(l.at)), cell(l.officerName), cell(l.desk), cell(l.reportCode ?? ''), cell(l.text)]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
  });
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'audit.exported', detail: { lines: found.length, filters },
  });
  return pdf;
}

/**
 * A checkpoint taken from the audit screen, and its slip to print, sign and keep apart from the desk: the last
 * event's number and hash, which `station audit verify --checkpoint N:HASH` checks the chain against later.
 */
export async function checkpointSlip(station: Station) {
  const c = await checkpointChain(station);
  const officer = (await listOfficers(station.db, station.unitId)).find((o) => o.id === c.officerId)?.fullName ?? '';
  const s = vi.audit.slip;
  const pdf = await renderPdf({
    pageSize: 'A4',
    pageMargins: [mm(30), mm(20), mm(15), mm(20)],
    defaultStyle: { font: 'Serif', fontSize: 12 },
    info: { title: s.title, creator: vi.app.title },
    content: [
      { text: s.title, bold: true, fontSize: 14, alignment: 'center' },
      { text: vi.cli.auditCheckpoint(c.id, formatStationTime(c.at), c.eventId, c.eventHash, officer, c.desk), margin: [0, 12, 0, 12], lineHeight: 1.3 },
      { text: s.paper(c.eventId, c.eventHash), bold: true, fontSize: 10 },
      { columns: [{ width: '*', text: '' }, { width: 220, stack: [{ text: s.signature, bold: true, alignment: 'center' }, { text: s.signatureHint, italics: true, alignment: 'center' }] }], margin: [0, 24, 0, 0] },
    ],
  });
  return { id: c.id, eventId: c.eventId, eventHash: c.eventHash, pdfBase64: pdf.toString('base64') };
}
