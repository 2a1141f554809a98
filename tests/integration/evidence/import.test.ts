import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, appendFileSync, lstatSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/host/open-station';
import { importFiles, type ImportedFile, type ImportResult } from '../../../electron/services/evidence/import';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { verifyStore } from '../../../electron/services/evidence/verify';
import { createReport } from '../../../electron/services/intake/reports';
import { makeJpeg, makeVideo } from '../../support/media';
import { backends, form, tempStation } from '../../support/station';

let usb: string;
let before: Map<string, string>;

/** Every path under a folder with its size, time and hash: to prove the citizen's drive is untouched. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(relative(root, p), st.isFile() ? `${st.size} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(p)).digest('hex')}` : 'link');
    }
  };
  walk(root);
  return out;
}

const NFD_NAME = 'Ảnh vi phạm đèn đỏ.jpg'.normalize('NFD');
const NFC_NAME = 'Ảnh xe tải.jpg'.normalize('NFC');

// The stick is made once; each database's run imports it into a station of its own.
beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'station-usb-'));
  const dcim = join(usb, 'DCIM', '100MEDIA');
  await makeJpeg(join(dcim, 'IMG_0001.jpg'), {
    make: 'samsung', model: 'SM-A546E', software: 'A546EXXU1AWD1', taken: '2026:11:20 14:05:09', offset: '+07:00',
    gps: { lat: 14.3545, lng: 108.0076, date: '2026:11:20' },
  });
  writeFileSync(join(dcim, 'IMG_0001 (1).jpg'), readFileSync(join(dcim, 'IMG_0001.jpg')));
  await makeJpeg(join(usb, 'edited.jpg'), { software: 'Adobe Photoshop 25.0 (Windows)', taken: '2026:11:19 08:00:00', colour: '#aa3322' });
  await makeJpeg(join(usb, NFD_NAME), { taken: '2026:11:21 07:30:00', offset: '+07:00', colour: '#22aa33' });
  await makeJpeg(join(usb, NFC_NAME), { taken: '2026:11:21 07:31:00', gps: { lat: 0, lng: 0 }, colour: '#2233aa' });
  await makeJpeg(join(usb, 'gps-1970.jpg'), { taken: '2026:11:21 07:32:00', gps: { lat: 14.35, lng: 108.0, date: '1970:01:01' }, colour: '#888888' });
  await makeVideo(join(dcim, 'VID_0002.mp4'), {
    seconds: 2,
    tags: { creation_time: '2026-11-20T07:10:00Z', location: '+14.3545+108.0076/', 'com.android.manufacturer': 'samsung', 'com.android.model': 'SM-A546E' },
  });
  await makeVideo(join(usb, 'IMG_0003.MOV'), {
    tags: {
      'com.apple.quicktime.creationdate': '2026-11-20T14:20:00+0700', 'com.apple.quicktime.location.ISO6709': '+14.3545+108.0076+012.000/',
      'com.apple.quicktime.make': 'Apple', 'com.apple.quicktime.model': 'iPhone 14 Pro',
    },
  });
  await makeVideo(join(usb, 'exported.mp4'), { encoderTag: true, tags: { creation_time: '2026-11-20T07:30:00Z' } });
  // A copy cut short (moov is written last by ffmpeg, so it is lost), a zero-byte file, a non-media file.
  writeFileSync(join(usb, 'cut.mp4'), readFileSync(join(dcim, 'VID_0002.mp4')).subarray(0, 2048));
  writeFileSync(join(usb, 'empty.jpg'), '');
  writeFileSync(join(usb, 'ghi chú.txt'), 'Biển số 82A-123.45, 14h05');
  // What operating systems leave behind, and a link out of the drive: never imported.
  mkdirSync(join(usb, 'System Volume Information'));
  writeFileSync(join(usb, 'System Volume Information', 'IndexerVolumeGuid'), 'x');
  writeFileSync(join(usb, '._IMG_0001.jpg'), 'apple double');
  writeFileSync(join(usb, 'Thumbs.db'), 'thumbs');
  symlinkSync('/etc', join(usb, 'link-out'));
  before = snapshot(usb);
}, 120_000);

afterAll(() => {
  rmSync(usb, { recursive: true, force: true });
});

describe.each(backends)('%s: importing a citizen\'s USB stick', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  let results: ImportResult[];

  beforeAll(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
    const scan = await scanFolder(usb);
    expect(scan.byKind).toEqual({
      photo: { count: 6, bytes: expect.any(Number) },
      video: { count: 4, bytes: expect.any(Number) },
      other: { count: 2, bytes: Buffer.byteLength('Biển số 82A-123.45, 14h05') },
    });
    results = await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'USB KINGSTON' });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const byName = (name: string) => {
    const r = results.find((x) => x.name === name.normalize('NFC'));
    if (!r) throw new Error(`no result for ${name}`);
    return r;
  };
  const ok = (name: string) => {
    const r = byName(name);
    if (!r.ok) throw new Error(`${name} failed: ${r.error}`);
    return r as ImportedFile;
  };

  it('never writes to the source drive', () => {
    expect(snapshot(usb)).toEqual(before);
  });

  it('skips system clutter and does not follow links out of the drive', () => {
    const names = results.map((r) => r.path);
    expect(names.some((n) => /System Volume|Thumbs|\._|link-out/.test(n))).toBe(false);
    expect(results).toHaveLength(12);
  });

  it('reads a phone photo: capture time with its offset, GPS, device, SHA-256 of the bytes', () => {
    const r = ok('IMG_0001.jpg');
    const bytes = readFileSync(join(usb, 'DCIM', '100MEDIA', 'IMG_0001.jpg'));
    expect(r).toMatchObject({
      kind: 'photo', format: 'jpeg', sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length,
      capture: { local: '2026-11-20T14:05:09', offset: '+07:00', instant: '2026-11-20T07:05:09.000Z' },
      device: 'samsung SM-A546E', software: 'A546EXXU1AWD1',
    });
    expect(r.location!.lat).toBeCloseTo(14.3545, 5);
    expect(r.location!.lng).toBeCloseTo(108.0076, 5);
    expect(r.signs).toEqual(['capture-far-from-file-time']);
  });

  it('reads videos: UTC creation_time and ©xyz; Apple creationdate with its offset and ISO 6709 with altitude', () => {
    expect(ok('VID_0002.mp4')).toMatchObject({
      kind: 'video', format: 'mp4', capture: { offset: '+00:00', instant: '2026-11-20T07:10:00.000Z' },
      location: { lat: 14.3545, lng: 108.0076 }, device: 'samsung SM-A546E',
    });
    expect(ok('IMG_0003.MOV')).toMatchObject({
      kind: 'video', format: 'mov', capture: { local: '2026-11-20T14:20:00', offset: '+07:00', instant: '2026-11-20T07:20:00.000Z' },
      location: { lat: 14.3545, lng: 108.0076 }, device: 'Apple iPhone 14 Pro',
    });
  });

  it('shows signs of editing and re-encoding, and refuses no-fix locations', () => {
    expect(ok('edited.jpg').signs).toContain('editing-software');
    expect(ok('exported.mp4').signs).toContain('re-encoded');
    expect(ok(NFC_NAME).location).toBeNull();
    expect(ok('gps-1970.jpg').location).toBeNull();
  });

  it('stores the same bytes once and links them', () => {
    const a = ok('IMG_0001.jpg');
    const b = ok('IMG_0001 (1).jpg');
    expect(b.evidenceId).toBe(a.evidenceId);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
  });

  it('keeps NFD and NFC names, both imported, raw name kept', async () => {
    expect(ok(NFD_NAME).capture?.offset).toBe('+07:00');
    const rows = await t.station.db.selectFrom('report_evidence').select(['original_name', 'original_name_raw']).execute();
    expect(rows).toContainEqual({ original_name: NFD_NAME.normalize('NFC'), original_name_raw: NFD_NAME });
    expect(rows).toContainEqual({ original_name: NFC_NAME, original_name_raw: NFC_NAME });
  });

  it('lists bad files with a Vietnamese message naming them, and imports the rest', () => {
    expect(byName('cut.mp4')).toEqual({ ok: false, path: 'cut.mp4', name: 'cut.mp4', error: expect.stringMatching(/^Tệp cut\.mp4 bị hỏng\/không đọc được/) });
    expect(byName('empty.jpg')).toMatchObject({ ok: false, error: expect.stringContaining('Tệp empty.jpg rỗng (0 byte)') });
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(ok('ghi chú.txt')).toMatchObject({ kind: 'other', signs: [] });
  });

  it('writes the store read-only, content-addressed, with a custody record per import', async () => {
    const r = ok('IMG_0001.jpg');
    const stored = join(t.dataDir, 'evidence', 'sha256', r.sha256.slice(0, 2), r.sha256.slice(2, 4), r.sha256);
    expect(statSync(stored).mode & 0o777).toBe(0o444);
    const files = await t.station.store.list();
    expect(files).toHaveLength(9);
    const events = await t.station.db.selectFrom('custody_events').select(['action']).where('action', '=', 'imported').execute();
    expect(events).toHaveLength(10);
    expect(readdirSync(t.station.store.tmp)).toEqual([]);
  });

  it('verify finds every file intact, then a changed one and a missing one', async () => {
    expect(await verifyStore(t.station)).toEqual({ checked: 9, changed: [], missing: [] });
    // Altering the store is done on a station of its own: the other tests read the shared one.
    const own = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    try {
      const { id } = await createReport(own.station, null, form());
      const imported = await importFiles(own.station, { reportId: id, files: (await scanFolder(join(usb, 'DCIM', '100MEDIA'))).files, sourceLabel: 'USB' });
      const find = (name: string) => imported.find((r): r is ImportedFile => r.ok && r.name === name)!;
      const photo = find('IMG_0001.jpg');
      const video = find('VID_0002.mp4');
      expect(await verifyStore(own.station)).toEqual({ checked: 2, changed: [], missing: [] });
      const photoFile = own.station.store.absolute(`sha256/${photo.sha256.slice(0, 2)}/${photo.sha256.slice(2, 4)}/${photo.sha256}`);
      chmodSync(photoFile, 0o644);
      appendFileSync(photoFile, 'x');
      rmSync(own.station.store.absolute(`sha256/${video.sha256.slice(0, 2)}/${video.sha256.slice(2, 4)}/${video.sha256}`));
      const report = await verifyStore(own.station);
      expect(report.checked).toBe(2);
      expect(report.changed.map((c) => c.sha256)).toEqual([photo.sha256]);
      expect(report.missing.map((c) => c.sha256)).toEqual([video.sha256]);
    } finally {
      await own.close();
    }
  });

  it('the next start removes what dead processes left, quarantines unrecorded files, and never touches a live process\'s work', async () => {
    const tmp = join(t.dataDir, 'evidence', 'tmp');
    const host = hostname().replace(/[^\w.-]/g, '_');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const boot = existsSync('/proc/sys/kernel/random/boot_id') ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').slice(0, 8) : '';
    const dead = join(tmp, `${host}~${deadPid}~${boot}~deadbeef`);
    const live = join(tmp, `${host}~${process.ppid}~${boot}~cafecafe`);
    // A running pid, but written before the machine last started: that process is gone (Linux knows the boot).
    const earlierBoot = join(tmp, `${host}~${process.ppid}~00000000~cafecafe`);
    for (const dir of [dead, live, earlierBoot]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dead, 'half.part'), 'half a file');
    writeFileSync(join(earlierBoot, 'half.part'), 'half a file');
    writeFileSync(join(live, 'busy.part'), 'another desk is copying this');
    const orphan = join(t.dataDir, 'evidence', 'sha256', 'ab', 'cd', 'abcd'.padEnd(64, '0'));
    mkdirSync(join(orphan, '..'), { recursive: true });
    writeFileSync(orphan, 'whole file, never recorded');
    const kept = (await t.station.store.list()).length;

    // A desk between a rename and its record has named the file in the database: it is not an orphan; nor is anything
    // while another desk is cleaning.
    const sha = orphan.split('/').pop()!;
    await t.station.db.insertInto('store_intents').values({ sha256: sha, owner: 'another desk', at: new Date().toISOString() }).execute();
    const first = await openStation({ dataDir: t.dataDir, now: t.station.now });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(earlierBoot)).toBe(process.platform !== 'linux');
    expect(readFileSync(join(live, 'busy.part'), 'utf8')).toBe('another desk is copying this');
    expect(await first.station.store.list()).toHaveLength(kept);
    await first.close();
    await t.station.db.deleteFrom('store_intents').execute();
    await t.station.db.insertInto('station_settings').values({ name: 'store.cleaning', value: `${new Date().toISOString()} another desk` })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: `${new Date().toISOString()} another desk` })).execute();
    const second = await openStation({ dataDir: t.dataDir, now: t.station.now });
    expect(await second.station.store.list()).toHaveLength(kept);
    await second.close();

    // The intent of a desk that died two hours ago, and a cleaning claim as old, no longer hold anything back.
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    await t.station.db.insertInto('store_intents').values({ sha256: sha, owner: 'a desk that died', at: twoHoursAgo }).execute();
    await t.station.db.updateTable('station_settings').set({ value: `${twoHoursAgo} a desk that died` }).where('name', '=', 'store.cleaning').execute();
    const again = await openStation({ dataDir: t.dataDir, now: t.station.now });
    expect(existsSync(join(live, 'busy.part'))).toBe(true);
    expect(await again.station.store.list()).toHaveLength(kept - 1);
    const quarantined = readdirSync(join(t.dataDir, 'evidence', 'quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(readFileSync(join(t.dataDir, 'evidence', 'quarantine', quarantined[0]!), 'utf8')).toBe('whole file, never recorded');
    await again.close();
  });
});
