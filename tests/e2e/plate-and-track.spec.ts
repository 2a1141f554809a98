import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { runTool, tools } from '../../electron/services/evidence/tools';
import { appendTopLevel, box, drive, gps0Body } from '../support/gps';
import { plateSample } from '../support/plates';
import { openReportAndImport as importThroughPage, stationPerTest } from '../support/serve';

// The dashcam video a citizen hands in, in real Chromium against the real station: its GPS track as a
// speed plot that seeks the video, the camera clock against the GPS clock, a still taken where the plot
// was clicked (with its speed and place), and the plate read off the still in a box the officer draws,
// accepted, and seen on the report.

const station = stationPerTest();
let usb: string;
test.beforeEach(() => { usb = mkdtempSync(join(tmpdir(), 'station-e2e-plate-')); });
test.afterEach(() => rmSync(usb, { recursive: true, force: true }));

const openReportAndImport = (page: Page, files: number) =>
  importThroughPage(station, page, usb, files, 'Camera hành trình ghi xe chạy quá tốc độ; người dân không đọc được biển số.');

test('the speed plot seeks the video; a still there carries speed and place; the plate read off it lands on the report', async ({ page }) => {
  test.setTimeout(120_000);
  // A 6-second dashcam clip of a car's plate, its camera clock two hours ahead of the GPS, a 'gps0' track of 6 seconds.
  const sample = await plateSample(21, 'clean', { layout: 'car-long', colour: 'white' });
  mkdirSync(join(usb, 'DCIM'));
  const picture = join(usb, 'plate.png');
  writeFileSync(picture, sample.image);
  const clip = join(usb, 'DCIM', 'NO20261120-101500.mp4');
  await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-loop', '1', '-i', picture, '-t', '6', '-r', '10', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2',
    '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-crf', '10', '-fflags', '+bitexact', '-movflags', '+faststart',
    '-metadata', 'creation_time=2026-11-20T03:15:00Z', clip], 60_000);
  rmSync(picture);
  const fixes = drive({ lat: 14.3497, lng: 108.0005, utc: new Date('2026-11-20T01:15:00Z') }, 7, (t) => 60 + t * 3);
  appendTopLevel(clip, box('gps0', gps0Body(fixes)));
  await openReportAndImport(page, 1);

  await page.locator('.evidence-grid .card').filter({ hasText: 'NO20261120-101500.mp4' }).getByRole('button').first().click();
  const viewer = page.getByRole('dialog', { name: 'NO20261120-101500.mp4' });
  const video = viewer.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await expect(viewer.getByText('Đọc từ camera hành trình (gps0): 7 điểm.')).toBeVisible();
  await expect(viewer.locator('.track-clock')).toHaveText(/^Đồng hồ camera nhanh 2 giờ 00 phút 00 giây so với giờ GPS \(giờ GPS khi bắt đầu quay: 08:15:00 20\/11\/2026\)/);

  // Clicking the plot half-way seeks the video half-way (the plot spans the video's 6 seconds).
  const plot = viewer.getByRole('slider', { name: /Biểu đồ tốc độ theo thời gian/ });
  const area = (await plot.boundingBox())!;
  await plot.click({ position: { x: area.width / 2, y: area.height / 2 } });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(3, 0);
  await expect(viewer.locator('.track-now')).toHaveText(/^Tốc độ 69 km\/h tại 14,35\d\d; 108,00\d\d lúc 08:15:03$/);
  // The plot is a slider for the keyboard too: a second on with PageUp, back with PageDown.
  await plot.focus();
  await page.keyboard.press('PageUp');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(4, 0);
  await page.keyboard.press('PageDown');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(3, 0);

  // B on the paused frame: the frame becomes a still (with its moment on the track), opened to draw the plate's box.
  await page.keyboard.press('b');
  const stillViewer = page.getByRole('dialog', { name: /NO20261120-101500\.mp4 @ 00:03/ });
  await expect(stillViewer.getByText('Kéo chuột để khoanh vùng biển số trên ảnh; Esc để thôi.')).toBeVisible();
  await expect(stillViewer.getByText(/Theo GPS của camera: Tốc độ 69 km\/h tại 14,35\d\d; 108,00\d\d lúc 08:15:03/)).toBeVisible();
  const img = stillViewer.locator('.stage img');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  const shown = (await img.boundingBox())!;
  const natural = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
  const at = (x: number, y: number) => ({ x: shown.x + (x / natural.w) * shown.width, y: shown.y + (y / natural.h) * shown.height });
  const from = at(sample.box.left, sample.box.top);
  const to = at(sample.box.left + sample.box.width, sample.box.top + sample.box.height);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await expect(stillViewer.getByText(`Đọc được: ${sample.expected} — dùng biển số này?`)).toBeVisible({ timeout: 30_000 });
  const field = stillViewer.getByLabel('Biển số');
  await expect(field).toBeFocused();
  // Typed over by the officer: the viewer's keys (0 fits, − zooms out, B ends reading) stay out of the field.
  await field.fill('');
  await page.keyboard.type(sample.expected);
  await expect(field).toHaveValue(sample.expected);
  await page.keyboard.press('Enter');
  await expect(stillViewer.getByText(`Đã ghi biển số ${sample.expected} vào phản ánh`)).toBeVisible();
  await page.keyboard.press('Escape');

  // On the report: the still with its speed and the clock's sign, the plate on its vehicle, the crop among the
  // evidence, the line in the history.
  const still = page.locator('.evidence-grid .card').filter({ hasText: 'Ảnh trích từ video' }).filter({ hasNotText: 'biển số.png' });
  await expect(still).toContainText(/Theo GPS của camera: Tốc độ 69 km\/h tại 14,35\d\d; 108,00\d\d lúc 08:15:03/);
  await expect(still).toContainText('Đồng hồ của camera lệch so với giờ GPS');
  await expect(page.locator('section.vehicle')).toContainText(sample.expected);
  await expect(page.locator('.evidence-grid .card').filter({ hasText: `Biển số đã xác nhận: ${sample.expected}` })).toBeVisible();
  await expect(page.locator('table.history')).toContainText(`Biển số đọc từ chứng cứ: ${sample.expected}`);
});
