import { sanctionStandsStates } from '../../electron/contract/domain/workflow';
import type { Db } from '../connection';
import { inChunks, preparedQuery } from '../prepared';
import { PostgresAdapter } from 'kysely';
import { addAuditEvent } from './audit';
import { addCustodyEvent } from './evidence';
import { type Judge, writeFacts } from './facts';
import { addTerms, PAGE } from './term-blocks';

// Reports and their parts. Every query is scoped to one unit: several units may share a database.

export interface NewVehicle {
  plateInput: string;
  plateCanonical: string;
  plateKey: string;
  plateKind: string;
  plateProvinceCode: string | null;
  plateFlags: string[];
  vehicleType: string;
  colour: string;
  brand: string;
  features: string;
  ownerName: string;
  driverName: string;
}

export interface NewReport {
  unitId: number;
  year: number;
  channel: string;
  receivedAt: string;
  receivedBy: number;
  hotline: string;
  /** Sealed, and its blind index (keys/sealing.ts). */
  callerPhone: string;
  callerPhoneKey: string;
  occurredAt: string | null;
  occurredApprox: boolean;
  ongoing: boolean;
  description: string;
  anonymous: boolean;
  wantsFeedback: boolean;
  /** The identity sealed, with the blind indexes of its identity number and phone. */
  reporter: { identity: string; cccdMac: string; phoneMac: string } | null;
  violationCodes: string[];
  location: {
    road: string; houseNumber: string; intersection: string; kmMarker: string;
    provinceCode: string; communeCode: string; callerWords: string; lat: number | null; lng: number | null;
  };
  vehicles: NewVehicle[];
  /** Folded search words (see contract/domain/text.ts). */
  terms: string[];
  /** Parts of the plates' numbers, each once (see contract/domain/plate.ts plateDigitParts). */
  plateDigits: { digits: string; whole: boolean }[];
  createdAt: string;
}

export function reportCode(year: number, seq: number): string {
  return `PA-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Saves a report, numbers it (per unit, per year), logs it, and removes the draft it came from, all in
 * one transaction: either the report exists with its code and the draft is gone, or nothing changed.
 */
export async function insertReport(db: Db, report: NewReport, draftId: number | null): Promise<{ id: number; code: string }> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('report_counters')
      .values({ unit_id: report.unitId, year: report.year, last_seq: 0 })
      .onConflict((oc) => oc.columns(['unit_id', 'year']).doNothing())
      .execute();
    const { last_seq: seq } = await trx.updateTable('report_counters')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('unit_id', '=', report.unitId)
      .where('year', '=', report.year)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const code = reportCode(report.year, seq);

    let reporterId: number | null = null;
    if (report.reporter) {
      ({ id: reporterId } = await trx.insertInto('reporters')
        .values({
          identity: report.reporter.identity, cccd_mac: report.reporter.cccdMac, phone_mac: report.reporter.phoneMac, created_at: report.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    }

    const { id } = await trx.insertInto('reports')
      .values({
        unit_id: report.unitId, code, channel: report.channel, received_at: report.receivedAt,
        received_by: report.receivedBy, hotline: report.hotline, caller_phone: report.callerPhone, caller_phone_key: report.callerPhoneKey,
        occurred_at: report.occurredAt, occurred_approx: Number(report.occurredApprox), ongoing: Number(report.ongoing),
        urgent: Number(report.ongoing), description: report.description, reporter_id: reporterId,
        anonymous: Number(report.anonymous), wants_feedback: Number(report.wantsFeedback), status: 'received',
        created_at: report.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    if (report.violationCodes.length > 0) {
      await trx.insertInto('report_violations')
        .values(report.violationCodes.map((violation_code) => ({ report_id: id, violation_code })))
        .execute();
    }
    const l = report.location;
    await trx.insertInto('locations')
      .values({
        report_id: id, road: l.road, house_number: l.houseNumber, intersection: l.intersection, km_marker: l.kmMarker,
        province_code: l.provinceCode, commune_code: l.communeCode, caller_words: l.callerWords, lat: l.lat, lng: l.lng,
      })
      .execute();
    if (report.vehicles.length > 0) {
      await trx.insertInto('vehicles')
        .values(report.vehicles.map((v, position) => ({
          report_id: id, position, plate_input: v.plateInput, plate_canonical: v.plateCanonical, plate_key: v.plateKey,
          plate_kind: v.plateKind, plate_province_code: v.plateProvinceCode, plate_flags: v.plateFlags.join(' '),
          vehicle_type: v.vehicleType, colour: v.colour, brand: v.brand, features: v.features,
          owner_name: v.ownerName, driver_name: v.driverName,
        })))
        .execute();
    }
    await addTerms(trx, report.unitId, id, report.terms);
    if (report.plateDigits.length > 0) {
      await trx.insertInto('plate_digits')
        .values(report.plateDigits.map((p) => ({ digits: p.digits, whole: Number(p.whole), report_id: id })))
        .execute();
    }
    await writeFacts(trx, [id], null);
    await addAuditEvent(trx, {
      at: report.createdAt, officerId: report.receivedBy, reportId: id, action: 'report.created',
      // The line is dated when it was saved (an audit line is never back-dated); it names when the call came in.
      detail: { code, receivedAt: report.receivedAt },
    });
    if (draftId !== null) {
      await trx.deleteFrom('drafts').where('id', '=', draftId).where('officer_id', '=', report.receivedBy).execute();
    }
    return { id, code };
  });
}

export async function idsByCode(db: Db, unitId: number, code: string): Promise<number[]> {
  const rows = await db.selectFrom('reports').select('id').where('unit_id', '=', unitId).where('code', '=', code).execute();
  return rows.map((r) => r.id);
}

const plateQuery = preparedQuery((db: Db, key: string, unitId: number, since: string) => db
  .selectFrom('vehicles as v')
  .innerJoin('reports as r', 'r.id', 'v.report_id')
  .select('r.id')
  .distinct()
  .where('v.plate_key', '=', key)
  .where('r.unit_id', '=', unitId)
  .where('r.received_at', '>=', since)
  .orderBy('r.id', 'desc')
  .limit(PAGE));

/** Newest reports naming a plate (by its key, so however it was typed), optionally since an instant. */
export async function idsByPlateKey(db: Db, unitId: number, key: string, since = ''): Promise<number[]> {
  return (await plateQuery(db, key, unitId, since)).map((r) => r.id);
}

/** Newest reports called in from a number, by its blind index. */
export async function idsByCallerPhone(db: Db, unitId: number, phoneMac: string): Promise<number[]> {
  const rows = await db.selectFrom('reports')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('caller_phone_key', '=', phoneMac)
    .orderBy('received_at', 'desc')
    .limit(PAGE)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Reports of any year numbered `seq` ("301" → PA-2026-000301, PA-2025-000301), newest first. The years come
 * from the unit's counters (a few rows), so each code is a probe of the (unit_id, code) key.
 */
const yearsWithNumberQuery = preparedQuery((db: Db, unitId: number, seq: number) => db
  .selectFrom('report_counters').select('year').where('unit_id', '=', unitId).where('last_seq', '>=', seq));

const idOfCodeQuery = preparedQuery((db: Db, unitId: number, code: string) => db
  .selectFrom('reports').select('id').where('unit_id', '=', unitId).where('code', '=', code));

/** The reports numbered `seq` in any year of the unit, newest year first ("301" → PA-2026-000301, PA-2025-000301). */
export async function idsByReportNumber(db: Db, unitId: number, seq: number): Promise<number[]> {
  const years = (await yearsWithNumberQuery(db, unitId, seq)).map((y) => y.year).sort((a, b) => b - a);
  const ids: number[] = [];
  for (const year of years) ids.push(...(await idOfCodeQuery(db, unitId, reportCode(year, seq))).map((r) => r.id));
  return ids;
}

// One backward scan of the (digits, whole, report_id) key: plates whose whole number it is, then those it is
// a part of, each newest first.
const plateDigitsQuery = preparedQuery((db: Db, digits: string, unitId: number) => db
  .selectFrom('plate_digits as d')
  .innerJoin('reports as r', 'r.id', 'd.report_id')
  .select(['d.report_id as id', 'd.whole'])
  .where('d.digits', '=', digits)
  .where('r.unit_id', '=', unitId)
  .orderBy('d.whole', 'desc')
  .orderBy('d.report_id', 'desc')
  .limit(PAGE));

/** Newest reports with a plate whose number is, or holds, these digits ("12345" → 82A-123.45, 82-B1 123.45). */
export async function idsByPlateDigits(db: Db, unitId: number, digits: string): Promise<{ id: number; whole: boolean }[]> {
  return (await plateDigitsQuery(db, digits, unitId)).map((r) => ({ id: r.id, whole: r.whole === 1 }));
}

export async function idsReceivedBetween(db: Db, unitId: number, from: string, to: string): Promise<number[]> {
  const rows = await db.selectFrom('reports')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

export interface SummaryRow {
  id: number;
  code: string;
  channel: string;
  receivedAt: string;
  urgent: boolean;
  status: string;
  road: string;
  houseNumber: string;
  communeName: string;
  plates: string[];
  violations: string[];
}

/** The list rows of some reports, newest received first. */
export async function reportSummaries(db: Db, ids: number[]): Promise<SummaryRow[]> {
  if (ids.length === 0) return [];
  // A long list (the due list of a large station) in parts: one statement holds at most so many parameters.
  if (ids.length > 500) {
    const parts = await Promise.all(inChunks(ids).map((part) => reportSummaries(db, part)));
    return parts.flat().sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id - a.id);
  }
  const rows = await db.selectFrom('reports as r')
    .leftJoin('locations as l', 'l.report_id', 'r.id')
    .leftJoin('communes as c', 'c.code', 'l.commune_code')
    .select(['r.id', 'r.code', 'r.channel', 'r.received_at', 'r.urgent', 'r.status', 'l.road', 'l.house_number', 'c.name as commune_name'])
    .where('r.id', 'in', ids)
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const plates = await db.selectFrom('vehicles').select(['report_id', 'plate_canonical'])
    .where('report_id', 'in', ids).where('plate_canonical', '<>', '').orderBy('position').execute();
  const violations = await db.selectFrom('report_violations as rv')
    .innerJoin('violation_types as vt', 'vt.code', 'rv.violation_code')
    .select(['rv.report_id', 'vt.name']).where('rv.report_id', 'in', ids).orderBy('vt.position').execute();
  const byReport = <T extends { report_id: number }>(items: T[], value: (item: T) => string) => {
    const grouped = new Map<number, string[]>();
    for (const item of items) {
      const list = grouped.get(item.report_id);
      if (list) list.push(value(item));
      else grouped.set(item.report_id, [value(item)]);
    }
    return grouped;
  };
  const platesOf = byReport(plates, (p) => p.plate_canonical);
  const violationsOf = byReport(violations, (v) => v.name);
  return rows.map((r) => ({
    id: r.id, code: r.code, channel: r.channel, receivedAt: r.received_at, urgent: r.urgent === 1, status: r.status,
    road: r.road ?? '', houseNumber: r.house_number ?? '', communeName: r.commune_name ?? '',
    plates: platesOf.get(r.id) ?? [],
    violations: violationsOf.get(r.id) ?? [],
  }));
}

export async function getReport(db: Db, unitId: number, id: number) {
  const r = await db.selectFrom('reports as r')
    .innerJoin('officers as o', 'o.id', 'r.received_by')
    .selectAll('r')
    .select('o.full_name as received_by_name')
    .where('r.id', '=', id)
    .where('r.unit_id', '=', unitId)
    .executeTakeFirst();
  if (!r) return null;
  const location = await db.selectFrom('locations as l')
    .leftJoin('communes as c', 'c.code', 'l.commune_code')
    .leftJoin('provinces as p', 'p.code', 'l.province_code')
    .selectAll('l')
    .select(['c.name as commune_name', 'p.name as province_name'])
    .where('l.report_id', '=', id)
    .executeTakeFirst();
  const vehicles = await db.selectFrom('vehicles').selectAll().where('report_id', '=', id).orderBy('position').execute();
  const violations = await db.selectFrom('report_violations as rv')
    .innerJoin('violation_types as vt', 'vt.code', 'rv.violation_code')
    .select(['vt.code', 'vt.name', 'vt.legal_ref', 'vt.article_car', 'vt.article_motorbike'])
    .where('rv.report_id', '=', id)
    .orderBy('vt.position')
    .execute();
  return { report: r, location, vehicles, violations };
}

/** The reporter on file for a report as kept: sealed (services open it), with the caller's sealed number. */
export async function getReporter(db: Db, unitId: number, reportId: number) {
  const p = await db.selectFrom('reports as r')
    .innerJoin('reporters as p', 'p.id', 'r.reporter_id')
    .select(['p.id', 'p.identity', 'p.cccd_mac', 'p.phone_mac', 'r.caller_phone'])
    .where('r.id', '=', reportId)
    .where('r.unit_id', '=', unitId)
    .executeTakeFirst();
  return p ? { id: p.id, identity: p.identity, cccdMac: p.cccd_mac, phoneMac: p.phone_mac, callerPhone: p.caller_phone } : null;
}

/**
 * The reporters who are this person: the same identity number; without one, the same phone among reporters who
 * gave no identity number either (a relative with their own CCCD who shares the phone is someone else); without
 * either, this reporter's row only. The query the next ones start from.
 */
const samePerson = (db: Db, person: { cccdMac: string; phoneMac: string; reporterId?: number }) => db.selectFrom('reporters').select('id')
  .where((eb) => (person.cccdMac !== '' ? eb('cccd_mac', '=', person.cccdMac)
    : person.phoneMac !== '' ? eb.and([eb('phone_mac', '=', person.phoneMac), eb('cccd_mac', '=', '')]) : eb('id', '=', person.reporterId ?? 0)));

// The reports of those reporters are read through (reporter_id, unit_id) with the reporters as an IN list: written as
// a join, SQLite (without statistics) walks the unit's reports instead, 0.3 s at a million.

/** Newest reports whose reporter has this identity number or phone, by its blind index. */
export async function idsByReporterMac(db: Db, unitId: number, kind: 'cccd' | 'phone', mac: string): Promise<number[]> {
  const rows = await db.selectFrom('reports')
    .select('id')
    .where('reporter_id', 'in', db.selectFrom('reporters').select('id').where(kind === 'cccd' ? 'cccd_mac' : 'phone_mac', '=', mac))
    .where('unit_id', '=', unitId)
    .orderBy('id', 'desc')
    .limit(PAGE)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Every report of this unit whose reporter is the same person (the same identity number, or the same phone when
 * none was given, by their blind indexes; else only this reporter's row): their sealed identities, oldest first.
 */
export async function reportsOfPerson(db: Db, unitId: number, person: { reporterId: number; cccdMac: string; phoneMac: string }) {
  const reports = await db.selectFrom('reports')
    .select(['id', 'reporter_id', 'caller_phone', 'received_at'])
    .where('reporter_id', 'in', samePerson(db, person))
    .where('unit_id', '=', unitId)
    .execute();
  if (reports.length === 0) return [];
  const identities = new Map((await db.selectFrom('reporters').select(['id', 'identity'])
    .where('id', 'in', reports.map((r) => r.reporter_id!)).execute()).map((p) => [p.id, p.identity]));
  return reports.sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : a.id - b.id))
    .map((r) => ({ id: r.id, identity: identities.get(r.reporter_id!)!, caller_phone: r.caller_phone }));
}

/**
 * Reports of this unit from the same person (same identity number, or same phone when no identity number was
 * given, by their blind indexes) that ended in a sanction: what commendation proposals count.
 */
export async function confirmedReportsOf(db: Db, unitId: number, person: { cccdMac: string; phoneMac: string }): Promise<number> {
  if (person.cccdMac === '' && person.phoneMac === '') return 0;
  const row = await db.selectFrom('reports as r')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('r.reporter_id', 'in', samePerson(db, person))
    .where('r.unit_id', '=', unitId)
    .where('r.status', 'in', sanctionStandsStates)
    .where(({ exists, selectFrom }) => exists(selectFrom('report_moves as m').select('m.id').whereRef('m.report_id', '=', 'r.id').where('m.move', '=', 'sanction')))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Destroys a reporter's identity (NĐ 356/2025: the reporter's right to erasure), with its audit line, in one
 * transaction: the reporter's row is deleted (secure_delete overwrites it in the SQLite file), and every report
 * of theirs loses the caller's number (usually theirs) and becomes anonymous; the reports themselves, and so the
 * statistics, stay. Returns the codes of the reports touched, or null when the report has no reporter on file.
 */
export async function anonymiseReporter(db: Db, a: { unitId: number; reportId: number; at: string; officerId: number; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('reports').select('reporter_id').where('id', '=', a.reportId).where('unit_id', '=', a.unitId).executeTakeFirst();
    if (!row?.reporter_id) return null;
    const touched = await trx.updateTable('reports')
      .set({ reporter_id: null, caller_phone: '', caller_phone_key: '', anonymous: 1, wants_feedback: 0 })
      .where('reporter_id', '=', row.reporter_id)
      .returning(['id', 'code']).execute();
    await trx.deleteFrom('reporters').where('id', '=', row.reporter_id).execute();
    for (const r of touched) {
      await addAuditEvent(trx, { at: a.at, officerId: a.officerId, reportId: r.id, action: 'reporter.anonymised', detail: { reason: a.reason } });
    }
    return touched.map((r) => r.code);
  });
}

export interface ReadPlate {
  unitId: number;
  reportId: number;
  plate: { input: string; canonical: string; key: string; kind: string; provinceCode: string | null; flags: string[] };
  digits: { digits: string; whole: boolean }[];
  officerId: number;
  at: string;
  judge: Judge;
  /** The photo it was read on and the crop kept of it (already stored). */
  evidenceId: number;
  cropId: number;
  /** The custody line's detail (what was read, the crop's hash) and the audit line's own sentence. */
  custody: Record<string, unknown>;
  summary: string;
}

/**
 * A plate read from the evidence and confirmed by the officer, in one transaction with its custody line: on
 * the report's first vehicle without a plate, else on a new vehicle; the plate only confirmed again when the
 * report already has it. Its digits are indexed for search, the report's statistics facts written again, and
 * the audit trail says who confirmed it. Two desks confirming plates on one report take turns on the report's
 * row (PostgreSQL: FOR UPDATE; SQLite: one writer at a time). Returns whether the plate was added.
 */
export async function addReadPlate(db: Db, p: ReadPlate): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const q = trx.selectFrom('reports').select('id').where('id', '=', p.reportId).where('unit_id', '=', p.unitId);
    if (!(await (trx.getExecutor().adapter instanceof PostgresAdapter ? q.forUpdate() : q).executeTakeFirst())) return false;
    await addCustodyEvent(trx, {
      evidenceId: p.evidenceId, reportId: p.reportId, at: p.at, officerId: p.officerId, action: 'plate-read',
      detail: { ...p.custody, plate: p.plate.canonical, cropId: p.cropId },
    });
    const vehicles = await trx.selectFrom('vehicles').select(['id', 'position', 'plate_key']).where('report_id', '=', p.reportId).orderBy('position').execute();
    if (vehicles.some((v) => v.plate_key === p.plate.key)) return false;
    const plate = {
      plate_input: p.plate.input, plate_canonical: p.plate.canonical, plate_key: p.plate.key, plate_kind: p.plate.kind,
      plate_province_code: p.plate.provinceCode, plate_flags: p.plate.flags.join(' '),
    };
    const empty = vehicles.find((v) => v.plate_key === '');
    const filled = empty
      ? (await trx.updateTable('vehicles').set(plate).where('id', '=', empty.id).where('plate_key', '=', '').executeTakeFirst()).numUpdatedRows > 0n
      : false;
    if (!filled) {
      await trx.insertInto('vehicles').values({
        report_id: p.reportId, position: Math.max(-1, ...vehicles.map((v) => v.position)) + 1, ...plate,
        vehicle_type: '', colour: '', brand: '', features: '', owner_name: '', driver_name: '',
      }).execute();
    }
    if (p.digits.length > 0) {
      await trx.insertInto('plate_digits').values(p.digits.map((d) => ({ digits: d.digits, whole: Number(d.whole), report_id: p.reportId })))
        .onConflict((oc) => oc.columns(['digits', 'whole', 'report_id']).doNothing()).execute();
    }
    await writeFacts(trx, [p.reportId], p.judge);
    await addAuditEvent(trx, { at: p.at, officerId: p.officerId, reportId: p.reportId, action: 'report.plate-read', detail: { summary: p.summary, evidenceId: p.evidenceId, cropId: p.cropId } });
    return true;
  });
}
