import { useId, useMemo, useState } from 'react';
import { chartKeys, inTimeShare, type ChartKey, statisticsTables, type StatsTable } from '../../../../electron/contract/charts';
import { formatVndFigures } from '../../../../electron/contract/domain/amount-words';
import { granularities, type Granularity } from '../../../../electron/contract/domain/statistics';
import { formatDay, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { outcomeMoves } from '../../../../electron/contract/domain/workflow';
import { vi } from '../../../../electron/contract/messages.vi';
import { type Catalog, intakeChannels, reportColumns, type ReportColumn, type Session, type Statistics, type StatsFilter } from '../../../../electron/contract/schemas';
import { SelectField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { ReportTable } from '../reports/ReportTable';
import { Chart } from './Chart';
import { presets } from './periods';

// The statistics screen (issue 12.1): a period (the unit's campaign periods, this month, or any dates) and filters;
// the totals; each chart with its table beside it and its export; the list of the reports the filters keep, exported
// with chosen columns. Every change of a filter redraws at once.

const s = () => vi.statistics;
const HEIGHTS: Partial<Record<ChartKey, number>> = { time: 260, weekHour: 260 };
const MIME = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', open311: 'application/json' };

export function StatisticsPage(props: { session: Session; catalog: Catalog; onOpen: (id: number) => void }) {
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const choices = useMemo(() => presets(props.session.unit.periodRule, today), [props.session.unit.periodRule, today]);
  const [preset, setPreset] = useState('year');
  const [filter, setFilter] = useState<StatsFilter>({ ...choices[0]!.period, communeCode: null, violationCode: null, channel: null, outcome: null });
  const [granularity, setGranularity] = useState<Granularity>('month');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [plate, setPlate] = useState<Statistics['repeatPlates'][number] | null>(null);
  const backwards = filter.from > filter.to;
  const stats = useStation('stats:get', filter, !backwards);
  const tables = useMemo(() => (stats.data ? statisticsTables(stats.data, filter, granularity) : null), [stats.data, filter, granularity]);
  const set = (patch: Partial<StatsFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const communes = props.catalog.communes.filter((c) => c.provinceCode === props.session.unit.provinceCode);
  const f = s().filters;
  const all = { value: '', label: f.all };

  const exported = async (make: () => Promise<{ fileName: string; base64: string; rows: number }>, type: string) => {
    setMessage(null);
    try {
      const file = await make();
      saveFile(file.fileName, file.base64, type);
      setMessage({ text: s().exported(file.rows, file.fileName), error: false });
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    }
  };
  const exportTable = (chart: ChartKey, format: 'csv' | 'xlsx') =>
    exported(() => call('stats:exportTable', { filter, granularity, chart, format }), MIME[format]);

  return (
    <div className="statistics-panel">
      <p className="muted">{s().hint}</p>
      <form className="row filters" onSubmit={(e) => e.preventDefault()} aria-label={f.legend}>
        <SelectField label={f.period} value={preset} onChange={(key) => {
          setPreset(key);
          const chosen = choices.find((c) => c.key === key);
          if (chosen) set(chosen.period);
        }} options={[...choices.map((c) => ({ value: c.key, label: c.label })), { value: 'custom', label: f.custom }]} />
        {preset === 'custom' && (
          <>
            <TimeField mode="date" label={f.from} value={filter.from} required onChange={(v) => { if (v) set({ from: v }); }} />
            <TimeField mode="date" label={f.to} value={filter.to} required allowFuture onChange={(v) => { if (v) set({ to: v }); }} />
          </>
        )}
        <SelectField label={f.commune} value={filter.communeCode ?? ''} onChange={(v) => set({ communeCode: v || null })}
          options={[all, ...communes.map((c) => ({ value: c.code, label: c.name }))]} />
        <SelectField label={f.violation} value={filter.violationCode ?? ''} onChange={(v) => set({ violationCode: v || null })}
          options={[all, ...props.catalog.violationTypes.map((v) => ({ value: v.code, label: v.name }))]} />
        <SelectField label={f.channel} value={filter.channel ?? ''} onChange={(v) => set({ channel: (v || null) as StatsFilter['channel'] })}
          options={[all, ...intakeChannels.map((c) => ({ value: c, label: vi.channel[c] }))]} />
        <SelectField label={f.outcome} value={filter.outcome ?? ''} onChange={(v) => set({ outcome: (v || null) as StatsFilter['outcome'] })}
          options={[all, { value: 'pending', label: s().pending }, ...outcomeMoves.map((m) => ({ value: m, label: vi.workflow.move[m] ?? m }))]} />
        <SelectField label={f.granularity} value={granularity} onChange={(v) => setGranularity(v as Granularity)}
          options={granularities.map((g) => ({ value: g, label: s().granularity[g] }))} />
      </form>
      <p className="muted" aria-live="polite">{s().periodShown(formatDay(filter.from), formatDay(filter.to))}</p>
      {message && <p className={message.error ? 'notice error' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {backwards && <p className="notice error" role="alert">{vi.error.periodBackwards}</p>}
      {stats.error && <p className="notice error" role="alert">{stats.error.message}</p>}
      {stats.data && tables && !backwards && (
        <>
          {stats.data.catchingUp && <p className="notice warn" role="status">{s().catchingUp}</p>}
          <Totals stats={stats.data} />
          {stats.data.received === 0 && <p className="muted">{s().none}</p>}
          <div className="chart-grid">
            {chartKeys.map((key) => (
              <ChartPanel key={key} table={tables[key]} onExport={(format) => void exportTable(key, format)}
                onRow={key === 'repeatPlates' ? (i) => setPlate(stats.data!.repeatPlates[i] ?? null) : undefined} />
            ))}
          </div>
          {plate && <PlateHistory plate={plate} onOpen={props.onOpen} onClose={() => setPlate(null)} />}
          <ReportList filter={filter} onExport={(columns, format) => void exported(() => call('stats:exportReports', { filter, columns, format }), MIME[format])} />
        </>
      )}
    </div>
  );
}

function Totals(props: { stats: Statistics }) {
  const t = s().totals;
  const d = props.stats.decided;
  const sum = (k: 'n' | 'fineVnd' | 'rewardVnd' | 'inTime' | 'timed') => d.reduce((a, x) => a + x[k], 0);
  const sanctioned = d.find((x) => x.outcome === 'sanction')?.n ?? 0;
  const o = props.stats.overdueNow;
  const items: [string, string, string?][] = [
    [t.received, formatVndFigures(props.stats.received)],
    [t.decided, formatVndFigures(sum('n'))],
    [t.sanctioned, formatVndFigures(sanctioned)],
    [t.fines, t.vnd(formatVndFigures(sum('fineVnd')))],
    [t.rewards, t.vnd(formatVndFigures(sum('rewardVnd')))],
    [t.inTime, inTimeShare(sum('inTime'), sum('timed'))],
    [t.overdue, formatVndFigures(o.verification + o.limitation), t.overdueDetail(o.verification, o.limitation)],
  ];
  return (
    <dl className="totals">
      {items.map(([label, value, note]) => (
        <div key={label} className="total" title={note}>
          <dt>{label}</dt>
          <dd data-total={label}>{value}</dd>
          {note && <dd className="note">{note}</dd>}
        </div>
      ))}
    </dl>
  );
}

function cell(v: string | number): string {
  return typeof v === 'number' ? formatVndFigures(v) : v;
}

function ChartPanel(props: { table: StatsTable; onExport: (format: 'csv' | 'xlsx') => void; onRow?: (index: number) => void }) {
  const id = useId();
  const { table } = props;
  const wide = table.key === 'weekHour';
  const empty = table.rows.length === 0 || table.rows.every((r) => r.slice(1).every((v) => v === 0));
  // The decisions and the plates are read as tables (several figures a row; each plate a link to its history).
  const drawn = !empty && table.key !== 'decided' && table.key !== 'repeatPlates';
  return (
    <section className={wide ? 'chart-panel wide' : 'chart-panel'} aria-labelledby={`${id}-title`} data-panel={table.key}>
      <header>
        <h2 id={`${id}-title`}>{table.title}</h2>
        <div className="actions">
          <button type="button" onClick={() => props.onExport('csv')}>{s().exportCsv}</button>
          <button type="button" onClick={() => props.onExport('xlsx')}>{s().exportXlsx}</button>
        </div>
      </header>
      <div className={drawn ? 'chart-body' : 'chart-body table-only'}>
        {drawn && <Chart table={table} height={HEIGHTS[table.key] ?? Math.max(160, 26 * table.rows.length + 40)} label={table.title} />}
        <div className="chart-table">
          <table aria-label={`${s().table}: ${table.title}`}>
            <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>{r.map((v, j) => (j > 0 ? <td key={j} className="num">{cell(v)}</td>
                  : <th key={j} scope="row">{props.onRow ? <button type="button" className="link" onClick={() => props.onRow!(i)}>{v}</button> : v}</th>))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** A repeat offender: every report of the plate, each opening the report. */
function PlateHistory(props: { plate: Statistics['repeatPlates'][number]; onOpen: (id: number) => void; onClose: () => void }) {
  const id = useId();
  const history = useStation('stats:plateHistory', { plateKey: props.plate.key });
  return (
    <section className="plate-history" aria-labelledby={`${id}-title`}>
      <header>
        <h2 id={`${id}-title`}>{s().plateHistory(props.plate.plate)}</h2>
        <button type="button" onClick={props.onClose}>{s().closeHistory}</button>
      </header>
      {history.error && <p className="notice error" role="alert">{history.error.message}</p>}
      {history.data && <ReportTable rows={history.data} onOpen={props.onOpen} />}
    </section>
  );
}

function ReportList(props: { filter: StatsFilter; onExport: (columns: ReportColumn[], format: 'csv' | 'xlsx' | 'open311') => void }) {
  const id = useId();
  const [columns, setColumns] = useState<ReportColumn[]>([...reportColumns]);
  const toggle = (c: ReportColumn) => setColumns((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : reportColumns.filter((x) => x === c || cs.includes(x))));
  return (
    <section className="report-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s().listHeading}</h2>
      <p className="muted">{s().listHint}</p>
      <fieldset className="columns">
        <legend>{s().columnsLegend}</legend>
        {reportColumns.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={columns.includes(c)} onChange={() => toggle(c)} /> {s().reportColumns[c]}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" onClick={() => props.onExport(columns, 'csv')}>{s().exportCsv}</button>
        <button type="button" onClick={() => props.onExport(columns, 'xlsx')}>{s().exportXlsx}</button>
        <button type="button" onClick={() => props.onExport(columns, 'open311')}>{s().exportOpen311}</button>
      </div>
    </section>
  );
}
