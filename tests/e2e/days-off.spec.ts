import { expect, test } from '@playwright/test';
import daysOffData from '../../resources/catalogs/days-off.json' with { type: 'json' };
import { openStation } from '../../electron/host/open-station';
import { addDays, workingCalendar } from '../../electron/contract/domain/calendar';
import { formatDay, utcIsoToLocal } from '../../electron/contract/domain/time';
import { createReport } from '../../electron/services/intake/reports';
import { moveReport } from '../../electron/services/workflow/cases';
import { form, signInForTest } from '../support/station';
import { stationPerTest } from '../support/serve';

const station = stationPerTest();

test('an officer adds a day off on the calendar page (keyboard only) and a report\'s verification deadline moves past it', async ({ page }) => {
  // A report accepted some days ago whose day 30 is a working day followed by a working day.
  const calendar = workingCalendar(daysOffData.items.map((d) => d.day));
  let past = new Date();
  let counted = '';
  for (let back = 10; back < 40; back++) {
    past = new Date(Date.now() - back * 86_400_000);
    counted = addDays(utcIsoToLocal(past).slice(0, 10), 30);
    if (calendar.isWorkingDay(counted) && calendar.isWorkingDay(addDays(counted, 1))) break;
  }
  const seeded = await openStation({ dataDir: station.dataDir, now: () => past });
  await signInForTest(seeded);
  const report = await createReport(seeded.station, null, form({ receivedAt: utcIsoToLocal(past), occurredAt: '' }));
  await moveReport(seeded.station, report.id, { move: 'verify', complex: false, note: '' });
  await seeded.close();

  await station.open(page, `#/phan-anh/${report.code}`);
  const flow = page.getByRole('region', { name: 'Xử lý' });
  await expect(flow.getByRole('listitem').first()).toContainText(`Hạn xác minh: ${formatDay(counted)}`);

  await page.getByRole('button', { name: 'Lịch nghỉ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ngày nghỉ năm');
  const add = page.getByRole('form', { name: 'Thêm ngày nghỉ theo thông báo' });
  await add.getByLabel('Ngày', { exact: true }).focus();
  await page.keyboard.type(formatDay(counted));
  await page.keyboard.press('Tab');
  await page.keyboard.type('Nghỉ bù theo thông báo');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Thông báo thử nghiệm');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(`Đã thêm ngày nghỉ ${formatDay(counted)}.`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ngày nghỉ năm ${counted.slice(0, 4)}`);
  await expect(page.getByRole('row').filter({ hasText: 'Nghỉ bù theo thông báo' })).toContainText(formatDay(counted));

  await page.goBack();
  await expect(flow.getByRole('listitem').first()).toContainText(`Hạn xác minh: ${formatDay(addDays(counted, 1))}`);
  await expect(flow.getByRole('listitem').first()).toContainText(`ngày ${formatDay(counted)} là ngày nghỉ`);

  // Removed again: the deadline is back on its day.
  await page.getByRole('button', { name: 'Lịch nghỉ' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: `Bỏ ngày nghỉ ${formatDay(counted)}` }).click();
  await expect(page.getByRole('status')).toHaveText(`Đã bỏ ngày nghỉ ${formatDay(counted)}.`);
  await page.goBack();
  await expect(flow.getByRole('listitem').first()).toContainText(`Hạn xác minh: ${formatDay(counted)}`);
});
