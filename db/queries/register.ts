import { outcomeMoves } from '../../electron/contract/domain/workflow';
import type { Db } from '../connection';
import { inChunks } from '../prepared';

// The rows of the register (sổ tiếp nhận, TT 15/2022 mẫu 05/68) for a period: each report with who
// provided it (the register is the desk's own book), what it was about, and how it ended.

export interface RegisterRow {
  id: number;
  code: string;
  receivedAt: string;
  channel: string;
  receivedBy: string;
  description: string;
  status: string;
  /** The reporter's identity as kept (sealed); the service opens it into the name and address the register prints. */
  reporterIdentity: string | null;
  reporterName: string | null;
  reporterAddress: string | null;
  anonymous: boolean;
  /** When the violation happened, as recorded (UTC instant), and whether the time is approximate. */
  occurredAt: string | null;
  occurredApprox: boolean;
  violations: string[];
  /** With the owner's and driver's names when known: the register's "người vi phạm". */
  vehicles: { plate: string; type: string; ownerName: string; driverName: string }[];
  outcome: { move: string; detail: Record<string, unknown> } | null;
}

export async function registerRows(db: Db, unitId: number, from: string, to: string): Promise<RegisterRow[]> {
  const reports = await db.selectFrom('reports as r')
    .innerJoin('officers as o', 'o.id', 'r.received_by')
    .leftJoin('reporters as p', 'p.id', 'r.reporter_id')
    .select(['r.id', 'r.code', 'r.received_at', 'r.channel', 'o.full_name', 'r.description', 'r.status', 'r.anonymous', 'r.occurred_at', 'r.occurred_approx', 'p.identity as reporter_identity'])
    .where('r.unit_id', '=', unitId).where('r.received_at', '>=', from).where('r.received_at', '<', to)
    .orderBy('r.received_at').orderBy('r.id')
    .execute();
  const rows = new Map<number, RegisterRow>(reports.map((r) => [r.id, {
    id: r.id, code: r.code, receivedAt: r.received_at, channel: r.channel, receivedBy: r.full_name, description: r.description,
    status: r.status, reporterIdentity: r.reporter_identity, reporterName: null, reporterAddress: null, anonymous: r.anonymous === 1,
    occurredAt: r.occurred_at, occurredApprox: r.occurred_approx === 1, violations: [], vehicles: [], outcome: null,
  }]));
  await addFacts(db, rows);
  return [...rows.values()];
}

/** The violations, vehicles and latest outcome of each row (the register and the publication list read them alike). */
async function addFacts(db: Db, rows: Map<number, RegisterRow>): Promise<void> {
  for (const ids of inChunks([...rows.keys()])) {
    const violations = await db.selectFrom('report_violations as rv').innerJoin('violation_types as vt', 'vt.code', 'rv.violation_code')
      .select(['rv.report_id', 'vt.name']).where('rv.report_id', 'in', ids).orderBy('vt.position').execute();
    for (const v of violations) rows.get(v.report_id)!.violations.push(v.name);
    const vehicles = await db.selectFrom('vehicles').select(['report_id', 'plate_canonical', 'vehicle_type', 'owner_name', 'driver_name'])
      .where('report_id', 'in', ids).orderBy('position').execute();
    for (const v of vehicles) rows.get(v.report_id)!.vehicles.push({ plate: v.plate_canonical, type: v.vehicle_type, ownerName: v.owner_name, driverName: v.driver_name });
    const moves = await db.selectFrom('report_moves').select(['report_id', 'move', 'detail'])
      .where('report_id', 'in', ids).where('move', 'in', outcomeMoves)
      .orderBy('id').execute();
    for (const m of moves) rows.get(m.report_id)!.outcome = { move: m.move, detail: JSON.parse(m.detail) as Record<string, unknown> };
  }
}

type PlacedRow = Omit<DecidedRow, 'decidedAt'>;

/** A report's row where it happened, its reporter left empty (never read): what the publication and the exported lists start from. */
function placedRow(r: {
  id: number; code: string; received_at: string; channel: string; status: string; occurred_at: string | null; occurred_approx: number;
  road: string | null; intersection: string | null; km_marker: string | null; commune_name: string | null; province_name: string | null;
}): PlacedRow {
  return {
    id: r.id, code: r.code, receivedAt: r.received_at, channel: r.channel, receivedBy: '', description: '', status: r.status,
    reporterIdentity: null, reporterName: null, reporterAddress: null, anonymous: true, occurredAt: r.occurred_at, occurredApprox: r.occurred_approx === 1,
    violations: [], vehicles: [], outcome: null,
    place: { road: r.road ?? '', intersection: r.intersection ?? '', kmMarker: r.km_marker ?? '', communeName: r.commune_name ?? '', provinceName: r.province_name ?? '' },
  };
}

/** A published row: the register's facts (its reporter fields left empty, never read) and where the violation was. */
export interface DecidedRow extends RegisterRow {
  decidedAt: string;
  place: { road: string; intersection: string; kmMarker: string; communeName: string; provinceName: string };
}

/**
 * The reports whose latest outcome is one of `moves`, made in [from, to) (UTC instants), and still standing
 * (the report is in one of `standing`: a reopened report is back in verification). Ordered by that decision.
 * The reporter is not joined at all: what is not read cannot leak into a publication.
 */
export async function decidedRows(db: Db, unitId: number, from: string, to: string, moves: readonly string[],
  standing: readonly string[]): Promise<DecidedRow[]> {
  const decided = await db.selectFrom('report_moves as m')
    .innerJoin('reports as r', 'r.id', 'm.report_id')
    .leftJoin('locations as l', 'l.report_id', 'r.id')
    .leftJoin('communes as c', 'c.code', 'l.commune_code')
    .leftJoin('provinces as pv', 'pv.code', 'l.province_code')
    .select(['r.id', 'r.code', 'r.received_at', 'r.channel', 'r.status', 'r.occurred_at', 'r.occurred_approx', 'm.at', 'm.id as move_id',
      'l.road', 'l.intersection', 'l.km_marker', 'c.name as commune_name', 'pv.name as province_name'])
    .where('r.unit_id', '=', unitId).where('r.status', 'in', [...standing])
    .where('m.move', 'in', outcomeMoves).where('m.at', '>=', from).where('m.at', '<', to)
    .orderBy('m.at').orderBy('m.id')
    .execute();
  const rows = new Map<number, DecidedRow>();
  for (const r of decided) {
    // A later outcome in the period replaces an earlier one (reopened, then decided again).
    rows.delete(r.id);
    rows.set(r.id, { ...placedRow(r), decidedAt: r.at });
  }
  await addFacts(db, rows as Map<number, RegisterRow>);
  // The latest outcome overall decides: a report sanctioned, reopened and then found without grounds is not published.
  return [...rows.values()].filter((r) => r.outcome !== null && moves.includes(r.outcome.move));
}

/** A report in an exported list: the register's facts (no reporter: never read), where, and its proposed reward. */
export interface ListedRow extends RegisterRow {
  place: DecidedRow['place'];
  lat: number | null;
  lng: number | null;
  rewardVnd: number | null;
  updatedAt: string;
}

/** The reports of these ids in the unit, in the order given, for the exports of lists (issue 12.4). */
export async function listedRows(db: Db, unitId: number, ids: number[]): Promise<ListedRow[]> {
  const rows = new Map<number, ListedRow>();
  for (const part of inChunks(ids)) {
    const found = await db.selectFrom('reports as r')
      .leftJoin('locations as l', 'l.report_id', 'r.id')
      .leftJoin('communes as c', 'c.code', 'l.commune_code')
      .leftJoin('provinces as pv', 'pv.code', 'l.province_code')
      .leftJoin('report_facts as f', 'f.report_id', 'r.id')
      .select(['r.id', 'r.code', 'r.received_at', 'r.channel', 'r.status', 'r.occurred_at', 'r.occurred_approx', 'l.road', 'l.intersection',
        'l.km_marker', 'l.lat', 'l.lng', 'c.name as commune_name', 'pv.name as province_name', 'f.reward_vnd',
        (eb) => eb.selectFrom('report_moves as m').select((m) => m.fn.max('m.at').as('at')).whereRef('m.report_id', '=', 'r.id').as('updated_at')])
      .where('r.unit_id', '=', unitId).where('r.id', 'in', part).execute();
    for (const r of found) {
      rows.set(r.id, {
        ...placedRow(r), lat: r.lat, lng: r.lng, rewardVnd: r.reward_vnd === null ? null : Number(r.reward_vnd), updatedAt: r.updated_at ?? r.received_at,
      });
    }
  }
  await addFacts(db, rows as Map<number, RegisterRow>);
  // A report reopened is back in verification: its earlier decision no longer stands, and a list must not say it does.
  for (const row of rows.values()) if (['received', 'dispatched', 'verifying'].includes(row.status)) row.outcome = null;
  return ids.flatMap((id) => rows.get(id) ?? []);
}
