import { expect, type Page, test } from '@playwright/test';
import { formatLocalEntry, parseTimeEntry } from '../../electron/contract/domain/time-entry';
import { localToUtcIso, utcIsoToLocal } from '../../electron/contract/domain/time';
import { stationPerTest } from '../support/serve';

// Issue 8, points 1 and 7, in browser mode. The browser is set to American English in New York on purpose:
// what the officer types and reads must not follow the browser's locale or time zone.
test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

const station = stationPerTest();

/** Presses Tab (keyboard only) until the field with this label has the focus. */
async function tabTo(page: Page, label: string, maxPresses = 80): Promise<void> {
  const target = page.getByLabel(label, { exact: true });
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${label}"`);
}

/** Replaces what a field holds by typing, as an officer does (select all, type). */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/** What the station should read, at this minute: the contract's own parser, in station time. */
const expected = (text: string) => {
  const read = parseTimeEntry(text, new Date(), 'datetime');
  if (!read.ok) throw new Error(`the parser refuses ${text}`);
  return formatLocalEntry(read.local);
};

test('times typed the desk\'s way are understood and echoed; wrong ones keep the field red, block the save and get the focus', async ({ page }) => {
  await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+m'); // every field in the Tab path

  // The preset reception time is written dd/mm/yyyy HH:mm in station time, not "12/01/2026, 08:34 PM".
  const received = page.getByLabel('Thời điểm tiếp nhận', { exact: true });
  await expect(received).toHaveValue(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
  expect((await received.inputValue()).slice(6)).toBe(formatLocalEntry(utcIsoToLocal(new Date()).slice(0, 10)));

  await tabTo(page, 'Loại vi phạm (gõ để lọc, Enter để chọn)');
  await page.keyboard.type('vuot den');
  await page.keyboard.press('Enter');

  const occurred = page.getByLabel('Thời điểm xảy ra', { exact: true });
  await tabTo(page, 'Thời điểm xảy ra');
  const yesterday = formatLocalEntry(utcIsoToLocal(new Date(Date.now() - 86_400_000)).slice(0, 10));
  // What "now" reads is worked out just before it is typed: a minute may turn while the list is gone through.
  const accepted: [string, string | (() => string)][] = [
    ['8h30', expected('8h30')],
    ['8:30', expected('8:30')],
    ['0830', expected('0830')],
    ['8g30', expected('8g30')],
    ['8 giờ 30', expected('8 giờ 30')],
    ['20h15', expected('20h15')],
    ['8h tối', expected('8h tối')],
    ['2h chiều', expected('2h chiều')],
    ['1/12 8h', expected('1/12 8h')],
    ['hôm nay', () => expected('hôm nay')],
    ['bay gio', () => expected('bay gio')],
    ['hôm qua 20h', `20:00 ${yesterday}`],
    ['hqua 20h', `20:00 ${yesterday}`],
    ['hom qua 20h', `20:00 ${yesterday}`],
    ['01/12/2025 08:30', '08:30 01/12/2025'],
    ['1-12-2025 8:30', '08:30 01/12/2025'],
    ['01122025 0830', '08:30 01/12/2025'],
    ['12012026', '00:00 12/01/2026'],
  ];
  for (const [typed, echo] of accepted) {
    const shown = typeof echo === 'function' ? echo() : echo;
    await retype(page, typed);
    await page.keyboard.press('Enter');
    await expect(occurred).toBeFocused();
    await expect(occurred).not.toHaveAttribute('aria-invalid');
    await expect(occurred).toHaveAccessibleDescription(`→ ${shown}`);
  }

  // Three wrong forms: refused, red, the save blocked and the focus on the field.
  const blocked = page.getByRole('alert').filter({ hasText: 'Chưa lưu: ô "Thời điểm xảy ra" chưa đúng.' });
  await retype(page, '25h');
  await page.keyboard.press('Enter');
  await expect(occurred).toBeFocused();
  await expect(occurred).toHaveAttribute('aria-invalid', 'true');
  await expect(occurred).toHaveAccessibleDescription(/Giờ không có thật/);
  await page.keyboard.press('Control+s');
  await expect(blocked).toBeVisible();
  await expect(occurred).toBeFocused();

  await retype(page, '32/12');
  await page.keyboard.press('Tab');
  await expect(occurred).toHaveAttribute('aria-invalid', 'true');
  await expect(occurred).toHaveAccessibleDescription(/Ngày không có thật/);
  await expect(occurred).not.toBeFocused();
  await page.keyboard.press('Control+s');
  await expect(blocked).toContainText('Ngày không có thật');
  await expect(occurred).toBeFocused();

  // The issue's own case: typed in the American order, then saved at once without leaving the field.
  await retype(page, '12012026 8:34 PM x');
  await page.keyboard.press('Control+s');
  await expect(blocked).toContainText('Không hiểu thời điểm đã gõ');
  await expect(occurred).toBeFocused();
  await expect(occurred).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' })).toHaveCount(0);

  // Ctrl+N: the garbage does not stay in the next call's form.
  await page.keyboard.press('Control+n');
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await expect(occurred).toHaveValue('');
  await expect(occurred).not.toHaveAttribute('aria-invalid');

  // Typed right, it saves, and the report holds the time that was echoed.
  await tabTo(page, 'Loại vi phạm (gõ để lọc, Enter để chọn)');
  await page.keyboard.type('vuot den');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Thời điểm xảy ra');
  await page.keyboard.type('01122025 0830');
  await page.keyboard.press('Control+s');
  const saved = page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' });
  await expect(saved).toBeVisible();
  await expect(occurred).toHaveValue('');
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  await expect(page.locator('.facts').first()).toContainText('08:30 01/12/2025');
  expect(localToUtcIso('2025-12-01T08:30')).toBe('2025-12-01T01:30:00.000Z');

  // The workflow's dates: shown dd/mm/yyyy, a wrong one keeps the move from being recorded.
  const flow = page.getByRole('region', { name: 'Xử lý' });
  await flow.getByRole('button', { name: 'Nhận xác minh' }).click();
  await flow.getByRole('button', { name: 'Ghi nhận' }).click();
  await flow.getByRole('button', { name: 'Xử phạt' }).click();
  const decisionDate = flow.getByLabel('Ngày quyết định');
  await expect(decisionDate).toHaveValue(formatLocalEntry(utcIsoToLocal(new Date()).slice(0, 10)));
  await decisionDate.fill('30/02/2026');
  await decisionDate.press('Tab');
  await expect(decisionDate).toHaveAttribute('aria-invalid', 'true');
  await expect(flow.getByRole('button', { name: 'Ghi nhận' })).toBeDisabled();
  await decisionDate.fill('hôm qua');
  await expect(decisionDate).toHaveAccessibleDescription(`→ ${yesterday}`);
});

test('the register\'s dates are typed dd/mm/yyyy; a wrong one is refused with the focus on it', async ({ page }) => {
  await station.open(page);
  await page.keyboard.press('F3');
  const register = page.getByRole('region', { name: 'Sổ tiếp nhận thông tin, hình ảnh phản ánh' });
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const from = register.getByLabel('Từ ngày');
  await expect(from).toHaveValue(formatLocalEntry(`${today.slice(0, 8)}01`));
  await expect(register.getByLabel('Đến ngày')).toHaveValue(formatLocalEntry(today));
  await from.fill('31/13');
  await register.getByRole('button', { name: 'Cấp số sổ…' }).click();
  await expect(register.getByRole('alert')).toContainText('Chưa lưu: ô "Từ ngày" chưa đúng. Ngày không có thật');
  await expect(from).toBeFocused();
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1/1');
  await expect(from).toHaveAccessibleDescription(`→ 01/01/${today.slice(0, 4)}`);
  await register.getByRole('button', { name: 'Cấp số sổ…' }).click();
  await register.getByRole('button', { name: 'Cấp số 01/SO-PC08' }).click();
  await expect(register.getByRole('link', { name: /Tải PDF để in/ })).toBeVisible();
});

test('a caller\'s old commune finds today\'s: "kroong" in Quảng Ngãi offers Xã Ngọk Bay, which the report keeps', async ({ page }) => {
  await station.open(page);
  await page.keyboard.press('Alt+m');
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Quảng Ngãi' });
  const commune = page.getByLabel('Xã, phường', { exact: true });
  await commune.click();
  await page.keyboard.type('kroong, kon tum');
  const matches = page.locator('.field.commune').getByRole('option');
  await expect(matches).toHaveText(['Xã Kroong (cũ, Thành phố Kon Tum) → nay Xã Ngọk Bay']);
  await page.keyboard.press('Enter');
  await expect(commune).toHaveValue('Xã Ngọk Bay');
});

test('the commune box filters by name without "Xã/Phường" and without diacritics, one Tab stop', async ({ page }) => {
  await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+m'); // every field in the Tab path
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Lạng Sơn' });
  await tabTo(page, 'Tỉnh, thành phố');
  await page.keyboard.press('Tab');
  const commune = page.getByLabel('Xã, phường', { exact: true });
  const matches = page.locator('.field.commune').getByRole('option');
  await expect(commune).toBeFocused();
  await page.keyboard.type('ky lua');
  await expect(matches).toHaveText(['Phường Kỳ Lừa']);
  await page.keyboard.press('Enter');
  await expect(commune).toHaveValue('Phường Kỳ Lừa');
  await expect(commune).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/Tọa độ GPS/)).toBeFocused();

  // Another province: Tab alone picks the one match; the kind and the spaces need not be typed.
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Quảng Ngãi' });
  await expect(commune).toHaveValue('');
  await commune.focus();
  await page.keyboard.type('kontum');
  await page.keyboard.press('Tab');
  await expect(commune).toHaveValue('Phường Kon Tum');
  await expect(page.getByLabel(/Tọa độ GPS/)).toBeFocused();

  // A name not in the catalog is not silently dropped: it stays, with a note.
  await commune.focus();
  await retype(page, 'xyz');
  await expect(matches).toHaveCount(0);
  await expect(page.getByText('Không có xã, phường phù hợp trong tỉnh đã chọn.')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(commune).toHaveValue('xyz');
  await expect(commune).toHaveAccessibleDescription(/"xyz" không có trong danh mục/);
});
