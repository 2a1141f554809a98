import type { Content } from 'pdfmake/interfaces';
import { commendedReporters, officerWork, rewardTotals } from '../../../db/queries/statistics';
import { getUnit, listUnitOfficers } from '../../../db/queries/units';
import { addAuditEvent } from '../../../db/queries/audit';
import { chartOption, inTimeShare, type StatsTable, statisticsTables } from '../../contract/charts';
import { formatVndFigures, formatVndWithWords } from '../../contract/domain/amount-words';
import { numberOf } from '../../contract/domain/documents';
import { allows } from '../../contract/domain/permissions';
import { campaignPeriod, change, sameTimeLastYear } from '../../contract/domain/statistics';
import { formatDay } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import { type CampaignReportParams, type IssuedDocument, narrativeParts, type Statistics, type StatsFilter, type Unit } from '../../contract/schemas';
import { StationError } from '../errors';
import { reporterOnFile } from '../intake/reports';
import { reporterCode } from '../statistics/rewards';
import { statistics } from '../statistics/statistics';
import type { Station } from '../station';
import { type AdminDocument, adminDocument } from './admin-layout';
import { issue, reissueCheck } from './issue';
import { renderPdf } from './pdf';

// Báo cáo sơ kết 6 tháng / tổng kết năm (issue 12.2): the plans' periodic report on the campaign, in NĐ 30/2020 form.
// The figures are the statistics screen's (the same service), compared with the same period a year before; the charts
// are the screen's, drawn to SVG by ECharts in Node and printed as vectors; the assessment is the clerk's, typed
// before issuing. The commendation list names reporters by code, or by name when the officer issuing it may see
// identities (a look at them, in the audit trail). Issued and numbered like the unit's other reports.

const WIDTH = 450;

/** ECharts, loaded the first time a chart is drawn (half a second of every start otherwise). */
let charting: Promise<typeof import('echarts/core')> | null = null;
function echartsCore(): Promise<typeof import('echarts/core')> {
  charting ??= Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')])
    .then(([core, charts, components, renderers]) => {
      // The options are the screen's (with their tooltips, which a still picture never shows).
      core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.TooltipComponent, renderers.SVGRenderer]);
      return core;
    })
    // A load that failed is tried again with the next chart.
    .catch((err: unknown) => { charting = null; throw err; });
  return charting;
}

/** A statistics table drawn as the screen draws it, as SVG for the PDF (server-side rendering, no DOM). */
export async function chartSvg(table: StatsTable, height: number): Promise<string> {
  const chart = (await echartsCore()).init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ ...chartOption(table), textStyle: { fontFamily: 'Serif', fontSize: 10 } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const none = { communeCode: null, violationCode: null, channel: null, outcome: null };

async function gather(station: Station, params: CampaignReportParams) {
  const unit = (await getUnit(station.db, station.unitId))!;
  const period = campaignPeriod(unit.periodRule, params.kind, params.year);
  const before = sameTimeLastYear(unit.periodRule, params.kind, params.year);
  const now: Statistics = await statistics(station, { ...period, ...none } satisfies StatsFilter);
  const then: Statistics = await statistics(station, { ...before, ...none } satisfies StatsFilter);
  const rewards = await rewardTotals(station.db, station.unitId, period.from, period.to);
  const officer = (await listUnitOfficers(station.db, station.unitId)).find((o) => o.id === station.officerId);
  const named = allows('reveal', officer?.roles ?? []);
  const reporters = await Promise.all((await commendedReporters(station.db, station.unitId, period.from, period.to, 10)).map(async (r) => ({
    ...r, name: named ? (await reporterOnFile(station, r.reportId))?.fullName ?? reporterCode(r.reporterId) : reporterCode(r.reporterId),
  })));
  const officers = (await officerWork(station.db, station.unitId, period.from, period.to)).slice(0, 10);
  const tables = statisticsTables(now, period, 'month');
  const charts = { time: await chartSvg(tables.time, 220), channel: await chartSvg(tables.channel, Math.max(140, 22 * tables.channel.rows.length + 40)) };
  return { unit, period, before, now, then, rewards, reporters, named, officers, tables, charts };
}
type Gathered = Awaited<ReturnType<typeof gather>>;

const sum = (s: Statistics, k: 'n' | 'fineVnd' | 'rewardVnd' | 'inTime' | 'timed', outcome?: string) =>
  s.decided.filter((d) => outcome === undefined || d.outcome === outcome).reduce((a, d) => a + d[k], 0);

/** Rows of a comparison table: each label of this period or the last, its two figures and the change. */
function compared(nowRows: { key: string; label: string; n: number }[], thenRows: { key: string; label: string; n: number }[], limit = 12): Content[][] {
  const keys = [...new Map([...nowRows, ...thenRows].map((r) => [r.key, r.label]))].slice(0, limit);
  const n = (rows: typeof nowRows, key: string) => rows.find((r) => r.key === key)?.n ?? 0;
  return keys.map(([key, label]) => [label, formatVndFigures(n(nowRows, key)), formatVndFigures(n(thenRows, key)), change(n(nowRows, key), n(thenRows, key))]
    .map((text, i) => ({ text, fontSize: 11, alignment: i === 0 ? 'left' as const : 'right' as const })));
}

function table(header: string[], rows: Content[][], widths: (number | string)[]): Content {
  return {
    table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, bold: true, fontSize: 11, alignment: 'center' as const })), ...rows] },
    margin: [0, 4, 0, 8],
  };
}

const para = (text: string): Content => ({ text, alignment: 'justify', margin: [0, 0, 0, 6], leadingIndent: 28 });
const heading = (text: string): Content => ({ text, bold: true, margin: [0, 6, 0, 4] });
const subheading = (text: string): Content => ({ text, bold: true, italics: true, margin: [0, 4, 0, 3] });
/** A part of the assessment the clerk has not written yet shows as dots on a preview (an issue refuses it). */
const written = (text: string): Content[] => (text === '' ? [para('…')] : text.split(/\n+/).map(para));

export function campaignReportDocument(g: Gathered, params: CampaignReportParams, number: string, issuedAt: Date): AdminDocument {
  const { now, then } = g;
  const periodText = `từ ngày ${formatDay(g.period.from)} đến ngày ${formatDay(g.period.to)}`;
  const cols = ['Nội dung', 'Kỳ này', 'Cùng kỳ năm trước', 'Tăng, giảm'];
  const widths = ['*', 70, 80, 70];
  const { tables, charts } = g;
  const decidedNow = sum(now, 'n');
  const sanctions = sum(now, 'n', 'sanction');
  const fines = sum(now, 'fineVnd');
  const { proposed, approved, paid } = g.rewards;
  const all = proposed.n + approved.n + paid.n;
  const title = params.kind === 'half'
    ? `Sơ kết 6 tháng đầu năm ${params.year} thực hiện kế hoạch tiếp nhận, xử lý thông tin, hình ảnh phản ánh vi phạm trật tự, an toàn giao thông`
    : `Tổng kết năm ${params.year} thực hiện kế hoạch tiếp nhận, xử lý thông tin, hình ảnh phản ánh vi phạm trật tự, an toàn giao thông`;
  const body: Content[] = [
    para(`Thực hiện kế hoạch tiếp nhận, xử lý thông tin, hình ảnh phản ánh vi phạm trật tự, an toàn giao thông, ${g.unit.name} báo cáo kết quả thực hiện ${periodText} (số liệu so sánh với cùng kỳ năm trước, từ ngày ${formatDay(g.before.from)} đến ngày ${formatDay(g.before.to)}) như sau:`),
    heading('I. KẾT QUẢ THỰC HIỆN'),
    subheading('1. Tiếp nhận thông tin, hình ảnh phản ánh'),
    para(`Trong kỳ, đơn vị tiếp nhận ${formatVndFigures(now.received)} phản ánh (cùng kỳ năm trước ${formatVndFigures(then.received)}, ${change(now.received, then.received)}); `
      + `có ${formatVndFigures(now.repeatPlateCount)} biển số bị phản ánh từ 2 lần trở lên.`),
    { text: 'Bảng 1. Phản ánh tiếp nhận theo kênh', italics: true, alignment: 'center' },
    table(cols, [...compared(now.byChannel, then.byChannel), [{ text: 'Tổng cộng', bold: true, fontSize: 11 }, ...[now.received, then.received].map((n) => ({ text: formatVndFigures(n), bold: true, fontSize: 11, alignment: 'right' as const })), { text: change(now.received, then.received), bold: true, fontSize: 11, alignment: 'right' as const }]], widths),
    { svg: charts.time, width: WIDTH, alignment: 'center', margin: [0, 2, 0, 2] },
    { text: `Biểu đồ 1. ${tables.time.title}`, italics: true, alignment: 'center', margin: [0, 0, 0, 6] },
    { text: 'Bảng 2. Phản ánh tiếp nhận theo hành vi vi phạm', italics: true, alignment: 'center' },
    table(cols, compared(now.byViolation, then.byViolation), widths),
    { svg: charts.channel, width: WIDTH, alignment: 'center', margin: [0, 2, 0, 2] },
    { text: `Biểu đồ 2. ${tables.channel.title}`, italics: true, alignment: 'center', margin: [0, 0, 0, 6] },
    subheading('2. Kết quả xác minh, xử lý'),
    para(`Trong kỳ, đơn vị đã có kết quả xác minh, xử lý ${formatVndFigures(decidedNow)} vụ việc (cùng kỳ năm trước ${formatVndFigures(sum(then, 'n'))}); `
      + `xác minh trong thời hạn ${inTimeShare(sum(now, 'inTime'), sum(now, 'timed'))} vụ việc có thời hạn xác minh. `
      + `Ra quyết định xử phạt ${formatVndFigures(sanctions)} vụ việc, tổng số tiền phạt ${formatVndWithWords(fines)}. `
      + `Hiện còn ${formatVndFigures(now.overdueNow.verification)} phản ánh quá hạn xác minh và ${formatVndFigures(now.overdueNow.limitation)} phản ánh quá thời hạn sử dụng thông tin.`),
    { text: 'Bảng 3. Kết quả xác minh, xử lý', italics: true, alignment: 'center' },
    table(cols, [
      ...compared(now.decided.map((d) => ({ key: d.outcome, label: d.label, n: d.n })), then.decided.map((d) => ({ key: d.outcome, label: d.label, n: d.n }))),
      ['Tiền phạt (đồng)', formatVndFigures(fines), formatVndFigures(sum(then, 'fineVnd')), change(fines, sum(then, 'fineVnd'))]
        .map((text, i) => ({ text, fontSize: 11, alignment: i === 0 ? 'left' as const : 'right' as const })),
    ], widths),
    subheading('3. Thưởng người cung cấp thông tin, hình ảnh'),
    para(`Đề xuất thưởng ${formatVndFigures(all)} vụ việc, tổng số tiền ${formatVndFigures(proposed.proposedVnd + approved.proposedVnd + paid.proposedVnd)} đồng; `
      + `đã duyệt ${formatVndFigures(approved.n + paid.n)} vụ việc, ${formatVndFigures(approved.amountVnd + paid.amountVnd)} đồng; đã chi ${formatVndFigures(paid.n)} vụ việc, ${formatVndFigures(paid.amountVnd)} đồng.`),
    heading('II. ĐÁNH GIÁ'),
    subheading('1. Ưu điểm'), ...written(params.narrative.strengths),
    subheading('2. Tồn tại, hạn chế'), ...written(params.narrative.shortcomings),
    subheading('3. Nguyên nhân'), ...written(params.narrative.causes),
    heading('III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'), ...written(params.narrative.directions),
    heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'), ...written(params.narrative.proposals),
    para('Đề nghị khen thưởng các cá nhân có nhiều thông tin, hình ảnh phản ánh được xác minh, xử lý và các cán bộ có thành tích trong tiếp nhận, xử lý phản ánh:'),
    { text: `Danh sách 1. Người cung cấp thông tin${g.named ? '' : ' (ghi bằng mã; danh tính tra cứu theo số phản ánh)'}`, italics: true, alignment: 'center' },
    table(['STT', 'Người cung cấp', 'Số vụ xử phạt', 'Tiền phạt (đồng)'], g.reporters.map((r, i) => [String(i + 1), r.name, formatVndFigures(r.n), formatVndFigures(r.fineVnd)]
      .map((text, j) => ({ text, fontSize: 11, alignment: j === 1 ? 'left' as const : j === 0 ? 'center' as const : 'right' as const }))), [30, '*', 80, 100]),
    { text: 'Danh sách 2. Cán bộ tiếp nhận, xử lý', italics: true, alignment: 'center' },
    table(['STT', 'Cán bộ', 'Phản ánh tiếp nhận', 'Vụ việc có kết quả'], g.officers.map((o, i) => [String(i + 1), [g.unit.printsRanks ? o.rank : '', o.name].filter(Boolean).join(' '), formatVndFigures(o.received), formatVndFigures(o.decided)]
      .map((text, j) => ({ text, fontSize: 11, alignment: j === 1 ? 'left' as const : j === 0 ? 'center' as const : 'right' as const }))), [30, '*', 90, 90]),
    para(`Trên đây là báo cáo ${params.kind === 'half' ? 'sơ kết 6 tháng' : 'tổng kết năm'} ${params.year} của ${g.unit.name}./.`),
  ];
  return {
    issuer: { parentName: g.unit.parentName, name: g.unit.name, place: g.unit.placeName },
    number, issuedAt, printsRanks: g.unit.printsRanks, title: 'BÁO CÁO', titleNote: title, body, signer: params.signer,
    copiesTo: [...params.recipients, `Lưu: VT, ${g.unit.draftingSymbol || g.unit.documentSymbol}`],
  };
}

/** The identities a report naming reporters shows are a look at them: a line in the history of each report they come from. */
async function auditNames(station: Station, g: Gathered, what: 'preview' | 'issue') {
  if (!g.named) return;
  // In each named reporter's own report history, as any other look at their identity.
  for (const r of g.reporters) {
    await addAuditEvent(station.db, {
      at: station.now().toISOString(), officerId: station.officerId, reportId: r.reportId, action: what === 'preview' ? 'report.reporter-in-preview' : 'report.reporter-in-document',
      detail: { kind: 'campaign_report', ...g.period },
    });
  }
}

export async function previewCampaignReport(station: Station, params: CampaignReportParams): Promise<Buffer> {
  const g = await gather(station, params);
  await auditNames(station, g, 'preview');
  return renderPdf(adminDocument(campaignReportDocument(g, params, numberOf('campaign_report', null, g.unit as Unit), station.now())));
}

/** Issues the report for its period: every part of the assessment written, a reason when one was issued before. */
export async function issueCampaignReport(station: Station, params: CampaignReportParams, reissueReason: string | null): Promise<IssuedDocument> {
  const empty = narrativeParts.filter((k) => params.narrative[k] === '');
  if (empty.length > 0) throw new StationError('rejected', vi.campaignReport.unwritten(empty.map((k) => vi.campaignReport.parts[k])));
  const g = await gather(station, params);
  const reason = await reissueCheck(station, 'campaign_report', { period: g.period }, reissueReason);
  const issuedAt = station.now();
  await auditNames(station, g, 'issue');
  return issue(station, { target: { period: g.period }, kind: 'campaign_report', params: { ...params, named: g.named && g.reporters.length > 0 }, issuedAt, reissueReason: reason },
    (seq) => numberOf('campaign_report', seq, g.unit as Unit), (number) => renderPdf(adminDocument(campaignReportDocument(g, params, number, issuedAt))));
}

