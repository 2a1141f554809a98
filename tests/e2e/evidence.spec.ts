import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeJpeg, makeVideo } from '../support/media';
import { stationPerTest } from '../support/serve';

// Browser mode, real services and real ffmpeg: import a citizen's folder into a report, follow the
// progress, look at thumbnails and metadata, play the video and take a still from it.

const station = stationPerTest();
let usb: string;
test.beforeEach(() => { usb = mkdtempSync(join(tmpdir(), 'station-e2e-usb-')); });
test.afterEach(() => rmSync(usb, { recursive: true, force: true }));

test('import a folder into a report: progress, thumbnails, metadata, video playback, a still; a corrupt file is listed', async ({ page }) => {
  await makeJpeg(join(usb, 'DCIM', 'IMG_0001.jpg'), {
    make: 'samsung', model: 'SM-A546E', taken: '2026:11:20 14:05:09', offset: '+07:00', gps: { lat: 14.3545, lng: 108.0076 },
  });
  await makeJpeg(join(usb, 'DCIM', 'IMG_0002.jpg'), { software: 'Adobe Photoshop 25.0', taken: '2026:11:20 14:06:00', colour: '#b03030' });
  await makeVideo(join(usb, 'DCIM', 'VID_0003.mp4'), { seconds: 3, tags: { creation_time: '2026-11-20T07:10:00Z', location: '+14.3545+108.0076/' } });
  writeFileSync(join(usb, 'DCIM', 'hong.mp4'), readFileSync(join(usb, 'DCIM', 'VID_0003.mp4')).subarray(0, 4096));

  await station.open(page);
  await page.getByLabel('Nội dung phản ánh').fill('Xe tải vượt đèn đỏ, người dân mang USB đến nộp.');
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  await expect(page.getByRole('heading', { name: /^Phản ánh PA-/ })).toBeVisible();

  const panel = page.getByRole('region', { name: 'Nhập từ USB, thẻ nhớ, điện thoại hoặc thư mục' });
  await panel.getByLabel('Thư mục cần nhập (đường dẫn đầy đủ)').fill(usb);
  await panel.getByRole('button', { name: 'Quét thư mục' }).click();
  await expect(panel.getByText(/Tìm thấy 2 ảnh, 2 video, 0 tệp khác/)).toBeVisible();
  await panel.getByRole('button', { name: 'Nhập 4 tệp đã chọn' }).click();
  await expect(panel.getByRole('status').filter({ hasText: '4/4 tệp' })).toBeVisible();
  // A file failed: said as a warning (an alert, not the green of a clean import).
  await expect(panel.getByRole('alert').filter({ hasText: 'Đã nhập 3 tệp, 1 tệp lỗi.' })).toHaveClass(/warning/);
  await expect(panel.locator('.error-line')).toHaveText([/^Tệp hong\.mp4 bị hỏng\/không đọc được/]);

  const cards = page.locator('.evidence-grid .card');
  await expect(cards).toHaveCount(3);
  await expect(cards.filter({ hasText: 'VID_0003.mp4' })).toContainText('video · MP4 ·');
  // Thumbnails are real pictures made by the station.
  for (const img of await page.locator('.evidence-grid img.thumb').all()) {
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  }
  const photo = cards.filter({ hasText: 'IMG_0001.jpg' });
  await expect(photo).toContainText('14:05:09 20/11/2026 (+07:00)');
  await expect(photo).toContainText('14.3545, 108.0076');
  await expect(photo).toContainText('samsung SM-A546E');
  await expect(cards.filter({ hasText: 'IMG_0002.jpg' })).toContainText('Có dấu vết phần mềm chỉnh sửa');

  // Play the video in the app, then take a still at 1.5 s.
  await cards.filter({ hasText: 'VID_0003.mp4' }).getByRole('button').first().click();
  const viewer = page.getByRole('dialog', { name: 'VID_0003.mp4' });
  const video = viewer.locator('video');
  // Duration with a decimal comma; the codecs on a line of their own, data streams left out.
  await expect(viewer.locator('.facts')).toContainText('Thời lượng3,0 giây');
  await expect(viewer.locator('.facts')).not.toContainText('bin_data');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  await video.evaluate((v: HTMLVideoElement) => { v.muted = true; return v.play(); });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.2);
  await video.evaluate((v: HTMLVideoElement) => { v.pause(); v.currentTime = 1.5; });
  await viewer.getByRole('button', { name: 'Trích ảnh tại thời điểm này' }).click();
  await expect(viewer.getByText('Đã trích ảnh và lưu vào chứng cứ.')).toBeVisible();
  await expect(viewer.locator('.custody')).toContainText('Xem tệp');
  await expect(viewer.locator('.custody')).toContainText('Trích ảnh từ video');
  await page.screenshot({ path: 'tests/.artifacts/screens/evidence-viewer.png' });
  await page.keyboard.press('Escape');
  await expect(cards).toHaveCount(4);
  await expect(cards.filter({ hasText: 'Ảnh trích từ video' })).toContainText('VID_0003.mp4 @ 00:01.500.png');
  await expect(cards.filter({ hasText: 'Ảnh trích từ video' })).toContainText('07:10:01 20/11/2026 (+00:00) — 14:10 20/11/2026 giờ Việt Nam');
  await page.screenshot({ path: 'tests/.artifacts/screens/evidence-panel.png', fullPage: true });
});

test('a large folder is listed with nothing ticked in advance, and what cannot be listed is named', async ({ page }) => {
  await makeJpeg(join(usb, 'DCIM', 'IMG_0000.jpg'), { taken: '2026:11:20 14:05:09' });
  const jpeg = readFileSync(join(usb, 'DCIM', 'IMG_0000.jpg'));
  for (let i = 1; i <= 200; i++) writeFileSync(join(usb, 'DCIM', `IMG_${String(i).padStart(4, '0')}.jpg`), jpeg);
  symlinkSync('/etc/passwd', join(usb, 'passwd.jpg'));

  await station.open(page);
  await page.getByLabel('Nội dung phản ánh').fill('Người dân nộp thẻ nhớ camera hành trình.');
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Mở phản ánh vừa lưu' }).click();
  const panel = page.getByRole('region', { name: 'Nhập từ USB, thẻ nhớ, điện thoại hoặc thư mục' });
  await panel.getByLabel('Thư mục cần nhập (đường dẫn đầy đủ)').fill(usb);
  await panel.getByRole('button', { name: 'Quét thư mục' }).click();
  await expect(panel.getByText(/Tìm thấy 201 ảnh, 0 video, 0 tệp khác/)).toBeVisible();
  await expect(panel.getByText('Có 201 tệp: chưa chọn sẵn tệp nào. Chọn những tệp cần nhập.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Nhập 0 tệp đã chọn' })).toBeDisabled();
  await expect(panel.getByText('passwd.jpg là liên kết tới nơi khác')).toBeVisible();
  await panel.getByRole('button', { name: 'Chọn tất cả', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Nhập 201 tệp đã chọn' })).toBeEnabled();

  // A system folder is refused with a message naming it.
  await panel.getByLabel('Thư mục cần nhập (đường dẫn đầy đủ)').fill('/etc');
  await panel.getByRole('button', { name: 'Quét thư mục' }).click();
  await expect(panel.getByRole('alert')).toContainText('Không quét /etc');
});
