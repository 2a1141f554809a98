import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../../electron/contract/messages.vi';
import { dispatch } from '../../electron/host/dispatch';
import { openStation, type StationHost } from '../../electron/host/open-station';
import { writeSettings } from '../../electron/host/settings';
import { importFiles } from '../../electron/services/evidence/import';
import { scanFolder } from '../../electron/services/evidence/scan';
import { verifyStore } from '../../electron/services/evidence/verify';
import { makeJpeg } from '../support/media';
import { backends, form, signInForTest, tempDataDir } from '../support/station';
import { hostileFigures } from './figures';

// A full disk (issue 13.4), on a real file system of 24 MB (tmpfs, mounted where the machine allows it: root on
// Linux; elsewhere the suite says it was skipped): the evidence store on it for both databases, and on SQLite the
// whole data folder. A save or an import meeting the full disk fails with a Vietnamese sentence saying so; what was
// saved before stays, nothing half-written stays behind, and once space is freed the same work succeeds.

const figures = Object.assign(hostileFigures('disk full'), { savesRefused: 0, importsRefused: 0, halfDone: 0 });
const mount = mkdtempSync(join(tmpdir(), 'station-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]).status === 0;
if (!mounted) console.log('disk-full: this machine does not let the tests mount a small file system (tmpfs needs root on Linux): the suite is skipped.');
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mount]);
  rmSync(mount, { recursive: true, force: true });
});

let photos: string;
beforeAll(async () => {
  photos = mkdtempSync(join(tmpdir(), 'station-full-photos-'));
  for (let k = 0; k < 3; k++) await makeJpeg(join(photos, `IMG_${k}.jpg`), { taken: `2026:11:20 14:0${k}:09`, colour: ['#aa3322', '#22aa33', '#2233aa'][k] }, { width: 1600, height: 1200, noise: true });
});
afterAll(() => rmSync(photos, { recursive: true, force: true }));

/** Writes a file until the disk has no room left; returns a function that frees the space again. */
function fill(dir: string): () => void {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(256 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return () => rmSync(file, { force: true });
}

/** Copies under way or left over in the store's tmp folders. */
const partials = (store: string) => {
  try {
    return readdirSync(join(store, 'tmp'), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.part'));
  } catch {
    return [];
  }
};

describe.runIf(mounted).each(backends)('%s: a full disk', (backend) => {
  let host: StationHost;
  let folder: Awaited<ReturnType<typeof tempDataDir>>;
  let disk: string;
  let store: string;
  const call = (channel: string, input: unknown) => dispatch(host.handlers, channel, input, host.log);

  beforeAll(async () => {
    disk = join(mount, backend);
    mkdirSync(disk);
    // SQLite: the whole data folder on the small disk. PostgreSQL: its database is the server's; the evidence store
    // (kept beside each desk, or on a shared folder) is on the small disk.
    folder = await tempDataDir(backend, backend === 'sqlite' ? join(disk, 'data') : undefined);
    store = join(disk, 'evidence');
    if (backend === 'sqlite') writeSettings(folder.dataDir, { evidenceDir: store });
    else writeSettings(folder.dataDir, { databaseUrl: folder.databaseUrl!, evidenceDir: store });
    host = await openStation({ dataDir: folder.dataDir });
    await signInForTest(host);
  }, 60_000);
  afterAll(async () => {
    await host.close();
    await folder.remove();
  });

  it('an import meeting the full disk fails by name, keeps what was imported, leaves no half copy, and works once space is freed', async () => {
    const saved = await call('report:create', { draftId: null, form: form() });
    expect(saved.ok).toBe(true);
    const reportId = (saved as { value: { id: number } }).value.id;
    const files = (await scanFolder(photos)).files;
    expect((await importFiles(host.station, { reportId, files: files.slice(0, 1), sourceLabel: 'USB' }))[0]).toMatchObject({ ok: true });
    const free = fill(disk);
    const results = await importFiles(host.station, { reportId, files: files.slice(1), sourceLabel: 'USB' });
    figures.requestsTried += results.length;
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBe(vi.evidenceError.diskFull(r.name));
      figures.importsRefused++;
    }
    figures.halfDone += partials(store).length;
    expect(partials(store)).toEqual([]);
    free();
    const again = await importFiles(host.station, { reportId, files: files.slice(1), sourceLabel: 'USB' });
    expect(again.every((r) => r.ok)).toBe(true);
    const verify = await verifyStore(host.station);
    expect({ changed: verify.changed, missing: verify.missing, checked: verify.checked }).toEqual({ changed: [], missing: [], checked: 3 });
  }, 60_000);

  it.runIf(backend === 'sqlite')('a save meeting the full disk is refused in Vietnamese; every save before it stays; the same save works once space is freed', async () => {
    // SQLite only: on PostgreSQL the database's disk is the server's, not the desk's.
    const before = await host.station.db.selectFrom('reports').select('code').execute();
    const free = fill(disk);
    const outcomes: boolean[] = [];
    // The write-ahead log may still have room for a save or two: save until the disk refuses.
    for (let k = 0; k < 20 && !outcomes.includes(false); k++) {
      figures.requestsTried++;
      const r = await call('report:create', { draftId: null, form: form({ description: `Phản ánh số ${k} khi ổ đĩa đầy` }) });
      if (!r.ok) {
        expect(r.error).toEqual({ code: 'rejected', message: vi.error.diskFull });
        figures.savesRefused++;
      }
      outcomes.push(r.ok);
    }
    expect(outcomes).toContain(false);
    free();
    const after = await call('report:create', { draftId: null, form: form({ description: 'Lưu lại sau khi giải phóng ổ đĩa' }) });
    expect(after.ok).toBe(true);
    const codes = (await host.station.db.selectFrom('reports').select('code').orderBy('id').execute()).map((r) => r.code);
    // Every earlier save is there, each accepted save once, the refused ones not at all, and numbering goes on.
    expect(codes.slice(0, before.length)).toEqual(before.map((r) => r.code));
    expect(codes).toHaveLength(before.length + outcomes.filter(Boolean).length + 1);
    expect(new Set(codes).size).toBe(codes.length);
    const raw = new Database(join(folder.dataDir, 'station.sqlite'), { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  }, 60_000);

  afterAll(() => expect(figures.halfDone).toBe(0));
});
