import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceSign } from '../../../electron/services/evidence/signs';
import { importFiles, type ImportResult } from '../../../electron/services/evidence/import';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// The shared corpus of real photos and videos (../shared/fixtures, never copied into the project):
// every file imported on its own, with what its MANIFEST note says checked.

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures');
const media = join(fixtures, 'media');
const present = existsSync(join(fixtures, 'MANIFEST.tsv'));
if (!present) console.log(`Corpus test skipped: ${media} does not exist on this machine.`);

interface Row { file: string; category: string; note: string }
const rows: Row[] = present
  ? readFileSync(join(fixtures, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [file, category, , , , , note] = line.split('\t');
    return { file: file!.replace(/^media\//, ''), category: category!, note: note ?? '' };
  })
  : [];

const DAMAGE: string[] = ['truncated', 'corrupt', 'undecodable', 'metadata-damaged'] satisfies EvidenceSign[];
// Malformed files: refused with a message, or imported with the damage shown. Three are only hard for
// other parsers (their notes say so): they must import without hanging or crashing.
const MALFORMED: Record<string, 'error' | 'damaged' | 'readable'> = {
  'NO20191130-123556-000155.MP4': 'error', 'empty.jpg': 'error', 'empty.mp4': 'error',
  'issue_ghsa_fgw8_p7pr_37cp_poc.mov': 'error', 'truncated_with-gps_first64KiB.mov': 'error',
  'QuickTime.mov': 'damaged', 'Sony DSC-HX5V (2).jpg': 'damaged', 'broken.jpg': 'damaged',
  'crash-8590d29fbe4df0317dc093513243229573e81c0c.fuzzed': 'damaged', 'crash_moov-trak': 'damaged',
  'exif-no-tz.jpg': 'damaged', 'issue_1912_poc.jpg': 'damaged', 'oom_large_box.heic': 'damaged',
  'sample_mdat_too_long.mp4': 'damaged', 'truncated.jpg': 'damaged', 'truncated_IMG_5195_first256KiB.HEIC': 'damaged',
  'invalid-gps': 'damaged',
  'RangeError_Offset_outside_bounds.jpg': 'readable', 'endless_loop.jpg': 'readable', 'image01551.jpg': 'readable',
};
const NO_LOCATION = new Set([
  // EDGE: no fix (0/0, a 1970 GPS date, null rationals, a stub), or no GPS at all.
  'photos-gps/0epoch.jpg', 'photos-gps/Samsung GT-I9000 (Galaxy S).jpg', 'photos-nogps/ss-motion-photo-shortened.jpg',
  'heic/Issue 487.heic', 'photos-edited/Nikon D5000.jpg', 'videos-phone/ftyp3gp5.mp4', 'videos-dashcam/karma.mp4',
  // Not read yet: a 70mai dashcam's proprietary "GPS " box (per-second track), a known gap.
  'videos-dashcam/box.mp4',
]);
const LOCATIONS: Record<string, [number, number]> = {
  'videos-dashcam/max-heromode.mp4': [33.1268, -117.3273],
  'videos-phone/FLIR Thermal.mp4': [34.0754, -118.2543],
  'videos-phone/dolbyVision-hdr.MOV': [51.5334, -0.1255],
  'videos-phone/h265_with_metadata_track.mp4': [51.5932, -0.2431],
  'videos-phone/with-gps.mov': [32.0929, 34.862],
  'videos-phone/with-gps.mp4': [51.4169, -0.0806],
  'videos-phone/meta.mov': [27.1281, 100.2508],
};
const CAPTURES: Record<string, { local: string; offset: string | null } | null> = {
  'photos-gps/exif.jpg': { local: '2023-07-09T20:36:33', offset: '+08:00' },
  'heic/2021-02-13-1929.heic': { local: '2021-02-13T11:03:31', offset: '-06:00' },
  'videos-phone/meta.mov': { local: '2019-02-12T15:27:12', offset: '+08:00' },
  'videos-phone/with-gps.mov': { local: expect.stringMatching(/^2019-07-24T/) as unknown as string, offset: '+03:00' },
  'videos-phone/dolbyVision-hdr.MOV': { local: expect.stringMatching(/^2023-05-09T/) as unknown as string, offset: '+01:00' },
  'photos-gps/Oppo R7 Plus.jpg': { local: expect.stringMatching(/^2018-07-16T/) as unknown as string, offset: null },
  'videos-phone/sample_android_slow_motion.mp4': null,
  'photos-nogps/Nokia 3110c (Mobile Phone).jpg': null,
  'photos-edited/Issue 609.jpg': null,
  'malformed/invalid-gps': null,
};

// The corpus is read in place; each database's run imports every file into a station of its own.
describe.skipIf(!present).each(backends)('%s: shared corpus', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  const results = new Map<string, { result: ImportResult; ms: number }>();

  beforeAll(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    const { id: reportId } = await createReport(t.station, null, form());
    const scan = await scanFolder(media);
    for (const file of scan.files) {
      const started = performance.now();
      const [result] = await importFiles(t.station, { reportId, files: [file], sourceLabel: 'corpus' });
      results.set(file.relPath.split('\\').join('/').normalize('NFC'), { result: result!, ms: performance.now() - started });
    }
  }, 600_000);
  afterAll(async () => { await t.close(); });

  const get = (file: string) => {
    const r = results.get(file.normalize('NFC'));
    if (!r) throw new Error(`not imported: ${file}`);
    return r;
  };

  it('sees every file of the manifest, each handled within 10 s', () => {
    expect(rows.length).toBe(87);
    for (const row of rows) {
      expect(existsSync(join(media, row.file)), row.file).toBe(true);
      expect(get(row.file).ms, row.file).toBeLessThan(10_000);
    }
  });

  it('imports every well-formed file', () => {
    for (const row of rows.filter((r) => r.category !== 'malformed')) {
      const { result } = get(row.file);
      expect(result.ok ? 'ok' : result.error, row.file).toBe('ok');
    }
  });

  it('gives each malformed file a clear message, or shows its damage', () => {
    for (const row of rows.filter((r) => r.category === 'malformed')) {
      const name = basename(row.file);
      const expected = MALFORMED[name];
      expect(expected, `no expectation for ${name}`).toBeDefined();
      const { result } = get(row.file);
      if (expected === 'error') {
        expect(result.ok, name).toBe(false);
        if (!result.ok) expect(result.error, name).toMatch(new RegExp(`^(Tệp|Không).*${name.replace(/[.()]/g, '\\$&')}`));
      } else if (expected === 'damaged') {
        expect(result.ok && result.signs.some((s) => DAMAGE.includes(s)), `${name}: ${JSON.stringify(result)}`).toBe(true);
      } else {
        expect(result.ok, name).toBe(true);
      }
    }
  });

  it('finds GPS where the note says so, and "no usable location" for the no-fix cases', () => {
    for (const row of rows.filter((r) => ['photos-gps', 'heic', 'videos-phone', 'videos-dashcam'].includes(r.category))) {
      const { result } = get(row.file);
      if (!result.ok) continue;
      const expectLocation = !NO_LOCATION.has(row.file) && /GPS|ISO6709|xyz|loci/.test(row.note) && !/no GPS|NO GPS/.test(row.note);
      expect(result.location !== null, `${row.file}: ${row.note}`).toBe(expectLocation);
    }
    for (const [file, [lat, lng]] of Object.entries(LOCATIONS)) {
      const { result } = get(file);
      expect(result.ok && result.location, file).toBeTruthy();
      if (result.ok && result.location) {
        expect(result.location.lat, file).toBeCloseTo(lat, 3);
        expect(result.location.lng, file).toBeCloseTo(lng, 3);
      }
    }
    for (const file of NO_LOCATION) {
      const { result } = get(file);
      expect(result.ok && result.location, file).toBeNull();
    }
  });

  it('reads capture times with their offsets, and none where the clock was never set', () => {
    for (const [file, capture] of Object.entries(CAPTURES)) {
      const { result } = get(file);
      expect(result.ok, file).toBe(true);
      if (result.ok) {
        if (capture === null) expect(result.capture, file).toBeNull();
        else expect(result.capture, file).toMatchObject(capture);
      }
    }
  });

  it('names devices, and shows editing software and lying extensions', () => {
    const device = (file: string) => { const { result } = get(file); return result.ok ? result.device : 'failed'; };
    expect(device('photos-gps/Apple iPhone 5.jpg')).toBe('Apple iPhone 5');
    expect(device('videos-phone/dolbyVision-hdr.MOV')).toBe('Apple iPhone 14 Pro');
    expect(device('heic/HMD_Nokia_8.3_5G_hdr.heif')).toBeNull();
    for (const row of rows.filter((r) => r.category === 'photos-edited')) {
      const { result } = get(row.file);
      expect(result.ok && result.signs.includes('editing-software'), `${row.file}: ${row.note}`).toBe(true);
    }
    expect(get('videos-other/xmp480qt.mov').result).toMatchObject({ ok: true, signs: expect.arrayContaining(['editing-software']) });
    expect(get('odd-names/Stonehenge_heic_content.JPG').result).toMatchObject({ ok: true, format: 'heic', signs: expect.arrayContaining(['extension-lies']) });
    expect(get('odd-names/screenshot_png_content.jpg').result).toMatchObject({ ok: true, format: 'png', signs: expect.arrayContaining(['extension-lies']) });
    expect(get('odd-names/IMG_20140719_no_extension').result).toMatchObject({ ok: true, kind: 'photo', format: 'jpeg' });
  });

  it('imports NFC and NFD names alike, and a name starting with "-"', async () => {
    const names = await t.station.db.selectFrom('report_evidence').select(['original_name', 'original_name_raw']).execute();
    const nfd = names.find((n) => n.original_name.startsWith('Ảnh đường phố'));
    const nfc = names.find((n) => n.original_name.startsWith('Ảnh chụp ngày'));
    expect(nfd && nfd.original_name_raw !== nfd.original_name && nfd.original_name_raw.normalize('NFC') === nfd.original_name).toBe(true);
    expect(nfc?.original_name_raw).toBe(nfc?.original_name);
    expect(get('odd-names/-leading-dash 📷 photo.jpg').result).toMatchObject({ ok: true, kind: 'photo' });
    expect(statSync(media).isDirectory()).toBe(true);
  });
});
