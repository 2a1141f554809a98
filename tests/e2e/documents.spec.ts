import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { openStation } from '../../electron/host/open-station';
import { createReport } from '../../electron/services/intake/reports';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { form, signInForTest } from '../support/station';
import { stationPerTest } from '../support/serve';

// Numbering without waste (issue 9.15): a number is taken only after a confirmation that shows it; issuing
// the same kind again offers the issued file (a reprint, the same bytes) or a new issue with its reason.

const station = stationPerTest();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function downloadOf(page: Page, link: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return download.path();
}

async function issuedRows(dataDir: string) {
  const host = await openStation({ dataDir });
  try {
    return await host.station.db.selectFrom('documents').select(['number', 'sha256', 'reissue_reason']).orderBy('id').execute();
  } finally {
    await host.close();
  }
}

test('issuing asks first; issuing again offers the reprint (same SHA-256) or a new number with its reason', async ({ page }) => {
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  const report = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(new Date()).slice(0, 16), occurredAt: '' }));
  await seeded.close();

  await station.open(page, `#/phan-anh/${report.code}`);
  const docs = page.getByRole('region', { name: 'Văn bản' });
  await docs.getByLabel('Loại văn bản').selectOption({ label: 'Phiếu tiếp nhận thông tin phản ánh' });
  await docs.getByLabel('Họ tên người ký').fill('Lê Thị Hoa');

  // The confirmation shows the number; cancelling takes none.
  await docs.getByRole('button', { name: 'Cấp số…' }).click();
  const confirm = docs.getByRole('dialog', { name: 'Cấp số văn bản' });
  await expect(confirm).toContainText('Cấp số 01/PTN-PC08 cho Phiếu tiếp nhận thông tin phản ánh?');
  await expect(confirm.getByRole('button', { name: 'Cấp số 01/PTN-PC08' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await docs.getByRole('button', { name: 'Cấp số…' }).click();
  await confirm.getByRole('button', { name: 'Cấp số 01/PTN-PC08' }).click();
  await expect(docs.getByRole('status')).toHaveText('Đã cấp số 01/PTN-PC08.');
  await expect(docs.getByRole('listitem').filter({ hasText: 'số 01/PTN-PC08' })).toBeVisible();

  // Again: the issued one is offered to reprint, byte for byte; a new number needs a reason.
  await docs.getByRole('button', { name: 'Cấp số…' }).click();
  await expect(confirm).toContainText('Phiếu tiếp nhận thông tin phản ánh đã được cấp:');
  const reprint = confirm.getByRole('link', { name: 'In lại bản đã cấp' });
  await expect(reprint).toBeFocused();
  const reprinted = sha256(await downloadOf(page, reprint));
  const newIssue = confirm.getByRole('button', { name: 'Cấp văn bản mới, số 02/PTN-PC08' });
  await expect(newIssue).toBeDisabled();
  await confirm.getByLabel(/ghi lý do/).fill('Sai chức danh người ký');
  await newIssue.click();
  await expect(docs.getByRole('status')).toHaveText('Đã cấp số 02/PTN-PC08.');

  const rows = await issuedRows(station.dataDir);
  expect(rows.map((r) => [r.number, r.reissue_reason])).toEqual([['01/PTN-PC08', null], ['02/PTN-PC08', 'Sai chức danh người ký']]);
  expect(reprinted).toBe(rows[0]!.sha256);
});

test('the register is previewed before a number is taken, and the same period again asks reprint or new', async ({ page }) => {
  await station.open(page);
  await page.keyboard.press('F3');
  const register = page.getByRole('region', { name: 'Sổ tiếp nhận thông tin, hình ảnh phản ánh' });
  await register.getByRole('button', { name: 'Xem trước sổ' }).click();
  await expect(register.locator('iframe.pdf-preview')).toBeVisible();
  await register.getByRole('button', { name: 'Cấp số sổ…' }).click();
  const confirm = register.getByRole('dialog', { name: 'Cấp số văn bản' });
  await confirm.getByRole('button', { name: 'Cấp số 01/SO-PC08' }).click();
  await expect(register.getByRole('link', { name: /số 01\/SO-PC08 — Tải PDF để in/ })).toBeVisible();
  await register.getByRole('button', { name: 'Cấp số sổ…' }).click();
  await expect(confirm).toContainText(/Sổ tiếp nhận từ ngày \d\d\/\d\d\/\d{4} đến ngày \d\d\/\d\d\/\d{4} đã được cấp:/);
  await confirm.getByLabel(/ghi lý do/).fill('Bổ sung phản ánh nhận muộn');
  await confirm.getByRole('button', { name: 'Cấp văn bản mới, số 02/SO-PC08' }).click();
  await expect(register.getByRole('link', { name: /số 02\/SO-PC08/ })).toBeVisible();
  expect((await issuedRows(station.dataDir)).map((r) => r.reissue_reason)).toEqual([null, 'Bổ sung phản ánh nhận muộn']);
});
