import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupStation, restoreStation, RestoreRefused } from '../../electron/services/backup/backup';
import { importFiles } from '../../electron/services/evidence/import';
import { scanFolder } from '../../electron/services/evidence/scan';
import { createReport } from '../../electron/services/intake/reports';
import { makeJpeg } from '../support/media';
import { backends, form, tempDataDir, tempStation } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// Backups as an attacker, a careless admin and a second desk meet them: a backup's database or evidence altered after
// it was made, a manifest naming files outside its folder, a restore aimed at a folder or database holding data, an
// evidence file gone from the store at backup time, and a backup taken while another desk saves reports. Nothing
// restores silently wrong, nothing in a folder that held data is touched, and every report a desk saved before the
// backup's moment is in it.

const root = join(import.meta.dirname, '..', '..');
const figures = Object.assign(hostileFigures('backup-restore'), { badBackupsRestored: 0, foldersTouched: 0, savesLostInBackup: 0 });
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bundled('station'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let media: string;
beforeAll(async () => {
  media = mkdtempSync(join(tmpdir(), 'station-hostile-backup-'));
  await makeJpeg(join(media, 'a.jpg'), { taken: '2026:11:20 14:05:09', colour: '#aa3322' });
  await makeJpeg(join(media, 'b.jpg'), { taken: '2026:11:20 14:06:09', colour: '#22aa33' });
});
afterAll(() => rmSync(media, { recursive: true, force: true }));

describe.each(backends)('%s: hostile backups', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let folder: string;
  let manifestPath: string;
  const places: Awaited<ReturnType<typeof tempDataDir>>[] = [];
  /** An empty place to restore into: a folder, and on PostgreSQL an empty database. */
  const place = async () => {
    const p = await tempDataDir(backend);
    places.push(p);
    return { dir: join(p.dataDir, 'restored'), url: p.databaseUrl ?? undefined };
  };
  const refusal = async (run: Promise<unknown>) => {
    figures.requestsTried++;
    try {
      await run;
      figures.badBackupsRestored++;
      return null;
    } catch (err) {
      if (!(err instanceof RestoreRefused)) throw err;
      return err.problem.kind;
    }
  };

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    const { id } = await createReport(t.station, null, form());
    const scan = await scanFolder(media);
    expect((await importFiles(t.station, { reportId: id, files: scan.files, sourceLabel: 'USB' })).every((r) => r.ok)).toBe(true);
    folder = mkdtempSync(join(tmpdir(), 'station-hostile-backups-'));
    const settings = JSON.parse(existsSync(join(t.dataDir, 'settings.json')) ? readFileSync(join(t.dataDir, 'settings.json'), 'utf8') : '{}');
    ({ manifestPath } = await backupStation({ dataDir: t.dataDir, databaseUrl: settings.databaseUrl, store: t.station.store, now: new Date() }, folder));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    for (const p of places.splice(0)) await p.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A copy of the backup folder to spoil. */
  const spoilable = () => {
    const copy = mkdtempSync(join(tmpdir(), 'station-spoilt-'));
    spawnSync('cp', ['-a', `${folder}/.`, copy]);
    spawnSync('chmod', ['-R', 'u+w', copy]);
    return { copy, manifest: join(copy, manifestPath.split('/').pop()!) };
  };

  it('a database file altered after the backup is refused, and the folder is left as it was', async () => {
    const { copy, manifest } = spoilable();
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    appendFileSync(join(copy, m.database.file), Buffer.from('x'));
    const p = await place();
    expect(await refusal(restoreStation(manifest, p.dir, p.url))).toBe('databaseChanged');
    if (existsSync(p.dir)) figures.foldersTouched++;
    const r = cli('restore', manifest, '--data', p.dir, ...(p.url ? ['--database-url', p.url] : []));
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('không khớp mã băm') });
    rmSync(copy, { recursive: true, force: true });
  });

  it('a manifest naming a file outside its folder, or not a manifest at all, is refused before anything is read', async () => {
    const { copy, manifest } = spoilable();
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const file of ['../../../../etc/passwd', '/etc/passwd', 'station-20261123-100000.sqlite/../../x.sqlite']) {
      writeFileSync(manifest, JSON.stringify({ ...m, database: { ...m.database, file } }));
      const p = await place();
      expect(await refusal(restoreStation(manifest, p.dir, p.url))).toBe('manifest');
    }
    writeFileSync(manifest, '{"format":"tram-tiep-nhan-backup/1","__proto__":{"polluted":true}}');
    const p = await place();
    expect(await refusal(restoreStation(manifest, p.dir, p.url))).toBe('manifest');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    rmSync(copy, { recursive: true, force: true });
  });

  it('a backup into an existing folder others may read: its database copy and manifest are the station user\'s alone', async () => {
    const open = mkdtempSync(join(tmpdir(), 'station-open-backups-'));
    chmodSync(open, 0o755);
    const settings = JSON.parse(existsSync(join(t.dataDir, 'settings.json')) ? readFileSync(join(t.dataDir, 'settings.json'), 'utf8') : '{}');
    const made = await backupStation({ dataDir: t.dataDir, databaseUrl: settings.databaseUrl, store: t.station.store, now: new Date() }, open);
    for (const file of [made.manifestPath, join(open, made.manifest.database.file)]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    rmSync(open, { recursive: true, force: true });
  });

  it('two desks backing up into one folder in the same second: two whole backups, each restorable', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'station-same-second-'));
    const settings = JSON.parse(existsSync(join(t.dataDir, 'settings.json')) ? readFileSync(join(t.dataDir, 'settings.json'), 'utf8') : '{}');
    const now = new Date('2026-11-23T03:00:05Z');
    figures.processesRaced++;
    const made = await Promise.all([0, 1].map(() => backupStation({ dataDir: t.dataDir, databaseUrl: settings.databaseUrl, store: t.station.store, now }, shared)));
    expect(new Set(made.map((b) => b.manifestPath)).size).toBe(2);
    for (const b of made) {
      const p = await place();
      await expect(restoreStation(b.manifestPath, p.dir, p.url)).resolves.toMatchObject({ evidenceProblems: [] });
    }
    rmSync(shared, { recursive: true, force: true });
  });

  it('counts that do not match what was restored are refused, and the database is left empty again: a second try restores', async () => {
    const { copy, manifest } = spoilable();
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(manifest, JSON.stringify({ ...m, tables: { ...m.tables, reports: m.tables.reports + 1 } }));
    const p = await place();
    expect(await refusal(restoreStation(manifest, p.dir, p.url))).toBe('counts');
    if (existsSync(p.dir)) figures.foldersTouched++;
    // The same place, the right manifest: restored (a refusal that left tables behind would be refused as "not empty").
    await expect(restoreStation(manifestPath, p.dir, p.url)).resolves.toMatchObject({ evidenceProblems: [] });
    rmSync(copy, { recursive: true, force: true });
  });

  it('a folder holding anything, or (PostgreSQL) a database holding tables, is never restored into', async () => {
    const busy = mkdtempSync(join(tmpdir(), 'station-busy-'));
    writeFileSync(join(busy, 'station.sqlite'), 'the desk\'s own data');
    expect(await refusal(restoreStation(manifestPath, busy))).toBe('notEmpty');
    expect(readFileSync(join(busy, 'station.sqlite'), 'utf8')).toBe('the desk\'s own data');
    expect(readdirSync(busy)).toEqual(['station.sqlite']);
    rmSync(busy, { recursive: true, force: true });
    if (backend === 'postgres') {
      const p = await place();
      expect(await refusal(restoreStation(manifestPath, p.dir))).toBe('needsDatabaseUrl');
      // The live station's own database: it holds tables.
      const live = JSON.parse(readFileSync(join(t.dataDir, 'settings.json'), 'utf8')).databaseUrl as string;
      expect(await refusal(restoreStation(manifestPath, p.dir, live))).toBe('databaseNotEmpty');
      if (existsSync(p.dir)) figures.foldersTouched++;
    }
  });

  it('an evidence file altered in the backup is not restored and is named; the rest is restored', async () => {
    const { copy, manifest } = spoilable();
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    const victim = m.evidence[0].sha256 as string;
    const file = join(copy, 'evidence', 'sha256', victim.slice(0, 2), victim.slice(2, 4), victim);
    chmodSync(file, 0o644);
    appendFileSync(file, Buffer.from('tampered'));
    const p = await place();
    figures.requestsTried++;
    const r = await restoreStation(manifest, p.dir, p.url);
    expect(r.evidenceProblems).toEqual([{ sha256: victim, problem: 'changed' }]);
    expect(r.evidenceRestored).toBe(m.evidence.length - 1);
    rmSync(copy, { recursive: true, force: true });
  });

  it('an evidence file gone from the store at backup time is named, and the backup is still whole for the rest', async () => {
    const victim = (await t.station.db.selectFrom('evidence_items').select(['sha256', 'store_path']).orderBy('id').executeTakeFirstOrThrow());
    const path = t.station.store.absolute(victim.store_path);
    const kept = readFileSync(path);
    rmSync(path, { force: true });
    const other = mkdtempSync(join(tmpdir(), 'station-hostile-backups-'));
    try {
      const settings = JSON.parse(existsSync(join(t.dataDir, 'settings.json')) ? readFileSync(join(t.dataDir, 'settings.json'), 'utf8') : '{}');
      const b = await backupStation({ dataDir: t.dataDir, databaseUrl: settings.databaseUrl, store: t.station.store, now: new Date() }, other);
      expect(b.unreadable).toEqual([{ sha256: victim.sha256, problem: 'missing' }]);
      expect(existsSync(b.manifestPath)).toBe(true);
    } finally {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, kept, { mode: 0o444 });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it.runIf(backend === 'sqlite')('a backup taken while another desk saves holds every save acknowledged before it began', async () => {
    // SQLite only: PostgreSQL's snapshot is the server's own promise; SQLite's online backup is the station's.
    const desk = spawn(process.execPath, [bundled('save-reports'), t.dataDir, '300'], { cwd: root });
    const lines = createInterface({ input: desk.stdout });
    let acknowledged = 0;
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => { ready = resolve; });
    lines.on('line', (line) => {
      if (line === 'ready') ready();
      if (line.startsWith('save ') && !JSON.parse(line.slice(5)).error) acknowledged++;
    });
    await isReady;
    figures.processesRaced++;
    desk.stdin.write('go\n');
    while (acknowledged < 40) await new Promise((r) => setTimeout(r, 20));
    // Acknowledged before the backup began: the saves this test has been told of (times printed by the other process
    // were not enough: its clock's milliseconds are whole, and a save ending in the same millisecond looked earlier).
    const ackedBefore = acknowledged;
    const other = mkdtempSync(join(tmpdir(), 'station-hostile-backups-'));
    const b = await backupStation({ dataDir: t.dataDir, store: t.station.store, now: new Date() }, other);
    await once(desk, 'exit');
    const copy = new Database(join(other, b.manifest.database.file), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const saved = (copy.prepare('select count(*) as n from reports').get() as { n: number }).n;
    copy.close();
    // One report came before the desk (beforeAll); every save acknowledged before the backup began is in it.
    if (saved < 1 + ackedBefore) figures.savesLostInBackup += 1 + ackedBefore - saved;
    expect(saved).toBeGreaterThanOrEqual(1 + ackedBefore);
    expect(saved).toBe(b.manifest.tables.reports);
    const p = await place();
    const r = await restoreStation(b.manifestPath, p.dir);
    expect(r.evidenceProblems).toEqual([]);
    rmSync(other, { recursive: true, force: true });
  }, 120_000);

  it('a backup into the station\'s own data folder, its evidence store, or a folder holding them is refused, nothing written', async () => {
    const before = readdirSync(t.dataDir).sort();
    for (const folder of [t.dataDir, join(t.dataDir, 'sao lưu'), t.station.store.root, join(t.station.store.root, 'sha256'), join(t.dataDir, '..')]) {
      figures.requestsTried++;
      const r = cli('backup', folder, '--data', t.dataDir);
      if (r.code === 0) figures.badBackupsRestored++;
      expect(r, folder).toMatchObject({ code: 1, err: expect.stringContaining('nằm trong (hoặc chứa) thư mục dữ liệu') });
    }
    expect(readdirSync(t.dataDir).sort()).toEqual(before);
  }, 120_000);

  afterAll(() => {
    expect(figures.badBackupsRestored).toBe(0);
    expect(figures.foldersTouched).toBe(0);
    expect(figures.savesLostInBackup).toBe(0);
  });
});
