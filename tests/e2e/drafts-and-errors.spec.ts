import { expect, test } from '@playwright/test';
import { formatLocalEntry } from '../../electron/contract/domain/time-entry';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { openStation } from '../../electron/host/open-station';
import { keepDraft } from '../../electron/services/intake/drafts';
import { form, signInForTest } from '../support/station';
import { stationPerTest } from '../support/serve';

// Issue 8.3 (drafts that tell the truth) and 8.5 (errors where the problem is), in browser mode on a real station.

const station = stationPerTest();
const minute = 60_000;

/** A form holding only what this test typed (channel, receipt time and province are a new form's presets). */
function only(over: Parameters<typeof form>[0]) {
  const f = form();
  return form({
    callerPhone: '', violationCodes: [], occurredAt: '', description: '',
    location: { road: '', houseNumber: '', communeCode: '' },
    vehicles: [{ ...f.vehicles[0]!, plate: '', vehicleType: '', colour: '', brand: '' }],
    reporter: { fullName: '', birthYear: '', cccd: '', address: '', phone: '', wantsFeedback: false },
    ...over,
  });
}

test('the receipt time is when the officer starts typing the call, not when the blank form was made', async ({ page }) => {
  const madeAt = new Date(Date.now() - 20 * minute);
  await page.clock.setFixedTime(madeAt);
  await station.open(page);
  const received = page.getByLabel('Thời điểm tiếp nhận');
  await expect(received).toHaveValue(formatLocalEntry(utcIsoToLocal(madeAt)));

  // The phone rings 13 minutes later; the first keystroke starts the call.
  const rang = new Date(madeAt.getTime() + 13 * minute);
  await page.clock.setFixedTime(rang);
  await page.getByLabel('Nội dung phản ánh').click();
  await page.keyboard.type('Xe tải chở cát rơi vãi');
  await expect(received).toHaveValue(formatLocalEntry(utcIsoToLocal(rang)));

  // Out of the quick Tab path, but visible and editable with a click.
  await received.click();
  await expect(received).toBeFocused();
  const earlier = new Date(rang.getTime() - 2 * minute);
  await received.fill(formatLocalEntry(utcIsoToLocal(earlier)));
  await page.getByLabel('Nội dung phản ánh').click();
  await page.keyboard.type(' trên đường');
  await expect(received).toHaveValue(formatLocalEntry(utcIsoToLocal(earlier)));
});

test('a blank form left open shows the time now, not the time it was made', async ({ page }) => {
  const madeAt = new Date(Date.now() - 20 * minute);
  await page.clock.install({ time: madeAt });
  await station.open(page);
  const received = page.getByLabel('Thời điểm tiếp nhận');
  await expect(received).toHaveValue(formatLocalEntry(utcIsoToLocal(madeAt)));
  await page.clock.runFor(13 * minute);
  await expect(received).toHaveValue(formatLocalEntry(utcIsoToLocal(new Date(madeAt.getTime() + 13 * minute))));
});

test('a restored draft keeps its receipt time and says how old it is; an empty draft is not kept', async ({ page }) => {
  // Before the station starts: a call taken 13 minutes ago, left as a draft, and an empty draft an older version kept.
  const callAt = new Date(Date.now() - 13 * minute);
  const seeded = await openStation({ dataDir: station.dataDir, now: () => callAt });
  await signInForTest(seeded);
  await seeded.station.db.insertInto('drafts').values({
    officer_id: seeded.station.officerId, form: seeded.station.keys!.seal('draft', JSON.stringify(only({}))), created_at: new Date(callAt.getTime() - minute).toISOString(),
    updated_at: new Date(callAt.getTime() - minute).toISOString(),
  }).execute();
  await keepDraft(seeded.station, null, only({ receivedAt: utcIsoToLocal(callAt), description: 'Ô tô đỗ chắn cổng trường' }));
  await seeded.close();

  await station.open(page);
  const notice = page.getByRole('status').filter({ hasText: 'Đã khôi phục bản nháp chưa lưu.' });
  await expect(notice).toContainText('Bản nháp từ 13 phút trước');
  await expect(page.getByLabel('Nội dung phản ánh')).toHaveValue('Ô tô đỗ chắn cổng trường');
  await expect(page.getByLabel('Thời điểm tiếp nhận')).toHaveValue(formatLocalEntry(utcIsoToLocal(callAt)));
  await expect(page.getByText('Bản nháp trống')).toHaveCount(0);
  await expect(page.getByText(/Bản nháp đang mở/)).toHaveCount(0);

  // Emptied, the draft goes: nothing comes back on the next start.
  await page.getByLabel('Nội dung phản ánh').fill('');
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByLabel('Kênh', { exact: true })).toBeFocused();
  await expect(page.getByText('Đã khôi phục bản nháp chưa lưu.')).toHaveCount(0);
  await expect(page.getByLabel('Nội dung phản ánh')).toHaveValue('');
});

test('a refused save names every field beside it, goes to the first, and each message goes once fixed; Alt+V goes to the new vehicle', async ({ page }) => {
  await station.open(page);
  const description = page.getByLabel('Nội dung phản ánh');
  const gps = page.getByLabel('Tọa độ GPS (vĩ độ, kinh độ)');
  const birthYear = page.getByLabel('Năm sinh');
  const occurred = page.getByLabel('Thời điểm xảy ra');
  await page.getByLabel('Tuyến đường').fill('Phan Đình Phùng');
  await occurred.fill('hôm qua 25h');
  await gps.fill('ở đâu đó');
  await birthYear.fill('90');
  await expect(birthYear).toBeFocused();

  await page.keyboard.press('Control+s');
  const refusal = page.getByRole('alert').filter({ hasText: 'Chưa lưu' });
  await expect(refusal).toHaveText(/4 ô cần sửa \(Thời điểm xảy ra, Nội dung phản ánh, Tọa độ GPS \(vĩ độ, kinh độ\), Năm sinh\)/);
  await expect(occurred).toBeFocused();
  await expect(occurred).toHaveAttribute('aria-invalid', 'true');
  await expect(description).toHaveAttribute('aria-invalid', 'true');
  await expect(description).toHaveAccessibleDescription(/Chưa có nội dung phản ánh/);
  await expect(gps).toHaveAccessibleDescription(/Tọa độ GPS phải có dạng/);
  await expect(birthYear).toHaveAccessibleDescription(/Năm sinh phải là số có 4 chữ số/);

  // Each message goes as soon as its field is fixed; the others stay.
  await occurred.fill('hôm qua 20h');
  await expect(refusal).toHaveText(/3 ô cần sửa \(Nội dung phản ánh, Tọa độ GPS/);
  await description.fill('Xe máy đi ngược chiều');
  await expect(description).not.toHaveAttribute('aria-invalid');
  await expect(page.getByText(/Chưa có nội dung phản ánh/)).toHaveCount(0);
  await expect(refusal).toHaveText(/2 ô cần sửa \(Tọa độ GPS \(vĩ độ, kinh độ\), Năm sinh\)/);
  await expect(gps).toHaveAttribute('aria-invalid', 'true');
  await gps.fill('14.3545, 108.0076');
  await expect(gps).not.toHaveAttribute('aria-invalid');
  await birthYear.fill('1990');
  await expect(birthYear).not.toHaveAttribute('aria-invalid');
  await expect(refusal).toHaveCount(0);

  // Alt+V: a new vehicle, the focus in its plate.
  await description.click();
  await page.keyboard.press('Alt+v');
  const second = page.getByRole('group', { name: 'Phương tiện 2' });
  await expect(second.getByLabel('Biển số')).toBeFocused();
  await page.keyboard.type('82B-111.22');

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' })).toBeVisible();
});

test('a time the station refuses for what it says (occurred after the receipt) is named beside its field', async ({ page }) => {
  await station.open(page);
  const received = page.getByLabel('Thời điểm tiếp nhận');
  const occurred = page.getByLabel('Thời điểm xảy ra');
  const at = (msAgo: number) => formatLocalEntry(utcIsoToLocal(new Date(Date.now() - msAgo)));
  await page.getByLabel('Nội dung phản ánh').fill('Xe khách dừng đón khách');
  await received.fill(at(120 * minute));
  await occurred.fill(at(30 * minute));
  await page.getByLabel('Nội dung phản ánh').pressSequentially(' trên cao tốc');

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('alert').filter({ hasText: 'Chưa lưu' })).toHaveText(/1 ô cần sửa \(Thời điểm xảy ra\)/);
  await expect(occurred).toBeFocused();
  await expect(occurred).toHaveAttribute('aria-invalid', 'true');
  await expect(occurred).toHaveAccessibleDescription(/Thời điểm xảy ra muộn hơn thời điểm tiếp nhận/);

  await occurred.fill(at(150 * minute));
  await expect(occurred).not.toHaveAttribute('aria-invalid');
  await expect(page.getByRole('alert').filter({ hasText: 'Chưa lưu' })).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu phản ánh' })).toBeVisible();
});
