import { expect, test } from '@playwright/test';
import { stationPerTest } from '../support/serve';

// A plate typed without separators that reads two ways: the desk shows both, never picks one itself.

const station = stationPerTest();

test('"29B11234" offers the car and the old motorbike reading; picking the motorbike sets plate and type', async ({ page }) => {
  await station.open(page);
  const plate = page.getByLabel('Biển số');
  await plate.click();
  await page.keyboard.type('29B11234');
  const readings = page.getByRole('group', { name: 'Chọn cách đọc biển số' });
  await expect(readings.getByRole('button')).toHaveText(['Ô tô 29B-112.34', 'Mô tô 29-B1 1234']);
  await expect(page.getByText(/có thể là biển ô tô hoặc biển mô tô cũ/)).toBeVisible();
  await expect(page.getByText(/^Đọc là:/)).toHaveCount(0);

  // Leaving the field suggests no type: the plate is not known to be a car.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Loại xe')).toHaveValue('');
  await expect(readings.getByRole('button', { name: 'Ô tô 29B-112.34' })).toBeFocused();

  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(plate).toHaveValue('29-B1 1234');
  await expect(page.getByLabel('Loại xe')).toHaveValue('motorbike');
  await expect(page.getByLabel('Loại xe')).toBeFocused();
  await expect(page.getByText('Đọc là: 29-B1 1234 — mô tô, xe máy, Hà Nội')).toBeVisible();
  await expect(readings).toHaveCount(0);
});

test('a plate left unresolved is saved as typed and the report page says how it may read', async ({ page }) => {
  await station.open(page);
  await page.getByLabel('Nội dung phản ánh').fill('Xe vượt đèn đỏ ở ngã tư, biển số đọc qua điện thoại.');
  await page.getByLabel('Biển số').fill('29b11234');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' })).toBeVisible();
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  const vehicle = page.locator('section.vehicle');
  await expect(vehicle.locator('.facts')).toContainText('29B11234');
  await expect(vehicle).toContainText('có thể là biển ô tô hoặc biển mô tô cũ');
  await expect(vehicle).toContainText('Có thể đọc là: Ô tô 29B-112.34 hoặc Mô tô 29-B1 1234.');
});
