import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Download, expect, type Locator, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { faceScenes } from '../support/faces';
import { openReportAndImport, stationPerTest } from '../support/serve';

// Hiding bystanders before publication, in real Chromium against the real station: a phone's street photo (with
// GPS) among a report's evidence, the faces the station finds proposed as boxes, one moved by the keys, one drawn
// by hand, filled in black and saved as a new item; the report sanctioned and published: the press list's only
// photo is the redacted copy (black where the boxes were, no EXIF), the original is neither changed nor sent.

const station = stationPerTest();
let usb: string;
test.beforeEach(() => { usb = mkdtempSync(join(tmpdir(), 'station-e2e-redaction-')); });
test.afterEach(() => rmSync(usb, { recursive: true, force: true }));

interface Box { left: number; top: number; width: number; height: number }

/** Whether a JPEG carries EXIF (where GPS lives): an APP1 segment starting "Exif\0\0" before the picture data. */
function hasExif(jpeg: Buffer): boolean {
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff;) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda) return false;
    if (marker === 0xe1 && jpeg.subarray(at + 4, at + 10).toString('latin1') === 'Exif\0\0') return true;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return false;
}

/** The grey level inside a box (its middle 60 %, away from the edges a blur or JPEG's ringing softens). */
async function greyIn(jpeg: Buffer, b: Box): Promise<{ mean: number; stdev: number }> {
  const { width = 0, height = 0 } = await sharp(jpeg).metadata();
  const region = {
    left: Math.round((b.left + b.width * 0.2) * width), top: Math.round((b.top + b.height * 0.2) * height),
    width: Math.max(1, Math.round(b.width * 0.6 * width)), height: Math.max(1, Math.round(b.height * 0.6 * height)),
  };
  // stats() reads its input as it is: the region is cut out first.
  const { channels } = await sharp(await sharp(jpeg).extract(region).greyscale().png().toBuffer()).stats();
  return { mean: channels[0]!.mean, stdev: channels[0]!.stdev };
}

/** Where a box over the picture is, as fractions (its style is in % of the picture). */
const boxOf = (el: Locator): Promise<Box> => el.evaluate((e: HTMLElement) => ({
  left: parseFloat(e.style.left) / 100, top: parseFloat(e.style.top) / 100, width: parseFloat(e.style.width) / 100, height: parseFloat(e.style.height) / 100,
}));
const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/** A card's file as the station stores it (the thumbnail's address, for the original bytes). */
async function storedBytes(page: Page, card: Locator): Promise<Buffer> {
  const thumb = (await card.locator('img.thumb').getAttribute('src'))!;
  const res = await page.request.get(new URL(thumb.replace('/thumb', '/original'), page.url()).href);
  expect(res.ok()).toBe(true);
  return res.body();
}

test('faces found, a box moved by keys and one drawn, saved filled as a new item; the press list sends only that copy', async ({ page }) => {
  test.setTimeout(150_000);
  const [scene] = await faceScenes(15, 1, 1600, 1200);
  const original = await sharp(scene!.jpeg).withExif({
    IFD0: { Make: 'samsung', Model: 'SM-A546E' },
    IFD2: { DateTimeOriginal: '2026:11:20 14:05:09', OffsetTimeOriginal: '+07:00' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '14/1 20/1 5900/100', GPSLongitudeRef: 'E', GPSLongitude: '108/1 0/1 180/100' },
  }).jpeg({ quality: 90 }).toBuffer();
  expect(hasExif(original)).toBe(true);
  writeFileSync(join(usb, 'scene.jpeg'), original);
  await openReportAndImport(station, page, usb, 1, 'Người dân gửi ảnh ô tô đỗ trên vỉa hè; trong ảnh có người đi đường.');
  const code = /^Phản ánh (PA-\S+)/.exec((await page.getByRole('heading', { name: /^Phản ánh PA-/ }).textContent())!)![1]!;
  const cards = page.locator('.evidence-grid .card');
  const isOriginal = page.locator('strong.name', { hasText: /^scene\.jpeg$/ });

  await cards.filter({ has: isOriginal }).getByRole('button').first().click();
  const viewer = page.getByRole('dialog', { name: 'scene.jpeg' });
  const img = viewer.locator('.stage img');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1600);

  // C opens the editor; the faces found come as boxes, numbered, each a stop for Tab.
  await page.keyboard.press('c');
  const panel = viewer.getByRole('region', { name: 'Che trước khi công khai' });
  await expect(panel.getByRole('status')).toHaveText(/^Tìm thấy \d+ khuôn mặt, đã khoanh sẵn\./, { timeout: 30_000 });
  const faces = viewer.getByRole('group', { name: /^Vùng che \d+ \(khuôn mặt\)$/ });
  expect(await faces.count()).toBeGreaterThanOrEqual(1);
  await expect(faces.first()).toHaveAccessibleName('Vùng che 1 (khuôn mặt)');
  // The editor open, boxes and all: nothing serious or critical for axe (as tests/e2e/accessibility.spec.ts holds the screens).
  const { violations } = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The first box, reached by Tab: two steps sideways (1 % each), one big step down (Shift: 5 %), 1 % wider (Alt).
  const first = faces.first();
  const was = await boxOf(first);
  await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  const dx = was.left < 0.5 ? 0.02 : -0.02;
  const dy = was.top + was.height < 0.9 ? 0.05 : -0.05;
  for (let i = 0; i < 2; i++) await page.keyboard.press(dx > 0 ? 'ArrowRight' : 'ArrowLeft');
  await page.keyboard.press(dy > 0 ? 'Shift+ArrowDown' : 'Shift+ArrowUp');
  await page.keyboard.press('Alt+ArrowRight');
  const now = await boxOf(first);
  expect(now.left).toBeCloseTo(was.left + dx, 4);
  expect(now.top).toBeCloseTo(was.top + dy, 4);
  expect(now.width).toBeCloseTo(Math.min(was.width + 0.01, 1 - now.left), 4);
  expect(now.height).toBeCloseTo(was.height, 4);

  // A box drawn by dragging where no box is (a house number, say): it comes focused, "drawn by hand"; its corner
  // dragged makes it wider.
  const taken = await Promise.all((await faces.all()).map(boxOf));
  const spot = [{ left: 0.04, top: 0.04 }, { left: 0.82, top: 0.04 }, { left: 0.04, top: 0.86 }, { left: 0.82, top: 0.86 }, { left: 0.44, top: 0.44 }]
    .map((p) => ({ ...p, width: 0.16, height: 0.08 })).find((s) => !taken.some((t) => overlaps(t, s)))!;
  const shown = (await img.boundingBox())!;
  await page.mouse.move(shown.x + spot.left * shown.width, shown.y + spot.top * shown.height);
  await page.mouse.down();
  await page.mouse.move(shown.x + (spot.left + 0.12) * shown.width, shown.y + (spot.top + spot.height) * shown.height, { steps: 6 });
  await page.mouse.up();
  const drawn = viewer.getByRole('group', { name: /^Vùng che \d+ \(vẽ tay\)$/ });
  await expect(drawn).toBeFocused();
  expect((await boxOf(drawn)).width).toBeCloseTo(0.12, 2);
  const corner = (await drawn.locator('.redaction-handle').boundingBox())!;
  await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
  await page.mouse.down();
  await page.mouse.move(corner.x + corner.width / 2 + 0.04 * shown.width, corner.y + corner.height / 2, { steps: 4 });
  await page.mouse.up();
  const drawnBox = await boxOf(drawn);
  expect(drawnBox.left).toBeCloseTo(spot.left, 2);
  expect(drawnBox.width).toBeCloseTo(spot.width, 2);
  expect(drawnBox.height).toBeCloseTo(spot.height, 2);

  // Filled in black, saved with Enter from the box: a new item among the evidence.
  await expect(panel.getByRole('radio', { name: 'Làm mờ' })).toBeChecked();
  await panel.getByRole('radio', { name: 'Tô đen' }).check();
  const hidden = await Promise.all((await viewer.getByRole('group', { name: /^Vùng che / }).all()).map(boxOf));
  await drawn.focus();
  await page.keyboard.press('Enter');
  await expect(viewer.getByRole('status').filter({ hasText: 'Đã lưu bản đã che (tệp mới, bản gốc giữ nguyên).' })).toBeVisible({ timeout: 30_000 });
  await expect(panel).toHaveCount(0);
  // Opened again on the original, the editor brings back what was saved (to add to), filled as it was.
  await page.keyboard.press('c');
  await expect(panel.getByRole('status')).toHaveText(new RegExp(`^Đã nạp lại ${hidden.length} vùng che của bản đã lưu lần trước\\.`), { timeout: 30_000 });
  await expect(viewer.getByRole('group', { name: /^Vùng che \d+ \(đã lưu\)$/ })).toHaveCount(hidden.length);
  await expect(panel.getByRole('radio', { name: 'Tô đen' })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(cards).toHaveCount(2);
  const copy = cards.filter({ hasNot: isOriginal });

  // The copy: black where every box was, no EXIF (so no GPS); the original as it was imported, byte for byte.
  const stored = await storedBytes(page, copy);
  expect(hasExif(stored)).toBe(false);
  for (const b of hidden) {
    expect((await greyIn(stored, b)).mean, JSON.stringify(b)).toBeLessThan(12);
    const before = await greyIn(original, b);
    expect(before.mean > 12 || before.stdev > 4, JSON.stringify(b)).toBe(true);
  }
  const kept = await storedBytes(page, cards.filter({ has: isOriginal }));
  expect(createHash('sha256').update(kept).digest('hex')).toBe(createHash('sha256').update(original).digest('hex'));

  // Sanctioned through the workflow, then published from Today: the CSV and one photo, the redacted one.
  const flow = page.getByRole('region', { name: 'Xử lý' });
  await flow.getByRole('button', { name: 'Nhận xác minh' }).click();
  await flow.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đang xác minh');
  await flow.getByRole('button', { name: 'Xử phạt' }).click();
  const sanction = flow.getByRole('form', { name: 'Xử phạt' });
  await sanction.getByLabel('Số quyết định xử phạt').fill('0125/QĐ-XPHC');
  await sanction.getByLabel('Căn cứ (điều, khoản, điểm)').fill('Điểm đ khoản 2 Điều 6 NĐ 168/2024/NĐ-CP');
  await sanction.getByLabel('Số tiền phạt (đồng)').fill('600000');
  await sanction.getByLabel('Người vi phạm (họ tên, tổ chức)').fill('Trần Văn Bình');
  await sanction.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(flow.getByRole('heading', { level: 2 })).toHaveText('Xử lý: Đã xử phạt');

  await page.keyboard.press('F3');
  const publication = page.getByRole('region', { name: 'Danh sách công khai kết quả xử lý' });
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await publication.getByRole('button', { name: 'Xuất danh sách công khai (CSV)' }).click();
  await expect(publication.getByRole('status')).toHaveText('Đã xuất 1 vụ việc, 1 ảnh đã che.');
  // The original has its redacted copy: no photo of the report is counted as left out for want of one.
  await expect(publication.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => downloads.length).toBe(2);
  const photos = downloads.filter((d) => d.suggestedFilename().endsWith('.jpg'));
  expect(photos.map((d) => d.suggestedFilename())).toEqual([`${code}-1.jpg`]);
  const csv = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.csv'))!.path()), 'utf8');
  expect(csv).toContain(code);
  const sent = readFileSync(await photos[0]!.path());
  expect(hasExif(sent)).toBe(false);
  expect(sent.equals(original)).toBe(false);
  for (const b of hidden) expect((await greyIn(sent, b)).mean, JSON.stringify(b)).toBeLessThan(12);
});
