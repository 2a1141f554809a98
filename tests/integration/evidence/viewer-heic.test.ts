import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../../electron/contract/messages.vi';
import { importFiles } from '../../../electron/services/evidence/import';
import { mediaFile } from '../../../electron/services/evidence/media';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// HEIC photos shown as pictures, not placeholders. No encoder here makes HEIC, so the phones' own files
// come from the shared corpus (../shared/fixtures, copied to a temporary folder, never into the project);
// without it the test is skipped. Phone HEICs hold no EXIF thumbnail: the picture is a grid of HEVC
// tiles, the preview a small HEVC image of its own (a `thmb` item).

const heic = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'media', 'heic');
const present = existsSync(join(heic, '2021-02-13-1929.heic'));
if (!present) console.log(`HEIC viewer test skipped: ${heic} does not exist on this machine.`);

let usb: string;

// The phones' files are copied once; each database's run imports them into a station of its own.
beforeAll(() => {
  if (!present) return;
  usb = mkdtempSync(join(tmpdir(), 'station-viewer-heic-'));
  // iPhone XR (8×6 tiles, turned by irot), iPhone 11 Pro Max (6×7 tiles, odd height), Samsung S10+ (meta after
  // the picture), a single-image HEIC, and an iPhone HEIC cut short in copying: its preview is there, its tiles are not.
  for (const name of ['2021-02-13-1929.heic', 'IMG_5195.HEIC', 'Issue 487.heic', 'Stonehenge.heic']) copyFileSync(join(heic, name), join(usb, name));
  const whole = readFileSync(join(heic, '2021-02-13-1929.heic'));
  writeFileSync(join(usb, 'cut-short.heic'), whole.subarray(0, Math.floor(whole.length * 0.4)));
});

afterAll(() => {
  if (!present) return;
  rmSync(usb, { recursive: true, force: true });
});

/** How far apart two pictures are, made tiny and grey (0 the same, 255 opposite). */
async function difference(a: string, b: string): Promise<number> {
  const tiny = (p: string) => sharp(p).resize(24, 32, { fit: 'fill' }).greyscale().raw().toBuffer();
  const [x, y] = await Promise.all([tiny(a), tiny(b)]);
  return x.reduce((sum, v, i) => sum + Math.abs(v - y[i]!), 0) / x.length;
}

describe.skipIf(!present).each(backends)('%s: HEIC photos in the viewer', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    const { id: reportId } = await createReport(t.station, null, form());
    const scan = await scanFolder(usb);
    for (const r of await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'iPhone' })) {
      if (!r.ok) throw new Error(r.error);
      ids.set(r.name, r.evidenceId);
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  async function size(name: string, variant: 'picture' | 'thumb') {
    const file = await mediaFile(t.station, ids.get(name)!, variant);
    expect(file.contentType).toBe('image/jpeg');
    const { width, height, format } = await sharp(file.path).metadata();
    return { width, height, format };
  }

  it('decodes the whole picture: tiles in place, cropped to size, turned upright', async () => {
    expect(await size('2021-02-13-1929.heic', 'picture')).toEqual({ width: 3024, height: 4032, format: 'jpeg' });
    expect(await size('Issue 487.heic', 'picture')).toEqual({ width: 3024, height: 4032, format: 'jpeg' });
    expect(await size('Stonehenge.heic', 'picture')).toEqual({ width: 300, height: 200, format: 'jpeg' });
    const tall = await size('IMG_5195.HEIC', 'picture');
    // 2566×3313: JPEG's 4:2:0 keeps an even height.
    expect(tall.width).toBe(2566);
    expect(tall.height).toBeGreaterThanOrEqual(3312);
  });

  it('shows the preview the phone stored as the thumbnail, and it is the same scene as the picture', async () => {
    expect(await size('2021-02-13-1929.heic', 'thumb')).toEqual({ width: 240, height: 320, format: 'jpeg' });
    expect(await size('Issue 487.heic', 'thumb')).toEqual({ width: 320, height: 426, format: 'jpeg' });
    for (const name of ['2021-02-13-1929.heic', 'Issue 487.heic']) {
      const picture = (await mediaFile(t.station, ids.get(name)!, 'picture')).path;
      const thumb = (await mediaFile(t.station, ids.get(name)!, 'thumb')).path;
      // A tile out of place or a picture turned the wrong way is far from the phone's own preview.
      expect(await difference(picture, thumb), name).toBeLessThan(12);
    }
  });

  it('a HEIC without a preview of its own gets the picture made small as its thumbnail', async () => {
    expect(await size('IMG_5195.HEIC', 'thumb')).toMatchObject({ width: 320 });
  });

  it('a copy cut short: no whole picture (said in Vietnamese), the embedded preview still shows', async () => {
    await expect(mediaFile(t.station, ids.get('cut-short.heic')!, 'picture')).rejects.toMatchObject({ code: 'not-found', message: vi.evidenceViewer.noPicture });
    expect(await size('cut-short.heic', 'thumb')).toEqual({ width: 240, height: 320, format: 'jpeg' });
  });
});
