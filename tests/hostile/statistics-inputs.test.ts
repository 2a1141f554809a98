import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { reportColumns } from '../../electron/contract/schemas';
import { dispatch } from '../../electron/host/dispatch';
import { backends, form, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// Issue 12 as a hostile page and a careless caller would try it: filters no screen would send (SQL in a code, a
// state for a move, a day that does not exist, a period backwards, a column that does not exist), and a place typed
// as a spreadsheet formula, which the clerk's Excel must show as text, never run.

const figures = Object.assign(hostileFigures('statistics-inputs'), { badRequestsAccepted: 0, formulasExported: 0 });
const filter = { from: '2026-01-01', to: '2026-12-31', communeCode: null, violationCode: null, channel: null, outcome: null };

describe.each(backends)('statistics and exports under hostile inputs on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  it('filters, columns, formats and charts no screen would send are refused before any query runs', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    await h['report:create']({ draftId: null, form: form() });
    const bad: [string, unknown][] = [
      ['stats:get', { ...filter, communeCode: "23293' or 1=1 --" }],
      ['stats:get', { ...filter, violationCode: "red_light'; drop table reports; --" }],
      ['stats:get', { ...filter, channel: 'telepathy' }],
      ['stats:get', { ...filter, outcome: 'sanctioned' }],
      ['stats:get', { ...filter, from: '2026-02-30' }],
      ['stats:get', { ...filter, from: '2026-12-31', to: '2026-01-01' }],
      ['stats:get', { ...filter, unitId: 2 }],
      ['stats:exportReports', { filter, columns: ['code', 'reporterName'], format: 'csv' }],
      ['stats:exportReports', { filter, columns: [...reportColumns, ...reportColumns], format: 'csv' }],
      ['stats:exportReports', { filter, columns: ['code'], format: 'pdf' }],
      ['stats:exportTable', { filter, granularity: 'hour', chart: 'channel', format: 'csv' }],
      ['stats:exportTable', { filter, granularity: 'day', chart: '__proto__', format: 'csv' }],
      ['stats:plateHistory', { plateKey: 'x'.repeat(5000) }],
      ['rewards:set', { reportId: 1, status: 'approved', amountVnd: -1, note: '' }],
      ['rewards:set', { reportId: 1, status: 'stolen', amountVnd: null, note: '' }],
      ['document:campaignPreview', { kind: 'decade', year: 2026, narrative: {}, signer: {}, recipients: [] }],
    ];
    for (const [channel, input] of bad) {
      figures.requestsTried += 1;
      const r = await dispatch(h, channel, input, () => {});
      if (r.ok) figures.badRequestsAccepted += 1;
      expect(r.ok, `${channel} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
    }
    expect(await t.station.db.selectFrom('reports').select('id').execute()).toHaveLength(1);
    // A reward for a report that was never sanctioned: told so, nothing recorded.
    figures.requestsTried += 1;
    const r = await dispatch(h, 'rewards:set', { reportId: 1, status: 'approved', amountVnd: null, note: '' }, () => {});
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('không có quyết định xử phạt') } });
    expect(await t.station.db.selectFrom('rewards').select('report_id').execute()).toEqual([]);
  });

  it('a place typed as a formula is text in the CSV and in the workbook', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    const formulas = ['=HYPERLINK("http://example.invalid","bấm")', '+84 912', '-1+1', '@SUM(A1)'];
    await h['report:create']({ draftId: null, form: form({ location: { road: formulas[0]!, houseNumber: formulas[1]!, intersection: formulas[2]!, kmMarker: '' }, description: formulas[3]! }) });
    figures.requestsTried += 2;
    const csv = Buffer.from((await h['stats:exportReports']({ filter, columns: [...reportColumns], format: 'csv' })).base64, 'base64').toString('utf8');
    // Every field of the CSV, quoted or not, starts with something a spreadsheet does not evaluate.
    const fields = csv.slice(1).split(/\r\n/).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((f) => f.replace(/^"/, ''));
    const live = fields.filter((f) => /^[=+\-@]/.test(f));
    figures.formulasExported += live.length;
    expect(live).toEqual([]);
    expect(csv).toContain("'=HYPERLINK");

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await h['stats:exportReports']({ filter, columns: [...reportColumns], format: 'xlsx' })).base64, 'base64') as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => { cells.push(cell); }));
    const asFormula = cells.filter((c) => c.type === ExcelJS.ValueType.Formula);
    figures.formulasExported += asFormula.length;
    expect(asFormula).toEqual([]);
    expect(cells.some((c) => String(c.value).startsWith('=HYPERLINK'))).toBe(true);
  });
});
