import { expect, type Page, test } from '@playwright/test';
import { stationPerTest } from '../support/serve';

// The standard hotline call typed by keyboard alone, every key counted (issue 8.2): channel, caller phone,
// time, two violations, place with road, km and commune, one vehicle with plate, type and colour, the
// reporter's name, CCCD, phone and feedback wish, and a description of 60 characters.

const station = stationPerTest();
const DESCRIPTION = 'Xe tải chở cát không che bạt, chạy ngược chiều ở đầu cầu sắt';

function counter(page: Page) {
  const keys = { all: 0, tabs: 0 };
  return {
    keys,
    async type(text: string) { keys.all += [...text].length; await page.keyboard.type(text); },
    async press(key: string) { keys.all += 1; if (key === 'Tab') keys.tabs += 1; await page.keyboard.press(key); },
    async tab(times = 1) { for (let i = 0; i < times; i++) await this.press('Tab'); },
  };
}

test('the standard hotline call takes at most 150 keystrokes, at most 15 of them Tab', async ({ page }) => {
  expect([...DESCRIPTION].length).toBe(60);
  await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  const k = counter(page);

  // Channel: the hotline is the default.
  await k.tab(); await k.type('0905111222');
  await k.tab(); await k.type('den do'); await k.press('Enter'); await k.type('mu bao'); await k.press('Enter');
  await k.tab(); await k.type('20h');
  await k.tab(); await k.type(DESCRIPTION);
  await k.tab(); await k.type('QL14');
  await k.tab(); await k.type('Km12');
  await k.tab(); await k.type('kon t'); // enough for the commune to be the first match
  await k.tab(); await k.type('82C12345');
  // Without separators it reads as a car or an old motorbike plate: Tab to the car reading, Enter picks it;
  // the plate gets its separators, the type follows (car) and the focus moves on to it.
  await k.tab(); await k.press('Enter');
  await expect(page.getByLabel('Loại xe')).toBeFocused();
  await k.tab(); await k.type('xanh');
  await k.tab(); await k.type('Lê Văn An');
  await k.tab(); await k.type('062090001234');
  await k.tab(); // the reporter's phone is the number the call came from
  await k.tab(); await k.press('Space');
  await k.press('Control+s');

  await expect(page.getByRole('status').filter({ hasText: /Đã lưu phản ánh PA-/ })).toBeVisible();
  console.log(`standard call: ${k.keys.all} keystrokes, ${k.keys.tabs} Tab`);
  expect(k.keys.tabs).toBeLessThanOrEqual(15);
  expect(k.keys.all).toBeLessThanOrEqual(150);

  // Everything typed is in the saved report.
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  const facts = page.locator('article.detail');
  for (const text of ['0905111222'.slice(-3), 'Không đội mũ bảo hiểm', 'vượt đèn đỏ', DESCRIPTION, 'QL14', 'Km 12', 'Phường Kon Tum', '82C-123.45', 'Ô tô con', 'xanh']) {
    await expect(facts).toContainText(text);
  }
  await facts.getByRole('button', { name: /^Xem danh tính/ }).click();
  await facts.getByLabel(/Lý do xem danh tính/).fill('gọi lại xác minh');
  await page.keyboard.press('Enter');
  for (const text of ['Lê Văn An', '062090001234', '0905111222', 'Đề nghị được thông báo kết quả']) await expect(facts).toContainText(text);
});
