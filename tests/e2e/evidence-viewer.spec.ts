import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { runTool, tools } from '../../electron/services/evidence/tools';
import { makeJpeg } from '../support/media';
import { openReportAndImport as importThroughPage, stationPerTest } from '../support/serve';

// Reading a plate in the viewer, in real Chromium against the real station: zoom by wheel and keys, move
// the zoomed photo by dragging, step a paused video frame by frame and take the frame shown as a still;
// HEIC photos shown decoded (or the preview stored in the file, said so); all of it in the report's history.

const station = stationPerTest();
const heic = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'media', 'heic', '2021-02-13-1929.heic');
let usb: string;
test.beforeEach(() => { usb = mkdtempSync(join(tmpdir(), 'station-e2e-viewer-')); });
test.afterEach(() => rmSync(usb, { recursive: true, force: true }));

/** A 10 fps video whose frame N is a flat grey of luma 8·N: a still's brightness says which frame it is. */
async function frameCodedVideo(path: string): Promise<void> {
  await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', "color=c=black:s=320x240:r=10,format=yuv420p,geq=lum='N*8':cb=128:cr=128",
    '-t', '3', '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-crf', '12', '-fflags', '+bitexact', '-movflags', '+faststart',
    '-metadata', 'creation_time=2026-11-20T07:10:00Z', path], 60_000);
}

const openReportAndImport = (page: Page, files: number) =>
  importThroughPage(station, page, usb, files, 'Người dân nộp ảnh, video xe vượt đèn đỏ; cần đọc biển số.');

const zoomOf = async (stage: Locator) => Number(await stage.getAttribute('data-zoom'));
const transformOf = (stage: Locator) => stage.locator('.stage-content').evaluate((el) => (el as HTMLElement).style.transform);
const focusInDialog = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));

test('a photo: wheel and + / − zoom, drag moves it, 0 fits it again; the keys never leave the dialog', async ({ page }) => {
  await makeJpeg(join(usb, 'bien-so.jpg'), { taken: '2026:11:20 14:05:09', offset: '+07:00' }, { width: 1600, height: 1200, noise: true });
  await openReportAndImport(page, 1);
  const opener = page.locator('.evidence-grid .card').filter({ hasText: 'bien-so.jpg' }).getByRole('button').first();
  await opener.click();
  const viewer = page.getByRole('dialog', { name: 'bien-so.jpg' });
  const stage = viewer.locator('.stage');
  const img = stage.locator('img');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1600);
  await expect.poll(() => focusInDialog(page)).toBe(true);

  // The wheel zooms about the pointer: the point under it stays put.
  const box = (await stage.boundingBox())!;
  const point = { x: box.x + box.width * 0.75, y: box.y + box.height * 0.3 };
  const imgBefore = (await img.boundingBox())!;
  const fraction = { x: (point.x - imgBefore.x) / imgBefore.width, y: (point.y - imgBefore.y) / imgBefore.height };
  // The page behind may have scrolled to bring the card into view; the wheel must not scroll it further.
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.mouse.move(point.x, point.y);
  await page.mouse.wheel(0, -300);
  await expect.poll(() => zoomOf(stage)).toBeGreaterThan(1.8);
  const imgAfter = (await img.boundingBox())!;
  expect(Math.abs(imgAfter.x + fraction.x * imgAfter.width - point.x)).toBeLessThan(3);
  expect(Math.abs(imgAfter.y + fraction.y * imgAfter.height - point.y)).toBeLessThan(3);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

  // Drag moves the zoomed photo.
  const before = await transformOf(stage);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  expect(await transformOf(stage)).not.toBe(before);

  // Keys: + and − step the zoom, 0 fits again.
  const zoomed = await zoomOf(stage);
  await page.keyboard.press('+');
  await expect.poll(() => zoomOf(stage)).toBeCloseTo(zoomed * 1.25, 2);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect.poll(() => zoomOf(stage)).toBeCloseTo(zoomed / 1.25, 2);
  await expect(viewer.getByText(/^Cỡ xem \d+%$/)).toBeVisible();
  await page.screenshot({ path: 'tests/.artifacts/screens/evidence-viewer-zoom.png' });
  await page.keyboard.press('0');
  await expect.poll(() => zoomOf(stage)).toBe(1);
  expect(await transformOf(stage)).toBe('translate(0px, 0px) scale(1)');

  // Tab goes round inside the dialog, never to the page under it.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog(page), `Tab ${i + 1}`).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await focusInDialog(page)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('a video: ← / → step frame by frame, the still is the frame shown; zoom pauses it; all of it in the history', async ({ page }) => {
  mkdirSync(join(usb, 'DCIM'));
  await frameCodedVideo(join(usb, 'DCIM', 'VID_0001.mp4'));
  await openReportAndImport(page, 1);
  await page.locator('.evidence-grid .card').filter({ hasText: 'VID_0001.mp4' }).getByRole('button').first().click();
  const viewer = page.getByRole('dialog', { name: 'VID_0001.mp4' });
  const video = viewer.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  await expect(viewer.getByText('10 khung hình/giây')).toBeVisible();

  // Playing: the first arrow pauses it and steps.
  await video.evaluate((v: HTMLVideoElement) => { v.muted = true; return v.play(); });
  await video.evaluate((v: HTMLVideoElement) => { v.pause(); v.currentTime = 0.05; });
  for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(viewer.locator('.frame-at')).toHaveText('Khung hình 14 — 00:01.350');
  expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await viewer.getByRole('button', { name: 'Khung sau (→) ▶' }).click();
  await expect(viewer.locator('.frame-at')).toHaveText('Khung hình 15 — 00:01.450');
  await viewer.getByRole('button', { name: '◀ Khung trước (←)' }).click();
  await expect(viewer.locator('.frame-at')).toHaveText('Khung hình 14 — 00:01.350');

  // Zooming the video: it stays paused, its controls step aside until it fits again.
  const stage = viewer.locator('.stage');
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await expect.poll(() => zoomOf(stage)).toBeGreaterThan(1.3);
  expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(false);
  await page.keyboard.press('0');
  expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(true);
  await expect(viewer.locator('.frame-at')).toHaveText('Khung hình 14 — 00:01.350');

  await viewer.getByRole('button', { name: 'Trích ảnh tại thời điểm này' }).click();
  await expect(viewer.getByText('Đã trích ảnh và lưu vào chứng cứ.')).toBeVisible();
  await page.keyboard.press('Escape');
  const still = page.locator('.evidence-grid .card').filter({ hasText: 'Ảnh trích từ video' });
  await expect(still).toContainText('VID_0001.mp4 @ 00:01.350.png');
  // Frame 13 (from 0) has luma 104, grey 102 in full range; frames 12 and 14 are 9 away.
  const thumb = still.locator('img.thumb');
  await expect.poll(() => thumb.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  const grey = await thumb.evaluate((el: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    return ctx.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data[0]!;
  });
  expect(Math.abs(grey - 102)).toBeLessThanOrEqual(4);

  // The report page's history, as it loads: the import (one line with its count), the look, the still.
  await page.reload();
  const history = page.locator('table.history');
  await expect(history).toContainText('Nhập chứng cứ: 1 tệp từ');
  await expect(history).toContainText('Xem tệp chứng cứ: VID_0001.mp4');
  await expect(history).toContainText('Trích ảnh từ video: VID_0001.mp4 tại 00:01.350');
});

test('HEIC: the picture decoded by the station; a copy cut short shows the preview stored in it, and says so', async ({ page }) => {
  test.skip(!existsSync(heic), `no shared corpus at ${heic}`);
  copyFileSync(heic, join(usb, 'IMG_1929.HEIC'));
  const whole = readFileSync(heic);
  writeFileSync(join(usb, 'IMG_1929-cut.HEIC'), whole.subarray(0, Math.floor(whole.length * 0.4)));
  await openReportAndImport(page, 2);
  // Both cards show a real picture, not a placeholder.
  for (const img of await page.locator('.evidence-grid img.thumb').all()) {
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.locator('.evidence-grid .thumb.placeholder')).toHaveCount(0);

  await page.locator('.evidence-grid .card').filter({ hasText: 'IMG_1929.HEIC' }).getByRole('button').first().click();
  let viewer = page.getByRole('dialog', { name: 'IMG_1929.HEIC' });
  const picture = viewer.locator('.stage img');
  await expect.poll(() => picture.evaluate((el: HTMLImageElement) => el.complete && [el.naturalWidth, el.naturalHeight]), { timeout: 20_000 }).toEqual([3024, 4032]);
  await expect(viewer.getByText('Ảnh xem trước nhúng trong tệp')).toHaveCount(0);
  await page.keyboard.press('+');
  await expect.poll(() => zoomOf(viewer.locator('.stage'))).toBeCloseTo(1.25, 2);
  await page.screenshot({ path: 'tests/.artifacts/screens/evidence-viewer-heic.png' });
  await page.keyboard.press('Escape');

  await page.locator('.evidence-grid .card').filter({ hasText: 'IMG_1929-cut.HEIC' }).getByRole('button').first().click();
  viewer = page.getByRole('dialog', { name: 'IMG_1929-cut.HEIC' });
  await expect(viewer.getByText('Ảnh xem trước nhúng trong tệp')).toBeVisible({ timeout: 20_000 });
  const preview = viewer.locator('.stage img');
  await expect.poll(() => preview.evaluate((el: HTMLImageElement) => el.complete && [el.naturalWidth, el.naturalHeight])).toEqual([240, 320]);
  await page.screenshot({ path: 'tests/.artifacts/screens/evidence-viewer-heic-preview.png' });
});
