import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres, openSqlite } from '../../../db/connection';
import { openStation } from '../../../electron/host/open-station';
import { importFiles } from '../../../electron/services/evidence/import';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport, searchReports } from '../../../electron/services/intake/reports';
import { moveReport } from '../../../electron/services/workflow/cases';
import { makeJpeg } from '../../support/media';
import { backends, form, signInForTest, tempDataDir, tempStation } from '../../support/station';
import { bundled } from '../../support/bundles';

// The restore drill (issue 13.3): a station with reports, moves, evidence and its audit trail is backed up by the
// command line while it is open, restored into an empty folder (on PostgreSQL: into an empty database), and then
// every row of every table is compared, `station verify` re-hashes every evidence file and `station audit verify`
// walks the audit chain, and the restored station finds a report by its words.

const root = join(import.meta.dirname, '..', '..', '..');
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bundled('station'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** Every row of every table, each as JSON, sorted: two databases hold the same records exactly when these are equal. */
async function everyRecord(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of (await db.introspection.getTables()).map((x) => x.name).filter((n) => !n.startsWith('kysely_')).sort()) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows;
    out[t] = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, Buffer.isBuffer(r[k]) ? (r[k] as Buffer).toString('hex') : r[k]]))).sort();
  }
  return out;
}

let media: string;
beforeAll(async () => {
  media = mkdtempSync(join(tmpdir(), 'station-backup-media-'));
  await makeJpeg(join(media, 'IMG_0001.jpg'), { make: 'Apple', model: 'iPhone 13', taken: '2026:11:20 14:05:09', offset: '+07:00', gps: { lat: 21.0285, lng: 105.8542 } });
  await makeJpeg(join(media, 'IMG_0002.jpg'), { make: 'samsung', model: 'SM-A546E', taken: '2026:11:20 14:06:30', offset: '+07:00', colour: '#aa3322' });
});
afterAll(() => rmSync(media, { recursive: true, force: true }));

describe.each(backends)('%s: backup and the restore drill', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let target: Awaited<ReturnType<typeof tempDataDir>>;
  let backups: string;
  let restored: string;

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    const a = await createReport(t.station, null, form({ description: 'Xe tải chở quá tải trên cầu Đắk Bla' }));
    await createReport(t.station, null, form({ description: 'Xe máy đi ngược chiều' }));
    await moveReport(t.station, a.id, { move: 'verify', complex: false, note: 'Xác minh tại chỗ' });
    const scan = await scanFolder(media);
    const imported = await importFiles(t.station, { reportId: a.id, files: scan.files, sourceLabel: 'USB' });
    expect(imported.every((r) => r.ok)).toBe(true);
    backups = mkdtempSync(join(tmpdir(), 'station-backups-'));
    target = await tempDataDir(backend);
    restored = join(target.dataDir, 'khôi phục');
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await target.remove();
    rmSync(backups, { recursive: true, force: true });
  });

  it('backs up while the station is open, restores into an empty place, and every record, file and audit line is there', async () => {
    const backup = cli('backup', backups, '--data', t.dataDir);
    expect(backup, backup.err).toMatchObject({ code: 0, out: expect.stringContaining('Đã sao lưu') });
    const [manifestName] = readdirSync(backups).filter((n) => n.endsWith('.json'));
    const manifest = JSON.parse(readFileSync(join(backups, manifestName!), 'utf8'));
    expect(manifest.database.kind).toBe(backend);
    expect(manifest.evidence).toHaveLength(2);
    expect(manifest.tables.reports).toBe(2);

    const restore = cli('restore', join(backups, manifestName!), '--data', restored, ...(target.databaseUrl ? ['--database-url', target.databaseUrl] : []));
    expect(restore, restore.err).toMatchObject({ code: 0, out: expect.stringContaining('Đã khôi phục') });

    // Every row of every table, compared before the restored station is opened (opening may add a catalog row).
    const copy = backend === 'postgres' ? await openPostgres(target.databaseUrl!) : openSqlite(join(restored, 'station.sqlite')).db;
    try {
      const [before, after] = [await everyRecord(t.station.db), await everyRecord(copy)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      expect(before.reports).toHaveLength(2);
      expect(before.custody_events!.length).toBeGreaterThan(0);
    } finally {
      await copy.destroy();
    }

    const verify = cli('verify', '--data', restored);
    expect(verify, verify.err).toMatchObject({ code: 0, out: expect.stringContaining('nguyên vẹn: 2 tệp') });
    const audit = cli('audit', 'verify', '--data', restored);
    expect(audit, audit.err).toMatchObject({ code: 0 });

    const host = await openStation({ dataDir: restored });
    try {
      await signInForTest(host);
      expect((await searchReports(host.station, 'qua tai dak bla')).map((r) => r.code)).toEqual(['PA-2026-000001']);
    } finally {
      await host.close();
    }
  }, 180_000);

  it('a second backup into the same folder copies no evidence file again', () => {
    const again = cli('backup', backups, '--data', t.dataDir);
    expect(again, again.err).toMatchObject({ code: 0, out: expect.stringContaining('(0 tệp mới chép)') });
    expect(readdirSync(backups).filter((n) => n.endsWith('.json'))).toHaveLength(2);
  }, 60_000);
});
