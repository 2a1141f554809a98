import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { openStation } from '../../electron/host/open-station';
import { importFiles } from '../../electron/services/evidence/import';
import { scanFolder } from '../../electron/services/evidence/scan';
import { createReport } from '../../electron/services/intake/reports';
import { makeJpeg } from '../support/media';
import { GENERATED_END, generateStation } from '../support/generated-station';
import { stationPerTest } from '../support/serve';
import { form, signInForTest } from '../support/station';

// The main screens at the desk's usual 1366×768: axe-core finds nothing serious or critical, and each
// screen is kept as a screenshot in tests/.artifacts/screens/.

const station = stationPerTest();
test.use({ viewport: { width: 1366, height: 768 } });

async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious, screen).toEqual([]);
  await page.screenshot({ path: `tests/.artifacts/screens/${screen}-1366x768.png` });
}

test('intake, report, evidence viewer, Today, search, days off and the issue confirmation: no serious or critical accessibility violation', async ({ page }) => {
  const usb = mkdtempSync(join(tmpdir(), 'station-a11y-'));
  await makeJpeg(join(usb, 'IMG_0001.jpg'), { make: 'samsung', model: 'SM-A546E', taken: '2026:11:20 14:05:09', offset: '+07:00' });
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  // Long place and violations, as lists hold at a busy desk: they squeeze the short columns.
  const report = await createReport(seeded.station, null, form({
    location: { road: 'Đường Trường Chinh đoạn từ ngã ba Phan Đình Phùng đến cầu Đăk Bla, phía trước chợ trung tâm thành phố', intersection: 'ngã tư Trần Hưng Đạo – Bà Triệu' },
    violationCodes: ['red_light', 'no_helmet', 'one_way', 'reckless', 'spilling_load'],
  }));
  await importFiles(seeded.station, { reportId: report.id, files: (await scanFolder(usb)).files, sourceLabel: 'USB' });
  await seeded.close();
  rmSync(usb, { recursive: true, force: true });

  const { url } = await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await noSeriousViolations(page, 'intake');

  await page.goto(`${url}#/phan-anh/${report.code}`);
  await expect(page.getByRole('heading', { name: `Phản ánh ${report.code}` })).toBeVisible();
  await noSeriousViolations(page, 'report');

  await page.locator('.evidence-grid .card').first().getByRole('button').first().click();
  await expect(page.getByRole('dialog', { name: 'IMG_0001.jpg' })).toBeVisible();
  await noSeriousViolations(page, 'evidence-viewer');
  await page.keyboard.press('Escape');

  await page.keyboard.press('F3');
  await expect(page.getByRole('heading', { name: /Phản ánh tiếp nhận hôm nay/ })).toBeVisible();
  await noSeriousViolations(page, 'today');

  await page.keyboard.press('F4');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type(report.code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toBeVisible();
  await noSeriousViolations(page, 'search');
  // At 1366×768 a report code, its time and a plate each stay on one line.
  const lines = await page.locator('table.reports tbody tr').first().evaluate((row) => [0, 1, 3].map((i) => {
    const range = document.createRange();
    range.selectNodeContents(row.children[i]!);
    return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
  }));
  expect(lines).toEqual([1, 1, 1]);

  await page.goto(`${url}#/lich-nghi`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await noSeriousViolations(page, 'days-off');

  await page.goto(`${url}#/nhat-ky`);
  await expect(page.getByRole('heading', { name: 'Nhật ký hệ thống' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await noSeriousViolations(page, 'audit');

  // The report page with a document's confirmation open, and the sanction form.
  await page.goto(`${url}#/phan-anh/${report.code}`);
  const docs = page.getByRole('region', { name: 'Văn bản' });
  await docs.getByLabel('Loại văn bản').selectOption({ label: 'Phiếu tiếp nhận thông tin phản ánh' });
  await docs.getByLabel('Họ tên người ký').fill('Lê Thị Hoa');
  await docs.getByRole('button', { name: 'Cấp số…' }).click();
  await expect(docs.getByRole('dialog', { name: 'Cấp số văn bản' })).toBeVisible();
  await noSeriousViolations(page, 'issue-confirm');
});

test('the admin screen, each tab: no serious or critical accessibility violation', async ({ page }) => {
  await station.open(page, '#/quan-tri');
  for (const [tab, screen] of [['Đơn vị', 'admin-unit'], ['Cán bộ, tài khoản', 'admin-officers'], ['Hành vi vi phạm', 'admin-violations'],
    ['Thời hạn, căn cứ', 'admin-rules'], ['Cơ quan nhận chuyển', 'admin-agencies'], ['Cài đặt', 'admin-settings']] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.loading')).toHaveCount(0);
    await noSeriousViolations(page, screen);
  }
});

test('the statistics screen, each tab, with charts and figures: no serious or critical accessibility violation', async ({ page }) => {
  let now = GENERATED_END;
  const seeded = await openStation({ dataDir: station.dataDir, now: () => now });
  await signInForTest(seeded);
  await generateStation(seeded.station, (at) => { now = at; }, 40, 3);
  await seeded.close();
  await station.open(page, '#/thong-ke');
  await expect(page.locator('[data-chart="channel"] svg')).toBeVisible();
  for (const [tab, screen] of [['Số liệu', 'statistics'], ['Thưởng người phản ánh', 'statistics-rewards'], ['Báo cáo sơ kết, tổng kết', 'statistics-report']] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.loading')).toHaveCount(0);
    await noSeriousViolations(page, screen);
  }
});
