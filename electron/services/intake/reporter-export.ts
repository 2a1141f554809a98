import type { Content } from 'pdfmake/interfaces';
import { addAuditEvent, reportHistory } from '../../../db/queries/audit';
import { getUnit } from '../../../db/queries/units';
import { basisOn, stationRules } from '../workflow/rules';
import { documentsOfReport } from '../../../db/queries/documents';
import { reportsOfPerson } from '../../../db/queries/reports';
import { formatStationTime } from '../../contract/domain/time';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import { mm, renderPdf } from '../documents/pdf';
import { StationError } from '../errors';
import { openSealed } from '../keys/keyring';
import type { Station } from '../station';
import { describeEvent, reporterOnFile, reportFacts } from './reports';

// The reporter's right of access (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, NĐ 356/2025): everything the station
// holds about one person, as a PDF to hand them and the same as JSON. The person is found by their identity
// number (or phone) across the unit's reports, through the blind indexes; each of their reports gives what they
// said, how it ended, which documents named them, and every look at their identity, who and why. The export is
// itself a look, with its reason, in each report's history.

export interface ReporterExport {
  exportedAt: string;
  unit: string;
  reason: string;
  person: { fullName: string; birthYear: string; cccd: string; address: string; phone: string };
  reports: {
    code: string; receivedAt: string; channel: string; status: string; callerPhone: string; wantsFeedback: boolean;
    identityAsGiven: { fullName: string; birthYear: number | null; cccd: string; address: string; phone: string };
    violations: string[]; place: string; plates: string[]; description: string;
    documentsNamingThem: { kind: string; number: string; issuedAt: string }[];
    looksAtIdentity: { at: string; officer: string; what: string }[];
  }[];
}

const NAMING_KINDS = new Set(['handover', 'feedback_notice']);

export async function exportReporter(station: Station, reportId: number, reasonTyped: string) {
  const reason = nfc(reasonTyped);
  const person = await reporterOnFile(station, reportId);
  if (!person) throw new StationError('not-found', vi.error.notFound);
  const rows = await reportsOfPerson(station.db, station.unitId, person);
  const at = station.now().toISOString();
  const reports: ReporterExport['reports'] = [];
  for (const row of rows) {
    const facts = await reportFacts(station, row.id);
    const history = await reportHistory(station.db, row.id);
    reports.push({
      code: facts.code, receivedAt: facts.receivedAt, channel: vi.channel[facts.channel], status: vi.status[facts.status as keyof typeof vi.status] ?? facts.status,
      callerPhone: row.caller_phone === '' ? '' : openSealed(station, 'caller', row.caller_phone, `report ${row.id}`), wantsFeedback: facts.reporter.wantsFeedback,
      identityAsGiven: JSON.parse(openSealed(station, 'reporter', row.identity, `report ${row.id}`)) as ReporterExport['reports'][number]['identityAsGiven'],
      violations: facts.violations.map((v) => v.name),
      place: [facts.location.houseNumber, facts.location.road, facts.location.communeName, facts.location.provinceName].filter(Boolean).join(', '),
      plates: facts.vehicles.flatMap((v) => (v.plate ? [v.plate.canonical] : [])),
      description: facts.description,
      documentsNamingThem: (await documentsOfReport(station.db, station.unitId, row.id)).filter((d) => NAMING_KINDS.has(d.kind))
        .map((d) => ({ kind: vi.documents.kind[d.kind] ?? d.kind, number: d.number, issuedAt: d.issued_at })),
      looksAtIdentity: history.filter((h) => h.action.includes('reporter')).map((h) => ({ at: h.at, officer: h.officerName, what: describeEvent(h.action, h.detail) })),
    });
  }
  const unit = await getUnit(station.db, station.unitId);
  const data: ReporterExport = {
    exportedAt: at, unit: unit?.name ?? '', reason,
    person: { fullName: person.fullName, birthYear: person.birthYear, cccd: person.cccd, address: person.address, phone: person.phone },
    reports,
  };
  const basis = basisOn(await stationRules(station.db), 'personal_data', station.now());
  const pdf = await renderPdf(exportPdf(data, basis));
  for (const row of rows) {
    await addAuditEvent(station.db, { at, officerId: station.officerId, reportId: row.id, action: 'reporter.exported', detail: { reason } });
  }
  return { jsonBase64: Buffer.from(JSON.stringify(data, null, 2)).toString('base64'), pdfBase64: pdf.toString('base64') };
}

function exportPdf(d: ReporterExport, basis: string) {
  const x = vi.reporterExport;
  const cell = (text: string): Content => ({ text, fontSize: 9 });
  const pairs = (items: [string, string][]): Content => ({
    table: { widths: [150, '*'], body: items.map(([k, v]) => [cell(k), cell(v || '—')]) }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 8],
  });
  const f = vi.form;
  return {
    pageSize: 'A4' as const,
    pageMargins: [mm(30), mm(20), mm(15), mm(20)] as [number, number, number, number],
    defaultStyle: { font: 'Serif', fontSize: 11 },
    info: { title: x.title, creator: vi.app.title },
    content: [
      { text: d.unit.toUpperCase(), bold: true, alignment: 'center' as const },
      { text: x.title, bold: true, fontSize: 14, alignment: 'center' as const, margin: [0, 8, 0, 2] as [number, number, number, number] },
      { text: x.basis(basis), italics: true, alignment: 'center' as const, fontSize: 10 },
      { text: x.made(formatStationTime(d.exportedAt), d.reason), margin: [0, 8, 0, 4] as [number, number, number, number] },
      { text: x.person, bold: true, margin: [0, 6, 0, 0] as [number, number, number, number] },
      pairs([[f.fullName, d.person.fullName], [f.birthYear, d.person.birthYear], [f.cccd, d.person.cccd], [f.address, d.person.address], [f.phone, d.person.phone]]),
      { text: x.reports(d.reports.length), bold: true },
      ...d.reports.flatMap((r): Content[] => [
        { text: `${r.code} — ${formatStationTime(r.receivedAt)}`, bold: true, margin: [0, 8, 0, 0] },
        pairs([
          [x.channel, r.channel], [x.status, r.status], [f.callerPhone, r.callerPhone], [x.feedback, r.wantsFeedback ? x.yes : x.no],
          [x.identityAsGiven, [r.identityAsGiven.fullName, r.identityAsGiven.cccd, r.identityAsGiven.address, r.identityAsGiven.phone].filter(Boolean).join('; ')],
          [x.violations, r.violations.join('; ')], [x.place, r.place], [x.plates, r.plates.join(', ')], [x.description, r.description],
          [x.documents, r.documentsNamingThem.map((doc) => x.document(doc.kind, doc.number, formatStationTime(doc.issuedAt))).join('; ')],
          [x.looks, r.looksAtIdentity.map((l) => `${formatStationTime(l.at)}, ${l.officer}: ${l.what}`).join('\n')],
        ]),
      ]),
    ],
  };
}
