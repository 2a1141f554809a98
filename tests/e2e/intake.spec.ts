import { expect, type Page, test } from '@playwright/test';
import { stationPerTest } from '../support/serve';

// Browser mode, real services: `station serve` on a real SQLite file, driven in Debian's Chromium.

const station = stationPerTest();

/** Presses Tab (keyboard only) until the field with this label has the focus. */
async function tabTo(page: Page, label: string | RegExp, maxPresses = 80): Promise<void> {
  const target = page.getByLabel(label, { exact: typeof label === 'string' });
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${String(label)}"`);
}

async function typeInto(page: Page, label: string | RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

test('an officer logs a hotline call by keyboard only, saves it, and finds it again', async ({ page }) => {
  await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  // Every field in the Tab path (the quick path is tested in keystrokes.spec.ts).
  await page.keyboard.press('Alt+m');

  await typeInto(page, 'Số điện thoại gọi đến', '0912 345 678');
  await typeInto(page, /Loại vi phạm/, 'vuot den');
  await page.keyboard.press('Enter');
  await page.keyboard.type('do xe');
  await page.keyboard.press('Enter');
  await expect(page.locator('.chip')).toHaveText([/vượt đèn đỏ/, /Dừng, đỗ xe/]);
  await typeInto(page, 'Thời điểm xảy ra', 'hôm qua 20h');
  await typeInto(page, 'Nội dung phản ánh', 'Ô tô trắng vượt đèn đỏ rồi đỗ sát ngã tư, cản trở giao thông.');
  await tabTo(page, /đang diễn ra/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('alert').filter({ hasText: 'KHẨN' })).toBeVisible();
  await typeInto(page, 'Tuyến đường', 'Đống Đa');
  await typeInto(page, 'Số nhà', '12');
  await typeInto(page, 'Lý trình (Km)', 'Km 3+200');
  await typeInto(page, 'Xã, phường', 'kon tum');
  await typeInto(page, 'Biển số', '82a12345');
  // Typed without separators it may be an old motorbike plate too: the officer picks the car reading.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Ô tô 82A-123.45' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Biển số')).toHaveValue('82A-123.45');
  await expect(page.getByText('Đọc là: 82A-123.45 — ô tô, Kon Tum (nay thuộc tỉnh Quảng Ngãi)')).toBeVisible();
  await tabTo(page, 'Loại xe');
  await page.keyboard.press('ArrowDown');
  await typeInto(page, 'Màu sơn', 'trắng');
  await typeInto(page, 'Họ và tên', 'Trần Thị Bình');
  await typeInto(page, 'Năm sinh', '1995');
  await typeInto(page, 'Số định danh cá nhân (CCCD/Căn cước)', '020195012345');
  await expect(page.getByText('CCCD: Lạng Sơn, sinh năm 1995, nữ')).toBeVisible();
  await tabTo(page, 'Đề nghị được thông báo kết quả');
  await page.keyboard.press('Space');

  await page.keyboard.press('Control+s');
  const saved = page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' });
  await expect(saved).toHaveText(/Đã lưu phản ánh PA-\d{4}-000001\./);
  const code = /PA-\d{4}-000001/.exec((await saved.textContent())!)![0];
  // The form is ready for the next call, and warns of the same plate seen before.
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Tuyến đường')).toHaveValue('');
  await typeInto(page, 'Biển số', '82-A 123 45');
  await expect(page.getByRole('complementary', { name: 'Phản ánh liên quan' }).getByText(code)).toBeVisible();

  // Search: the plate typed another way, then words without diacritics.
  await page.keyboard.press('F4');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('８２Ａ １２３.４５');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row').filter({ hasText: code })).toHaveCount(1);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('dong da');
  await page.keyboard.press('Enter');
  const row = page.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('12 Đống Đa');
  await expect(row).toContainText('82A-123.45');

  // Open it by keyboard: the detail shows the fields and the history, not the reporter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Phản ánh ${code}` })).toBeVisible();
  await expect(page.locator('.facts').first()).toContainText('Km 3+200');
  await expect(page.locator('.facts').first()).toContainText('Phường Kon Tum');
  await expect(page.getByRole('table').last()).toContainText(`Tiếp nhận phản ánh: ${code}`);
  await expect(page.getByText('Trần Thị Bình')).toHaveCount(0);
  await page.getByRole('button', { name: /Xem danh tính/ }).click();
  await page.getByLabel(/Lý do xem danh tính/).fill('gọi lại xác minh');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Trần Thị Bình')).toBeVisible();
  await expect(page.getByRole('table').last()).toContainText('Xem danh tính người phản ánh: gọi lại xác minh');
});

test('a draft typed, then the server killed (SIGKILL) and restarted, comes back with every field', async ({ page }) => {
  await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+m'); // every field in the Tab path
  const fields: [string | RegExp, string][] = [
    ['Số điện thoại gọi đến', '0260 386 2459'],
    ['Nội dung phản ánh', 'Xe khách chở quá số người, khách đứng chật lối đi.'],
    ['Tuyến đường', 'Quốc lộ 14'],
    ['Nút giao', 'ngã ba Nguyễn Trãi'],
    ['Lý trình (Km)', 'Km 1456+300'],
    [/Tọa độ GPS/, '14.3545, 108.0076'],
    ['Biển số', '82B-012.34'],
    ['Màu sơn', 'xanh'],
    ['Nhãn hiệu', 'Thaco Mobihome'],
    ['Chủ xe (nếu biết)', 'Công ty vận tải Tây Nguyên'],
    ['Họ và tên', 'Lê Văn Cường'],
    ['Năm sinh', '1980'],
    ['Số định danh cá nhân (CCCD/Căn cước)', '062080012345'],
    ['Địa chỉ', 'Tổ 5, phường Đăk Cấm'],
    ['Số điện thoại liên hệ', '0905 111 222'],
  ];
  await typeInto(page, /Loại vi phạm/, 'qua so nguoi');
  await page.keyboard.press('Enter');
  for (const [label, value] of fields) await typeInto(page, label, value);
  await tabTo(page, /đang diễn ra/);
  await page.keyboard.press('Space');
  await tabTo(page, 'Loại xe');
  // A car series plate (82B-…) sets the type to car; a coach is two steps down.
  await expect(page.getByLabel('Loại xe')).toHaveValue('car');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Loại xe')).toHaveValue('coach');
  const receivedAt = await page.getByLabel('Thời điểm tiếp nhận').inputValue();
  await page.waitForTimeout(700);
  await expect(page.getByText(/Bản nháp đã lưu lúc/)).toBeVisible();

  station.served!.process.kill('SIGKILL');
  await station.served!.stop();
  await station.open(page);

  await expect(page.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
  for (const [label, value] of fields) await expect(page.getByLabel(label, { exact: typeof label === 'string' })).toHaveValue(value);
  await expect(page.locator('.chip')).toHaveText([/Ô tô khách chở quá số người/]);
  await expect(page.getByLabel(/đang diễn ra/)).toBeChecked();
  await expect(page.getByLabel('Loại xe')).toHaveValue('coach');
  await expect(page.getByLabel('Thời điểm tiếp nhận')).toHaveValue(receivedAt);

  // And it saves as a report, after which the draft is gone for good.
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await expect(page.getByText('Đã khôi phục bản nháp chưa lưu.')).toHaveCount(0);
  await expect(page.getByLabel('Tuyến đường')).toHaveValue('');
});
