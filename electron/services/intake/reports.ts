import { addAuditEvent, reportHistory } from '../../../db/queries/audit';
import {
  anonymiseReporter, confirmedReportsOf, getReport, getReporter, idsByCallerPhone, idsByCode, idsByPlateDigits, idsByPlateKey,
  idsByReporterMac, idsByReportNumber, idsReceivedBetween, insertReport, reportSummaries,
} from '../../../db/queries/reports';
import { idsByTerms } from '../../../db/queries/term-blocks';
import { formatVndFigures } from '../../contract/domain/amount-words';
import { normalizePlate, PLATE_DIGITS_MAX, PLATE_DIGITS_MIN } from '../../contract/domain/plate';
import { nfc, phoneKey, searchTerms } from '../../contract/domain/text';
import { formatDay, formatStationTime, stationDayBounds } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type {
  IntakeChannel, IntakeForm, Related, ReportDetail, ReporterIdentity, ReportSummary, VehicleType,
} from '../../contract/schemas';
import { catalogNames } from '../catalog/catalog';
import { getUnit } from '../../../db/queries/units';
import { StationError } from '../errors';
import type { Station } from '../station';
import { reportFromForm } from './intake-form';
import { toSummary } from './summary';
import { caseWorkflow } from '../workflow/cases';
import { toCase } from '../../../db/queries/workflow';
import { evidenceHistory } from '../evidence/list';
import { heldKeys, openSealed } from '../keys/keyring';

const RELATED_PLATE_DAYS = 30;

async function summaries(station: Station, ids: number[]): Promise<ReportSummary[]> {
  return (await reportSummaries(station.db, ids)).map(toSummary);
}

export async function createReport(station: Station, draftId: number | null, form: IntakeForm) {
  const names = await catalogNames(station, form.location);
  const hotlines = (await getUnit(station.db, station.unitId))?.hotlines ?? [];
  const report = reportFromForm(form, { unitId: station.unitId, officerId: station.officerId, now: station.now(), ...names, hotlines, keys: heldKeys(station) });
  return insertReport(station.db, report, draftId);
}

export async function todayReports(station: Station): Promise<ReportSummary[]> {
  const { from, to } = stationDayBounds(station.now());
  return summaries(station, await idsReceivedBetween(station.db, station.unitId, from, to));
}

/** How well a report fits a search: exact readings first, then parts of a plate's number, then words. */
const FIT = { exact: 0, part: 1, words: 2 } as const;
type Fit = (typeof FIT)[keyof typeof FIT];

/**
 * One box finds a report by its code or number ("PA-2026-000301", "000301", "301"), a plate however typed,
 * part of a plate's number ("123.45", "12345", "2345"), the caller's number, or words of its text without
 * diacritics ("dong da" finds "Đống Đa"). Every reading of the query that fits is tried; the list shows exact
 * codes, plates, plate numbers and callers first, then parts of plate numbers, then words, newest first in each.
 *
 * For an officer who may see identities (`byIdentity`), also the reporter's phone or identity number, through the
 * blind indexes (nothing decrypted): such a search tells who reported, so it is a line in the audit trail (which
 * kind, how many found; never the number). For the others a number leads to nothing about a reporter.
 *
 * A report number is matched whole ("301" is PA-…-000301, not 001301): numbers are read off a paper or said
 * on the phone whole, and one report number in a few hundred holds "301" somewhere, which would bury the one meant.
 */
export async function searchReports(station: Station, query: string, byIdentity = false): Promise<ReportSummary[]> {
  const q = nfc(query).trim();
  if (q === '') return [];
  const { db, unitId } = station;
  const fit = new Map<number, Fit>();
  const add = (how: Fit, ids: number[]) => ids.forEach((id) => { if ((fit.get(id) ?? how) >= how) fit.set(id, how); });

  // Full-width digits and letters pasted from chat apps read as ASCII (NFKC), as plates do, in every reading.
  const plate = normalizePlate(q);
  const typed = plate.input;
  const code = /^(?:PA-?(\d{4})-?|(\d{4})-)(\d{1,6})$/i.exec(typed.replace(/\s+/g, ''));
  if (code) add(FIT.exact, await idsByCode(db, unitId, `PA-${code[1] ?? code[2]}-${code[3]!.padStart(6, '0')}`));
  if (/^\d{1,6}$/.test(typed) && Number(typed) > 0) add(FIT.exact, await idsByReportNumber(db, unitId, Number(typed)));
  // An ambiguous plate ("29B11234") has one key whichever way it is read: it is still a whole plate.
  if (plate.flags.every((f) => f === 'ambiguous') || plate.kind === 'special') add(FIT.exact, await idsByPlateKey(db, unitId, plate.key));
  // Only digits, however grouped ("123.45", "123 45", "123-45"): a plate's number or part of it.
  const digits = typed.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(digits) && digits.length >= PLATE_DIGITS_MIN && digits.length <= PLATE_DIGITS_MAX) {
    for (const { id, whole } of await idsByPlateDigits(db, unitId, digits)) add(whole ? FIT.exact : FIT.part, [id]);
  }
  const phone = phoneKey(q);
  const isPhone = /^0\d{8,10}$/.test(phone) && !/[a-z]/i.test(q);
  // Without the data key (an account not yet given it) a number finds no caller; the rest of the search works.
  if (isPhone && station.keys) add(FIT.exact, await idsByCallerPhone(db, unitId, station.keys.mac('phone', phone)));
  if (byIdentity && (isPhone || /^\d{12}$/.test(digits))) {
    const by = isPhone ? 'phone' : 'cccd';
    const ids = await idsByReporterMac(db, unitId, by, heldKeys(station).mac(by, isPhone ? phone : digits));
    add(FIT.exact, ids);
    await addAuditEvent(db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'reporter.searched', detail: { by, found: ids.length } });
  }
  add(FIT.words, await idsByTerms(db, unitId, searchTerms(typed)));
  // The list rows come newest first; a stable sort by fit keeps that order within each fit.
  return (await summaries(station, [...fit.keys()])).sort((a, b) => fit.get(a.id)! - fit.get(b.id)!);
}

/** Shown before saving: the same plate in the last 30 days, the same caller number. */
export async function relatedReports(station: Station, plates: string[], callerPhone: string): Promise<Related> {
  const since = new Date(station.now().getTime() - RELATED_PLATE_DAYS * 86_400_000).toISOString();
  const plateIds = new Set<number>();
  for (const key of new Set(plates.map((p) => normalizePlate(p).key).filter((k) => k.length >= 6))) {
    (await idsByPlateKey(station.db, station.unitId, key, since)).forEach((id) => plateIds.add(id));
  }
  const phone = phoneKey(callerPhone);
  const callerIds = phone.length >= 9 && station.keys ? await idsByCallerPhone(station.db, station.unitId, station.keys.mac('phone', phone)) : [];
  return { samePlate: await summaries(station, [...plateIds]), sameCaller: await summaries(station, callerIds) };
}

/** A calendar day as recorded ("2026-12-01") the way the desk writes it ("01/12/2026"); anything else as stored. */
const day = (value: unknown): string => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : String(value));

/** A history line: what was done, then what it recorded (a code, a decision and fine, an agency, a reason…). */
export function describeEvent(action: string, detail: Record<string, unknown>): string {
  const f = vi.workflow.fields;
  const parts = [
    typeof detail.code === 'string' ? detail.code : null,
    action === 'report.created' && typeof detail.receivedAt === 'string' ? vi.detail.receivedAtLine(formatStationTime(detail.receivedAt)) : null,
    typeof detail.ofCode === 'string' ? `${f.ofCode} ${detail.ofCode}` : null,
    typeof detail.number === 'string' ? vi.detail.documentNumber(detail.number) : null,
    typeof detail.decisionNumber === 'string' ? `${f.decisionNumber} ${detail.decisionNumber} (${day(detail.decisionDate)})` : null,
    typeof detail.fineVnd === 'number' ? `${f.fineVnd} ${formatVndFigures(detail.fineVnd)}` : null,
    typeof detail.violatorName === 'string' && detail.violatorName !== ''
      ? `${f.violatorName} ${[detail.violatorName, detail.violatorAddress].filter(Boolean).join(', ')}` : null,
    typeof detail.legalBasis === 'string' ? `${f.legalBasis} ${detail.legalBasis}` : null,
    typeof detail.agency === 'string' ? `${detail.agency}${detail.letterNumber ? `, ${f.letterNumber} ${String(detail.letterNumber)}` : ''}` : null,
    typeof detail.method === 'string' ? `${vi.workflow.methods[detail.method] ?? detail.method} ${day(detail.date)}: ${String(detail.content)}` : null,
    detail.complex === true ? f.complex : null,
    typeof detail.reason === 'string' ? detail.reason : null,
    action === 'report.reopen' && typeof detail.restartClock === 'boolean' ? (detail.restartClock ? vi.workflow.restartedHistory : vi.workflow.keptHistory) : null,
    typeof detail.note === 'string' && detail.note !== '' ? detail.note : null,
    action === 'report.assigned' ? (typeof detail.officerName === 'string' ? detail.officerName : vi.workflow.nobody) : null,
    action === 'reporter.searched' && typeof detail.found === 'number' ? vi.detail.searchedBy(detail.by === 'cccd', detail.found) : null,
    action === 'auth.forbidden' && typeof detail.permission === 'string'
      ? `${(vi.auth.permission as Record<string, string>)[detail.permission] ?? detail.permission}${detail.what ? ` (${String(detail.what)})` : ''}` : null,
    // Admin changes and accounts carry their own sentence, made when they were written.
    typeof detail.summary === 'string' ? detail.summary : null,
  ].filter(Boolean);
  const label = vi.action[action] ?? action;
  return parts.length > 0 ? `${label}: ${parts.join('; ')}` : label;
}

/** What a report says, from its rows (no history, no workflow): the page and the documents both show this. */
export type ReportFacts = Omit<ReportDetail, 'history' | 'workflow'>;

type ReportRows = NonNullable<Awaited<ReturnType<typeof getReport>>>;

function toReportFacts({ report: r, location: l, vehicles, violations }: ReportRows, masked: { name: string; callerPhone: string }): ReportFacts {
  return {
    id: r.id, code: r.code, status: r.status, channel: r.channel as IntakeChannel, receivedAt: r.received_at,
    receivedBy: r.received_by_name, hotline: r.hotline, callerPhone: masked.callerPhone, occurredAt: r.occurred_at,
    occurredApprox: r.occurred_approx === 1, ongoing: r.ongoing === 1, urgent: r.urgent === 1,
    violations: violations.map((v) => ({
      code: v.code, name: v.name, legalRef: v.legal_ref, articleCar: v.article_car, articleMotorbike: v.article_motorbike,
    })),
    location: {
      road: l?.road ?? '', houseNumber: l?.house_number ?? '', intersection: l?.intersection ?? '',
      kmMarker: l?.km_marker ?? '', provinceCode: l?.province_code ?? '', communeCode: l?.commune_code ?? '',
      gps: l?.lat != null && l.lng != null ? `${l.lat}, ${l.lng}` : '', callerWords: l?.caller_words ?? '',
      communeName: l?.commune_name ?? '', provinceName: l?.province_name ?? '',
    },
    vehicles: vehicles.map((v) => ({
      plate: v.plate_input === '' ? null : {
        canonical: v.plate_canonical, input: v.plate_input, kind: v.plate_kind,
        provinceName: v.plate_province_code ? normalizePlate(v.plate_input).provinceName : null,
        flags: v.plate_flags === '' ? [] : v.plate_flags.split(' '),
      },
      vehicleType: v.vehicle_type as VehicleType | '', colour: v.colour, brand: v.brand, features: v.features,
      ownerName: v.owner_name, driverName: v.driver_name,
    })),
    description: r.description,
    reporter: { anonymous: r.anonymous === 1, wantsFeedback: r.wants_feedback === 1, onFile: r.reporter_id !== null, maskedName: masked.name },
  };
}

async function reportRows(station: Station, id: number): Promise<ReportRows> {
  const found = await getReport(station.db, station.unitId, id);
  if (!found) throw new StationError('not-found', vi.error.notFound);
  return found;
}

/**
 * The reporter's name and the caller's number as every page shows them, masked; opening them to mask is not a
 * look (nothing readable leaves). Blank on a desk whose officer holds no data key.
 */
async function masked(station: Station, r: ReportRows['report']): Promise<{ name: string; callerPhone: string }> {
  if (!station.keys) return { name: '', callerPhone: '' };
  try {
    const callerPhone = r.caller_phone === '' ? '' : maskPhone(station.keys.open('caller', r.caller_phone));
    const reporter = r.reporter_id === null || r.anonymous === 1 ? null : await reporterOnFile(station, r.id);
    return { name: reporter ? maskName(reporter.fullName) : '', callerPhone };
  } catch {
    return { name: '', callerPhone: '' }; // a damaged identity: the report still opens; revealing it says why it cannot
  }
}

/**
 * "Nguyễn Thị Bảo Minh" → "Nguyễn T** B** M**": the family name, and the first letter of each other word; a
 * name of one word shows its first letter only ("M**").
 */
export function maskName(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const initial = (w: string) => `${[...w][0]}**`;
  return words.length === 1 ? initial(words[0]!) : [words[0] ?? '', ...words.slice(1).map(initial)].join(' ');
}

/** The report without its history or workflow (what the documents print). */
export async function reportFacts(station: Station, id: number): Promise<ReportFacts> {
  const found = await reportRows(station, id);
  return toReportFacts(found, await masked(station, found.report));
}

export async function reportDetail(station: Station, id: number): Promise<ReportDetail> {
  const found = await reportRows(station, id);
  const history = await reportHistory(station.db, id);
  return {
    ...toReportFacts(found, await masked(station, found.report)),
    // The report's own acts and what was done with its evidence (imports, looks, stills), in time order.
    history: [
      ...history.map((h) => ({ at: h.at, officerName: h.officerName, action: h.action, detail: describeEvent(h.action, h.detail) })),
      ...await evidenceHistory(station, id),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    workflow: await caseWorkflow(station, toCase(found.report), found.report.assigned_to),
  };
}

/**
 * The number a call came from is usually the reporter's own: shown masked as the desk reads a number back
 * ("0912 *** 678": the network and the last three digits, enough to recognise a repeat caller, not to call
 * back), in full only when the identity is revealed (with its reason and audit line). A short number shows
 * its last digits only.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 3) return phone;
  return digits.length >= 9 ? `${digits.slice(0, 4)} *** ${digits.slice(-3)}` : `*** ${digits.slice(-3)}`;
}

/** The reporter on file for a report, opened, as every service reads them: a birth year not given is ''. */
export interface ReporterOnFile {
  fullName: string;
  birthYear: string;
  cccd: string;
  address: string;
  phone: string;
  /** The number the call came from (often the reporter's own). */
  callerPhone: string;
}

/** Opens the reporter of a report (the caller needs the reveal permission, or is making a document that names them). */
export async function reporterOnFile(station: Station, reportId: number): Promise<(ReporterOnFile & { reporterId: number; cccdMac: string; phoneMac: string }) | null> {
  const p = await getReporter(station.db, station.unitId, reportId);
  if (!p) return null;
  const what = `reporter ${p.id}`;
  const identity = JSON.parse(openSealed(station, 'reporter', p.identity, what)) as { fullName: string; birthYear: number | null; cccd: string; address: string; phone: string };
  return {
    ...identity, birthYear: identity.birthYear === null ? '' : String(identity.birthYear),
    callerPhone: p.callerPhone === '' ? '' : openSealed(station, 'caller', p.callerPhone, what), reporterId: p.id, cccdMac: p.cccdMac, phoneMac: p.phoneMac,
  };
}

/** The reporter's identity is secret (NĐ 61/2026 Đ16.2): every look at it is written to the report's history. */
export async function revealReporter(station: Station, reportId: number, reason: string): Promise<ReporterIdentity> {
  const p = await reporterOnFile(station, reportId);
  if (!p) throw new StationError('not-found', vi.error.notFound);
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId, action: 'report.reporter-viewed', detail: { reason: nfc(reason) },
  });
  return {
    fullName: p.fullName, birthYear: p.birthYear, cccd: p.cccd, address: p.address, phone: p.phone, callerPhone: p.callerPhone,
    confirmedReports: await confirmedReportsOf(station.db, station.unitId, p),
  };
}

/** A reporter's identity destroyed at their request, with the reason; the reports stay, anonymous. */
export async function eraseReporter(station: Station, reportId: number, reason: string): Promise<void> {
  const codes = await anonymiseReporter(station.db, {
    unitId: station.unitId, reportId, at: station.now().toISOString(), officerId: station.officerId, reason: nfc(reason),
  });
  if (codes === null) throw new StationError('rejected', vi.detail.noReporterToErase);
}
