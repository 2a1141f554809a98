import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUnit } from '../../../db/queries/units';
import { formatVndFigures } from '../../../electron/contract/domain/amount-words';
import { campaignPeriod } from '../../../electron/contract/domain/statistics';
import type { CampaignReportParams } from '../../../electron/contract/schemas';
import { chartSvg, issueCampaignReport, previewCampaignReport } from '../../../electron/services/documents/campaign-report';
import { issuedDocumentFile } from '../../../electron/services/documents/issue';
import { statistics } from '../../../electron/services/statistics/statistics';
import { statisticsTables } from '../../../electron/contract/charts';
import { GENERATED_END, generateStation } from '../../support/generated-station';
import { pdfText, renderPages } from '../../support/pdf';
import { backends, officerWithAccount, TEST_UNIT, tempStation } from '../../support/station';

// The campaign's periodic report on a generated station: the figures read back from the PDF are the statistics' own
// for the period and the same period a year before (each also checked against the statistics test's straight SQL);
// its charts, drawn to SVG and printed as vectors, are not blank, in the SVG and on the rendered page; the clerk's
// assessment is printed; an issue without it is refused; the number is taken from the unit's report series.

const params = (over: Partial<CampaignReportParams> = {}): CampaignReportParams => ({
  kind: 'year', year: 2026, recipients: ['Ban Giám đốc Công an tỉnh (để b/c)'],
  narrative: {
    strengths: 'Tiếp nhận kịp thời mọi phản ánh của người dân.', shortcomings: 'Một số vụ việc xác minh quá hạn.',
    causes: 'Lực lượng mỏng, địa bàn rộng.', directions: 'Tiếp tục tuyên truyền kênh phản ánh.', proposals: 'Bổ sung thiết bị ghi hình.',
  },
  signer: { authority: { mark: 'KT.', of: 'TRƯỞNG PHÒNG' }, title: 'PHÓ TRƯỞNG PHÒNG', rank: 'Thượng tá', name: 'Nguyễn Văn Bình' },
  ...over,
});

/** Blue pixels (the charts' bars, #1d4ed8) in a PNG. */
async function bluePixels(png: Buffer | string): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < info.width * info.height; i++) {
    const [r, g, b] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
    if (b > 150 && r < 90 && g < 120) n++;
  }
  return n;
}

describe.each(backends)('%s', (backend) => {
  let now = GENERATED_END;
  let t: Awaited<ReturnType<typeof tempStation>>;
  const out = mkdtempSync(join(tmpdir(), 'campaign-report-'));

  beforeAll(async () => {
    t = await tempStation(() => now, backend);
    await updateUnit(t.station.db, t.station.unitId, { ...TEST_UNIT, periodRule: 'cutoff' });
    await generateStation(t.station, (at) => { now = at; }, 120, 21);
  }, 300_000);
  afterAll(async () => {
    await t.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('prints the period\'s figures and the same period a year before, the assessment, and the unit\'s heading', async () => {
    const year = campaignPeriod('cutoff', 'year', 2026);
    const last = campaignPeriod('cutoff', 'year', 2025);
    const none = { communeCode: null, violationCode: null, channel: null, outcome: null };
    const s = await statistics(t.station, { ...year, ...none });
    const before = await statistics(t.station, { ...last, ...none });
    expect(s.received).toBeGreaterThan(20);
    const text = pdfText(await previewCampaignReport(t.station, params())).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Tổng kết năm 2026');
    expect(text).toContain('từ ngày 15/12/2025 đến ngày 14/12/2026');
    expect(text).toContain('từ ngày 15/12/2024 đến ngày 14/12/2025');
    expect(text).toContain(`tiếp nhận ${formatVndFigures(s.received)} phản ánh (cùng kỳ năm trước ${formatVndFigures(before.received)},`);
    const sanctions = s.decided.find((d) => d.outcome === 'sanction')!;
    expect(text).toContain(`Ra quyết định xử phạt ${formatVndFigures(sanctions.n)} vụ việc, tổng số tiền phạt ${formatVndFigures(sanctions.fineVnd)} đồng`);
    // Each channel's row: its label and this period's count (the table's columns as pdftotext reads them).
    for (const c of s.byChannel) expect(text).toMatch(new RegExp(`${c.label} ${formatVndFigures(c.n)} `));
    expect(text).toContain('Một số vụ việc xác minh quá hạn.');
    expect(text).toContain('Số: …/BC-PC08');
    expect(text).toContain('PHÓ TRƯỞNG PHÒNG');
    // The officer issuing holds every role (the first account): reporters are named, and that look is audited.
    const looked = await t.station.db.selectFrom('audit_events').select('detail').where('action', '=', 'report.reporter-in-preview').execute();
    expect(looked.some((l) => l.detail.includes('campaign_report'))).toBe(true);
  });

  it('its charts are not blank: in the SVG drawn for the PDF, and on the rendered page', async () => {
    const s = await statistics(t.station, { ...campaignPeriod('cutoff', 'year', 2026), communeCode: null, violationCode: null, channel: null, outcome: null });
    const svg = await chartSvg(statisticsTables(s, campaignPeriod('cutoff', 'year', 2026), 'month').time, 220);
    expect(svg).toMatch(/^<svg/);
    expect(await bluePixels(await sharp(Buffer.from(svg)).png().toBuffer())).toBeGreaterThan(500);
    const pages = renderPages(await previewCampaignReport(t.station, params()), out, `${backend}-report`, 60);
    const blue = await Promise.all(pages.map((p) => bluePixels(p)));
    // Two charts, on whichever pages they fall.
    expect(blue.filter((n) => n > 300).length).toBeGreaterThanOrEqual(1);
    expect(blue.reduce((a, b) => a + b, 0)).toBeGreaterThan(1500);
  });

  it('an issue needs every part of the assessment; issued, it takes the report series\' number and reprints byte for byte', async () => {
    await expect(issueCampaignReport(t.station, params({ narrative: { ...params().narrative, causes: '' } }), null))
      .rejects.toMatchObject({ message: expect.stringContaining('Nguyên nhân') });
    const issued = await issueCampaignReport(t.station, params({ kind: 'half' }), null);
    expect(issued.number).toBe('01/BC-PC08');
    const file = await issuedDocumentFile(t.station, issued.id);
    const text = pdfText(file.bytes).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Sơ kết 6 tháng đầu năm 2026');
    expect(text).toContain('từ ngày 15/12/2025 đến ngày 14/06/2026');
    expect(text).toContain('Số: 01/BC-PC08');
    await expect(issueCampaignReport(t.station, params({ kind: 'half' }), null)).rejects.toMatchObject({ message: expect.stringContaining('01/BC-PC08') });
    const again = await issueCampaignReport(t.station, params({ kind: 'half' }), 'Bổ sung số liệu tháng 6');
    expect(again.number).toBe('02/BC-PC08');
    // Issued by an officer who may see identities, it named reporters: a line in each named report's history.
    const lines = await t.station.db.selectFrom('audit_events').select(['report_id', 'detail']).where('action', '=', 'report.reporter-in-document').execute();
    expect(lines.filter((l) => l.report_id !== null && l.detail.includes('campaign_report')).length).toBeGreaterThan(0);

    // A clerk, who may issue documents but not see identities, cannot reopen it.
    await officerWithAccount(t.host, 'Lò Thị Văn Thư', { login: 'vanthu', password: 'mật khẩu văn thư 2026', roles: ['clerk'] });
    await t.host.handlers['auth:signIn']({ login: 'vanthu', password: 'mật khẩu văn thư 2026' });
    await expect(issuedDocumentFile(t.station, again.id)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('02/BC-PC08') });
    // What the clerk issues names no one.
    const byClerk = await issueCampaignReport(t.station, params({ kind: 'year' }), null);
    const clerks = pdfText((await issuedDocumentFile(t.station, byClerk.id)).bytes).join(' ');
    expect(clerks).toMatch(/NPA-\d{6}/);
    expect(clerks).not.toContain('Nguyễn Văn An');
  });
});
