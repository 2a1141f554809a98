import { expect, type Page, test } from '@playwright/test';
import { listPlaces } from '../../db/queries/catalog';
import { openStation } from '../../electron/host/open-station';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { createReport } from '../../electron/services/intake/reports';
import { form, signInForTest } from '../support/station';
import { stationPerTest } from '../support/serve';

// Browser mode, real services: the search box (F4) by part of a plate's number and by a report's number.

const station = stationPerTest();

async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('searchbox').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
}

test('search finds a plate by its number as grouped on the plate, and a report by its number without zeros, exact first', async ({ page }) => {
  // Before the station starts: 300 demo reports of autumn 2026, then the ones looked for (same services, same file).
  const seeded = await openStation({ dataDir: station.dataDir });
  await signInForTest(seeded);
  const { communes } = await listPlaces(seeded.station.db);
  for (const demo of demoForms(300, { seed: 8, until: new Date('2026-11-20T00:00:00Z'), days: 40, communes })) {
    await createReport(seeded.station, null, demo);
  }
  const vehicle = (plate: string, vehicleType: 'car' | 'motorbike') => ({ plate, vehicleType, colour: '', brand: '', features: '', ownerName: '', driverName: '' });
  const numbered = await createReport(seeded.station, null, form({ receivedAt: '2026-11-23T08:00', occurredAt: '', vehicles: [vehicle('43A-555.66', 'car')] }));
  const car = await createReport(seeded.station, null, form({ receivedAt: '2026-11-23T09:00', occurredAt: '', vehicles: [vehicle('82A-123.45', 'car')] }));
  const bike = await createReport(seeded.station, null, form({ receivedAt: '2026-11-23T10:00', occurredAt: '', vehicles: [vehicle('82-B1 123.45', 'motorbike')] }));
  await seeded.close();
  expect(numbered.code).toBe('PA-2026-000301');

  await station.open(page);
  await page.keyboard.press('F4');
  await expect(page.getByRole('searchbox')).toBeFocused();
  const rows = page.locator('table.reports tbody tr');

  // Each query lists something else first than the one before it, so every check sees a fresh answer.
  const plateNumberFirst = async () => {
    // Both plates carrying the number, the newest first, before anything else.
    await expect(rows.nth(0)).toContainText(bike.code);
    await expect(rows.nth(0)).toContainText('82-B1 123.45');
    await expect(rows.nth(1)).toContainText(car.code);
    await expect(rows.nth(1)).toContainText('82A-123.45');
  };
  const reportNumberFirst = async () => {
    // That report first (plates holding "301" may follow).
    await expect(rows.nth(0)).toContainText('PA-2026-000301');
    await expect(rows.nth(0)).toContainText('43A-555.66');
  };
  await page.keyboard.type('123.45');
  await page.keyboard.press('Enter');
  await plateNumberFirst();
  await search(page, '301');
  await reportNumberFirst();
  await search(page, '12345');
  await plateNumberFirst();
  await search(page, '000301');
  await reportNumberFirst();
  await search(page, '123 45');
  await plateNumberFirst();

  // Nothing has this number: the list says so.
  await search(page, '9876543');
  await expect(page.getByRole('status')).toHaveText('0 phản ánh');
  await expect(rows).toHaveCount(0);
});
