import { addAuditEvent } from '../../../db/queries/audit';
import { type ListedRow, listedRows } from '../../../db/queries/register';
import { reportIdsInScope } from '../../../db/queries/statistics';
import { getUnit } from '../../../db/queries/units';
import { type ChartKey, statisticsTables } from '../../contract/charts';
import { formatVndFigures } from '../../contract/domain/amount-words';
import type { Granularity } from '../../contract/domain/statistics';
import { formatDay, formatPlace, utcIsoToLocal } from '../../contract/domain/time';
import { outcomeOfMove } from '../../contract/domain/workflow';
import { vi } from '../../contract/messages.vi';
import type { ExportedFile, ReportColumn, StatsFilter } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';
import { type Cell, type Column, csvFile, xlsxFile } from './files';
import { statistics } from './statistics';

// Exports (issue 12.4): a chart's table, or the list of reports the filters keep, as CSV, XLSX or Open311 GeoReport v2
// JSON. A list carries what the statistics may show (the statistics permission) and never the reporter nor any text a
// reporter wrote. Every export is a line in the audit trail naming what, how many and the filters.

export const EXPORT_MAX = 100_000;

type Format = 'csv' | 'xlsx';
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const COLUMNS: Record<ReportColumn, { type: Column['type']; width: number; cell: (r: ListedRow) => Cell }> = {
  code: { type: 'text', width: 16, cell: (r) => r.code },
  receivedAt: { type: 'datetime', width: 17, cell: (r) => r.receivedAt },
  channel: { type: 'text', width: 22, cell: (r) => (vi.channel as Record<string, string>)[r.channel] ?? r.channel },
  commune: { type: 'text', width: 22, cell: (r) => r.place.communeName },
  place: { type: 'text', width: 40, cell: (r) => formatPlace(r.place) },
  violations: { type: 'text', width: 40, cell: (r) => r.violations.join('; ') },
  plates: { type: 'text', width: 16, cell: (r) => r.vehicles.map((v) => v.plate).filter(Boolean).join('; ') },
  vehicles: { type: 'text', width: 18, cell: (r) => r.vehicles.map((v) => (vi.vehicleType as Record<string, string>)[v.type] ?? '').filter(Boolean).join('; ') },
  status: { type: 'text', width: 24, cell: (r) => vi.status[r.status] ?? r.status },
  outcome: { type: 'text', width: 24, cell: (r) => (r.outcome ? vi.status[outcomeOfMove[r.outcome.move as keyof typeof outcomeOfMove]] ?? '' : '') },
  decisionNumber: { type: 'text', width: 18, cell: (r) => (r.outcome?.move === 'sanction' ? str(r.outcome.detail.decisionNumber) : '') },
  decisionDate: { type: 'date', width: 12, cell: (r) => (r.outcome?.move === 'sanction' ? str(r.outcome.detail.decisionDate) : '') },
  fine: { type: 'vnd', width: 14, cell: (r) => (r.outcome?.move === 'sanction' && typeof r.outcome.detail.fineVnd === 'number' ? r.outcome.detail.fineVnd : null) },
  reward: { type: 'vnd', width: 14, cell: (r) => r.rewardVnd },
};

async function audited(station: Station, what: string, format: string, rows: number, filter: StatsFilter, detail: Record<string, unknown>) {
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'statistics.exported',
    detail: { ...detail, format, rows, filter, summary: vi.statistics.exportSummary(what, format.toUpperCase(), rows, formatDay(filter.from), formatDay(filter.to)) },
  });
}

const fileName = (stem: string, f: StatsFilter, ext: string) => `${stem}-${f.from}-${f.to}.${ext}`;

/** The reports the filters keep, refused past EXPORT_MAX rows (the clerk narrows the period rather than wait on a frozen desk). */
async function rowsOf(station: Station, filter: StatsFilter): Promise<ListedRow[]> {
  const ids = await reportIdsInScope(station.db, { unitId: station.unitId, ...filter }, EXPORT_MAX + 1);
  if (ids.length > EXPORT_MAX) throw new StationError('rejected', vi.statistics.tooMany(`${formatVndFigures(EXPORT_MAX)}+`, formatVndFigures(EXPORT_MAX)));
  return listedRows(station.db, station.unitId, ids);
}

export async function exportReports(station: Station, input: { filter: StatsFilter; columns: ReportColumn[]; format: Format }): Promise<ExportedFile> {
  if (input.columns.length === 0) throw new StationError('rejected', vi.statistics.noColumns);
  const rows = await rowsOf(station, input.filter);
  const columns = input.columns.map((k) => ({ header: vi.statistics.reportColumns[k], type: COLUMNS[k].type, width: COLUMNS[k].width }));
  const cells = rows.map((r) => input.columns.map((k) => COLUMNS[k].cell(r)));
  const bytes = input.format === 'csv' ? csvFile(columns, cells) : await xlsxFile(vi.statistics.listHeading, columns, cells);
  await audited(station, vi.statistics.listHeading, input.format, rows.length, input.filter, { columns: input.columns });
  return { fileName: fileName('danh-sach-phan-anh', input.filter, input.format), base64: bytes.toString('base64'), rows: rows.length };
}

/** An instant as ISO 8601 with the station's offset ("2026-11-23T14:05:00+07:00"), as GeoReport v2 writes times. */
const w3c = (instant: string) => `${utcIsoToLocal(instant)}:00+07:00`;

/**
 * The list as Open311 GeoReport v2 service requests (the interchange FixMyStreet and city systems read): the report's
 * code, open or closed, what it was about, where, when; the result as status notes. No description: a reporter's own
 * words may name them.
 */
export async function exportOpen311(station: Station, filter: StatsFilter): Promise<ExportedFile> {
  const rows = await rowsOf(station, filter);
  const unit = (await getUnit(station.db, station.unitId))!;
  const requests = rows.map((r) => {
    const decided = r.outcome !== null && !['received', 'dispatched', 'verifying'].includes(r.status);
    const sanction = decided && r.outcome!.move === 'sanction' ? r.outcome!.detail : null;
    return {
      service_request_id: r.code,
      status: decided ? 'closed' : 'open',
      status_notes: [vi.status[r.status] ?? r.status, sanction ? `${str(sanction.decisionNumber)} ${formatDay(str(sanction.decisionDate))}` : ''].filter(Boolean).join(': '),
      service_name: r.violations.join('; '),
      service_code: r.violations.length > 0 ? 'traffic_violation' : 'traffic_report',
      agency_responsible: unit.name,
      requested_datetime: w3c(r.receivedAt),
      updated_datetime: w3c(r.updatedAt),
      address: [formatPlace(r.place), r.place.provinceName].filter(Boolean).join(', '),
      lat: r.lat,
      long: r.lng,
    };
  });
  const bytes = Buffer.from(JSON.stringify(requests, null, 2), 'utf8');
  await audited(station, vi.statistics.listHeading, 'open311', rows.length, filter, {});
  return { fileName: fileName('open311', filter, 'json'), base64: bytes.toString('base64'), rows: rows.length };
}

/** A chart's table, as the screen shows it beside the chart. */
export async function exportTable(station: Station, input: { filter: StatsFilter; granularity: Granularity; chart: ChartKey; format: Format }): Promise<ExportedFile> {
  const stats = await statistics(station, input.filter);
  const table = statisticsTables(stats, input.filter, input.granularity)[input.chart];
  const vnd = new Set<string>([vi.statistics.columns.fine, vi.statistics.columns.reward]);
  const columns: Column[] = table.columns.map((header, i) => ({
    header, width: i === 0 ? 40 : 14, type: i === 0 || typeof table.rows[0]?.[i] === 'string' ? 'text' : vnd.has(header) ? 'vnd' : 'number',
  }));
  const bytes = input.format === 'csv' ? csvFile(columns, table.rows) : await xlsxFile(table.title, columns, table.rows);
  await audited(station, table.title, input.format, table.rows.length, input.filter, { chart: input.chart });
  return { fileName: fileName(`thong-ke-${input.chart}`, input.filter, input.format), base64: bytes.toString('base64'), rows: table.rows.length };
}
