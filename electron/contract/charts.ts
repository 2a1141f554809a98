import type { EChartsCoreOption } from 'echarts/core';
import { formatVndFigures } from './domain/amount-words';
import { bucketLabel, foldByTime, type Granularity, type Period } from './domain/statistics';
import { vi } from './messages.vi';
import type { Statistics } from './schemas';

// The statistics as tables, and each table as a chart: the screen draws them with ECharts in the page, the periodic
// report draws the same options to SVG in Node, the exports write the same tables. A table is what a chart shows,
// so a chart never says what its table beside it does not.

export const chartKeys = ['time', 'channel', 'violation', 'commune', 'vehicle', 'outcome', 'weekHour', 'decided', 'repeatPlates'] as const;
export type ChartKey = (typeof chartKeys)[number];

export interface StatsTable {
  key: ChartKey;
  title: string;
  columns: string[];
  /** The first cell names the row; the others are numbers (counts, đồng) or, for shares, text. */
  rows: (string | number)[][];
}

const c = () => vi.statistics.columns;

function counted(key: ChartKey, title: string, first: string, counts: { label: string; n: number }[]): StatsTable {
  return { key, title, columns: [first, c().reports], rows: counts.map((x) => [x.label, x.n]) };
}

/** "12/15 (80 %)": decided within the deadline, of those with one. */
export function inTimeShare(inTime: number, timed: number): string {
  return timed === 0 ? '—' : `${inTime}/${timed} (${String(Math.round((inTime / timed) * 1000) / 10).replace('.', ',')} %)`;
}

export function statisticsTables(s: Statistics, period: Period, granularity: Granularity): Record<ChartKey, StatsTable> {
  const t = vi.statistics.charts;
  const days = vi.statistics.weekdays;
  const cells = new Map(s.weekHour.map((x) => [`${x.weekday}:${x.hour}`, x.n]));
  return {
    time: {
      key: 'time', title: t.time[granularity], columns: [c().bucket[granularity], c().reports],
      rows: foldByTime(s.byDay, period, granularity).map((b) => [bucketLabel(b.key, granularity), b.n]),
    },
    channel: counted('channel', t.channel, c().channel, s.byChannel),
    violation: counted('violation', t.violation, c().violation, s.byViolation),
    commune: counted('commune', t.commune, c().commune, s.byCommune),
    vehicle: counted('vehicle', t.vehicle, c().vehicle, s.byVehicle),
    outcome: counted('outcome', t.outcome, c().outcome, s.byOutcome),
    weekHour: {
      key: 'weekHour', title: t.weekHour, columns: [c().weekday, ...Array.from({ length: 24 }, (_, h) => `${h}h`)],
      rows: days.map((day, w) => [day, ...Array.from({ length: 24 }, (_, h) => cells.get(`${w}:${h}`) ?? 0)]),
    },
    decided: {
      key: 'decided', title: t.decided, columns: [c().outcome, c().reports, c().inTime, c().fine, c().reward],
      rows: s.decided.map((d) => [d.label, d.n, inTimeShare(d.inTime, d.timed), d.fineVnd, d.rewardVnd]),
    },
    repeatPlates: counted('repeatPlates', t.repeatPlates(s.repeatPlateCount), c().plate, s.repeatPlates.map((p) => ({ label: p.plate, n: p.n }))),
  };
}

const FONT = 'Noto Sans, Liberation Sans, Arial, sans-serif';

/** The ECharts option that draws a table (the first number column): bars, a line over time, the week × hour heat map. */
export function chartOption(table: StatsTable): EChartsCoreOption {
  const base = { animation: false, textStyle: { fontFamily: FONT, fontSize: 12 }, grid: { left: 8, right: 16, top: 16, bottom: 8 } };
  const figures = (v: unknown) => formatVndFigures(Number(v));
  if (table.key === 'weekHour') {
    const max = Math.max(1, ...table.rows.flatMap((r) => r.slice(1) as number[]));
    return {
      ...base,
      tooltip: { position: 'top' },
      xAxis: { type: 'category', data: table.columns.slice(1), splitArea: { show: true } },
      yAxis: { type: 'category', data: table.rows.map((r) => r[0]), inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, show: false, inRange: { color: ['#f3f6fb', '#1d4ed8'] } },
      series: [{
        type: 'heatmap', name: table.title,
        data: table.rows.flatMap((r, y) => (r.slice(1) as number[]).map((n, x) => [x, y, n])),
        label: { show: false },
      }],
    };
  }
  const labels = table.rows.map((r) => String(r[0]));
  const values = table.rows.map((r) => Number(r[1]));
  if (table.key === 'time') {
    return {
      ...base,
      tooltip: { trigger: 'axis', valueFormatter: figures },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: figures } },
      series: [{ type: labels.length > 62 ? 'line' : 'bar', name: table.columns[1], data: values, itemStyle: { color: '#1d4ed8' }, showSymbol: false }],
    };
  }
  // Most first, from the top; long names are cut on the axis and whole in the table beside.
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: figures },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: figures } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ type: 'bar', name: table.columns[1], data: values, itemStyle: { color: '#1d4ed8' }, label: { show: true, position: 'right', formatter: (p: { value: unknown }) => figures(p.value) } }],
  };
}
