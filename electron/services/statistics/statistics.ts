import {
  type Count, decidedBy, platesOfKeys, receivedBy, receivedByDay, receivedByItem, receivedByWeekHour, repeatPlateCount, repeatPlates, type StatsScope,
} from '../../../db/queries/statistics';
import { outcomeOfMove } from '../../contract/domain/workflow';
import { vi } from '../../contract/messages.vi';
import type { ReportSummary, Statistics, StatsFilter } from '../../contract/schemas';
import { idsByPlateKey, reportSummaries } from '../../../db/queries/reports';
import { toSummary } from '../intake/summary';
import type { Station } from '../station';
import { overdueNow } from '../workflow/cases';
import { catchingUp } from './facts';

// The statistics screen's numbers (issue 12.1), and the periodic report's: one call, every count of a scope, each
// labelled as the screen and the PDF print it.

const TOP = 20;

/** The names the counts are shown with: of the communes and violation types counted, from the database. */
async function names(station: Station, table: 'communes' | 'violation_types', keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await station.db.selectFrom(table).select(['code', 'name']).where('code', 'in', keys).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

function labelled(counts: Count[], label: (key: string) => string | undefined) {
  return counts.map((c) => ({ ...c, label: label(c.key) ?? c.key }));
}

const outcomeLabel = (move: string): string => (move === '' ? vi.statistics.pending : vi.status[outcomeOfMove[move as keyof typeof outcomeOfMove]] ?? move);

/** Every report of a plate (by its key), newest first: a repeat offender's history, each report a link. */
export async function plateHistory(station: Station, plateKey: string): Promise<ReportSummary[]> {
  const ids = await idsByPlateKey(station.db, station.unitId, plateKey);
  return (await reportSummaries(station.db, ids)).map(toSummary).sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
}

export async function statistics(station: Station, filter: StatsFilter): Promise<Statistics> {
  const s: StatsScope = { unitId: station.unitId, ...filter };
  const db = station.db;
  const byDay = await receivedByDay(db, s);
  const byCommune = (await receivedBy(db, s, 'commune_code')).slice(0, TOP);
  const byViolation = await receivedByItem(db, s, 'violation');
  const repeat = await repeatPlates(db, s, TOP);
  const communeNames = await names(station, 'communes', byCommune.map((c) => c.key));
  const violationNames = await names(station, 'violation_types', byViolation.map((c) => c.key));
  const plates = await platesOfKeys(db, station.unitId, repeat.map((r) => r.key));
  return {
    catchingUp: catchingUp(db),
    received: byDay.reduce((sum, d) => sum + d.n, 0),
    byDay,
    byChannel: labelled(await receivedBy(db, s, 'channel'), (k) => (vi.channel as Record<string, string>)[k]),
    byCommune: labelled(byCommune, (k) => (k === '' ? vi.statistics.noCommune : communeNames.get(k))),
    byOutcome: labelled(await receivedBy(db, s, 'outcome'), outcomeLabel),
    byViolation: labelled(byViolation, (k) => violationNames.get(k)),
    byVehicle: labelled(await receivedByItem(db, s, 'vehicle'), (k) => (vi.vehicleType as Record<string, string>)[k]),
    weekHour: await receivedByWeekHour(db, s),
    decided: (await decidedBy(db, s)).map((d) => ({ ...d, label: outcomeLabel(d.outcome) })),
    repeatPlates: repeat.map((r) => ({ key: r.key, plate: plates.get(r.key) ?? r.key, n: r.n })),
    repeatPlateCount: await repeatPlateCount(db, s),
    overdueNow: await overdueNow(station),
  };
}
