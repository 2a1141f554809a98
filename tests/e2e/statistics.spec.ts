import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { openStation } from '../../electron/host/open-station';
import { COMMUNES, GENERATED_END, generateStation } from '../support/generated-station';
import { pdfText } from '../support/pdf';
import { stationPerTest } from '../support/serve';
import { signInForTest } from '../support/station';

// Browser mode, real services: a station's two years of reports (generated through the services), the statistics
// screen filtered by a commune and an outcome (the charts and tables change), a chart's table exported as CSV and the
// list of reports as Excel, both read back.

const station = stationPerTest();

async function downloaded(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('filter the statistics, see the charts change, export a table as CSV and the list as Excel', async ({ page }) => {
  let now = GENERATED_END;
  const seeded = await openStation({ dataDir: station.dataDir, now: () => now });
  await signInForTest(seeded);
  await generateStation(seeded.station, (at) => { now = at; }, 80, 5);
  await seeded.close();

  await station.open(page);
  await page.getByRole('button', { name: 'Thống kê' }).click();
  await expect(page.getByRole('heading', { name: 'Thống kê', level: 1 })).toBeVisible();
  const filters = page.getByRole('form', { name: 'Điều kiện thống kê' });
  // Both years: everything generated.
  await filters.getByLabel('Kỳ thống kê').selectOption('custom');
  await filters.getByLabel('Từ ngày').fill('01/12/2024');
  await filters.getByLabel('Từ ngày').press('Tab');
  await expect(page.getByText('Từ ngày 01/12/2024 đến ngày')).toBeVisible();
  const received = page.locator('[data-total="Phản ánh tiếp nhận"]');
  await expect(received).toHaveText('88');

  const channelPanel = page.locator('[data-panel="channel"]');
  const channelChart = channelPanel.locator('[data-chart="channel"] svg');
  await expect(channelChart).toBeVisible();
  const before = await channelChart.innerHTML();
  const tableRows = async (panel: Locator) => panel.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent)));
  const channelsBefore = await tableRows(channelPanel);

  // One commune: fewer reports, another picture, another table.
  await filters.getByLabel('Xã, phường').selectOption(COMMUNES[1]!);
  await expect(received).not.toHaveText('88');
  const inCommune = Number(await received.textContent());
  expect(inCommune).toBeGreaterThan(0);
  await expect.poll(() => channelChart.innerHTML()).not.toBe(before);
  const channelsAfter = await tableRows(channelPanel);
  expect(channelsAfter).not.toEqual(channelsBefore);
  expect(channelsAfter.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(inCommune);
  // The chart draws what its table says: every channel of the table is named in the picture.
  for (const [label] of channelsAfter) await expect(channelPanel.locator('svg text', { hasText: label! })).not.toHaveCount(0);

  // And sanctioned only: the decided table lists sanctions alone.
  await filters.getByLabel('Kết quả xử lý').selectOption('sanction');
  const decided = page.locator('[data-panel="decided"]');
  await expect(decided.locator('tbody tr th')).toHaveText(['Đã xử phạt']);

  // The channel table as CSV, as the screen shows it.
  const csv = await downloaded(page, channelPanel.getByRole('button', { name: 'Xuất CSV' }));
  expect(csv.name).toMatch(/^thong-ke-channel-2024-12-01-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n').map((l) => l.split(','));
  expect(lines[0]).toEqual(['Kênh', 'Số phản ánh']);
  expect(lines.slice(1)).toEqual(await tableRows(channelPanel));
  await expect(page.getByRole('status').filter({ hasText: 'Đã xuất' })).toContainText(csv.name);

  // The list as Excel, without the place column: typed cells, one row a report kept by the filters.
  const sanctioned = Number(await received.textContent());
  await page.getByRole('checkbox', { name: 'Địa điểm' }).uncheck();
  const xlsx = await downloaded(page, page.locator('.report-export').getByRole('button', { name: 'Xuất Excel' }));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toContain('Thời gian tiếp nhận');
  expect(header).not.toContain('Địa điểm');
  expect(sheet.rowCount - 1).toBe(sanctioned);
  const at = (name: string) => header.indexOf(name) + 1;
  const first = sheet.getRow(2);
  expect(first.getCell(at('Thời gian tiếp nhận')).value).toBeInstanceOf(Date);
  expect(typeof first.getCell(at('Tiền phạt (đồng)')).value).toBe('number');
  expect(first.getCell(at('Kết quả xử lý')).value).toBe('Đã xử phạt');
  expect(sheet.getColumn(at('Hành vi vi phạm')).width).toBeGreaterThan(20);
});

test('a leader approves a reward, and the clerk issues the year\'s report from the same screen', async ({ page }) => {
  let now = GENERATED_END;
  const seeded = await openStation({ dataDir: station.dataDir, now: () => now });
  await signInForTest(seeded);
  await generateStation(seeded.station, (at) => { now = at; }, 60, 9);
  await seeded.close();

  await station.open(page, '#/thong-ke');
  await page.getByRole('tab', { name: 'Thưởng người phản ánh' }).click();
  await page.getByLabel('Kỳ thống kê').selectOption('year');
  const first = page.locator('tr[data-reward]').filter({ has: page.getByRole('button', { name: 'Duyệt' }) }).first();
  const code = await first.getAttribute('data-reward');
  await first.getByRole('textbox', { name: /^Ghi chú/ }).fill('QĐ khen thưởng 05/QĐ-KT');
  // The leader approves less than proposed: 1.000 đồng, typed as the desk writes money.
  await first.getByRole('textbox', { name: /^Mức thưởng/ }).fill('1.000');
  await first.getByRole('button', { name: 'Duyệt' }).click();
  const row = page.locator(`tr[data-reward="${code}"]`);
  await expect(row).toContainText('Đã duyệt');
  await expect(row.locator('td.num').nth(2)).toHaveText('1.000');
  await expect(row.getByRole('button', { name: 'Ghi đã chi' })).toBeVisible();

  await page.getByRole('tab', { name: 'Báo cáo sơ kết, tổng kết' }).click();
  // Without a signer, the field is named; without the assessment, the part missing is.
  await page.getByRole('button', { name: 'Cấp số và phát hành' }).click();
  await expect(page.getByRole('alert')).toContainText('Hãy điền: Họ tên người ký');
  await page.getByLabel('Họ tên người ký').fill('Nguyễn Văn Bình');
  await page.getByRole('button', { name: 'Cấp số và phát hành' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Cấp số/ }).click();
  await expect(page.getByRole('alert')).toContainText('Chưa viết phần: Ưu điểm');
  for (const [label, text] of [['Ưu điểm', 'Tiếp nhận kịp thời.'], ['Tồn tại, hạn chế', 'Còn vụ quá hạn.'], ['Nguyên nhân', 'Địa bàn rộng.'],
    ['Phương hướng, nhiệm vụ thời gian tới', 'Tuyên truyền.'], ['Đề xuất, kiến nghị', 'Bổ sung thiết bị.']]) {
    await page.getByLabel(label!, { exact: true }).fill(text!);
  }
  await page.getByRole('button', { name: 'Cấp số và phát hành' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Cấp số/ }).click();
  const link = page.getByRole('link', { name: /BC-PC08/ });
  await expect(link).toBeVisible();
  const pdf = await downloaded(page, link);
  const text = pdfText(pdf.bytes).join(' ').replace(/\s+/g, ' ');
  expect(text).toContain('BÁO CÁO');
  expect(text).toContain('Tổng kết năm');
  expect(text).toContain('Còn vụ quá hạn.');
  expect(text).toContain('đã duyệt 1 vụ việc');
});
