import { expect, test } from '@playwright/test';
import { stationPerTest } from '../support/serve';

// Every screen has its own address: a report by its code, back and forward between screens, and an
// address that leads nowhere gets a Vietnamese page with a way back.

const station = stationPerTest();

test('a report by its code, back and forward, and a code that does not exist', async ({ page }) => {
  const { url } = await station.open(page);
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await page.getByLabel('Nội dung phản ánh').fill('Xe khách chạy quá tốc độ trên quốc lộ 14.');
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  const heading = page.getByRole('heading', { name: /^Phản ánh PA-\d{4}-\d{6}/ });
  await expect(heading).toBeVisible();
  const code = /PA-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')![0];
  expect(page.url()).toContain(`#/phan-anh/${code}`);

  await page.keyboard.press('F3');
  await expect(page).toHaveURL(/#\/hom-nay$/);
  await page.goBack();
  await expect(heading).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/#\/hom-nay$/);

  // The address alone opens the report, in a new page load.
  await page.goto(`${url}#/phan-anh/${code}`);
  await expect(page.getByRole('heading', { name: `Phản ánh ${code}` })).toBeVisible();

  await page.goto(`${url}#/phan-anh/PA-2026-999999`);
  await expect(page.getByRole('alert')).toContainText('Không có phản ánh mã "PA-2026-999999"');
  await page.getByRole('link', { name: 'Về màn hình tiếp nhận (F2)' }).click();
  await expect(page.getByLabel('Kênh', { exact: true })).toBeVisible();

  await page.goto(`${url}#/khong-co-trang-nay`);
  await expect(page.getByRole('heading', { name: 'Không có trang này' })).toBeVisible();
});
