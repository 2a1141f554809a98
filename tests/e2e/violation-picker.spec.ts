import { expect, test } from '@playwright/test';
import { stationPerTest } from '../support/serve';

// The violation picker never stays open over the fields below: it closes on Enter, Esc, Tab and blur,
// Tab goes on to the next field, and the next call starts with an empty picker.

const station = stationPerTest();

test('the violation picker closes on Enter, Esc, Tab and blur, and Tab moves on to the next field', async ({ page }) => {
  await station.open(page);
  // The form puts the focus on its first field once loaded: only then is the focus ours to move.
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  const box = page.getByRole('combobox', { name: /Loại vi phạm/ });
  const list = page.getByRole('listbox');

  await box.focus();
  await expect(list).toBeHidden();
  await page.keyboard.type('vuot den');
  await expect(list).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('.chip')).toHaveText([/vượt đèn đỏ/]);
  await expect(list).toBeHidden();

  await page.keyboard.type('do xe');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();

  await page.keyboard.press('ArrowDown');
  await expect(list).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(list).toBeHidden();
  const focused = await page.evaluate(() => document.activeElement?.tagName ?? '');
  expect(focused).not.toBe('BODY');
  await expect(box).not.toBeFocused();

  await box.focus();
  await page.keyboard.type('mu bao');
  await expect(list).toBeVisible();
  await page.getByLabel('Nội dung phản ánh').click();
  await expect(list).toBeHidden();

  // The next call starts with an empty picker, typed text included.
  await box.focus();
  await page.keyboard.type('qua toc');
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('combobox', { name: /Loại vi phạm/ })).toHaveValue('');
  await expect(page.locator('.chip')).toHaveCount(0);
});
