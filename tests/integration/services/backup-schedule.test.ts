import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres, openSqlite } from '../../../db/connection';
import { openStation } from '../../../electron/host/open-station';
import { readSettings, writeSettings } from '../../../electron/host/settings';
import { databaseNow } from '../../../db/queries/settings';
import { lastBackup, scheduleBackups } from '../../../electron/services/backup/schedule';
import { EvidenceStore } from '../../../electron/services/evidence/store';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, signInForTest, tempStation } from '../../support/station';

// Scheduled backups (issue 13.3): two desks sharing one database both run the schedule, and one backup is made per
// period; a failing folder is retried after an hour, not at every look; the newest copies are kept; the admin's
// settings tab shows the last backup of the station.

const JUNK = 'station-00000000-000000.json';

describe.each(backends)('%s: scheduled backups', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let folder: string;
  let clock = new Date('2026-12-01T01:00:00Z');
  const desks: Db[] = [];
  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    await createReport(t.station, null, form());
    folder = mkdtempSync(join(tmpdir(), 'station-scheduled-'));
    const url = readSettings(t.dataDir).databaseUrl;
    for (let k = 0; k < 2; k++) desks.push(url ? await openPostgres(url) : openSqlite(join(t.dataDir, 'station.sqlite')).db);
  });
  afterAll(async () => {
    for (const d of desks) await d.destroy();
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Both desks look at the schedule at once, as two desks started together would; waits for them. */
  const bothLook = async (dir: string, keep = 14) => {
    const runs = desks.map((db) => scheduleBackups({
      db, plan: { dir, everyHours: 24, keep }, log: () => {}, now: () => clock,
      source: () => ({ dataDir: t.dataDir, databaseUrl: readSettings(t.dataDir).databaseUrl, store: new EvidenceStore(t.station.store.root), now: clock }),
    }));
    await new Promise((r) => setTimeout(r, 50));
    for (const r of runs) await r.stop();
  };
  const manifests = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.json') && n !== JUNK);

  it('two desks looking at once make one backup; the next period makes the next; the oldest copies go past `keep`', async () => {
    await bothLook(folder, 2);
    expect(manifests(folder)).toHaveLength(1);
    expect(await lastBackup(t.station.db)).toMatchObject({ at: clock.toISOString(), ok: true, unreadable: 0 });
    // A file named like a manifest that is none (left by hand, half-written): not a backup, never pruned, never a failure.
    writeFileSync(join(folder, JUNK), '');
    clock = new Date(clock.getTime() + 23 * 3600_000);
    await bothLook(folder, 2);
    expect(manifests(folder)).toHaveLength(1);
    for (let k = 0; k < 2; k++) {
      clock = new Date(clock.getTime() + 25 * 3600_000);
      await bothLook(folder, 2);
    }
    expect(manifests(folder)).toHaveLength(2);
    expect(readdirSync(folder).filter((n) => /\.(sqlite|dump)$/.test(n))).toHaveLength(2);
    expect(await lastBackup(t.station.db)).toMatchObject({ ok: true });
    expect(readFileSync(join(folder, JUNK), 'utf8')).toBe('');
  });

  it('a folder it cannot write is recorded as failed, and tried again after an hour, not at every look', async () => {
    const notAFolder = join(folder, 'a-file');
    writeFileSync(notAFolder, 'x');
    clock = new Date(clock.getTime() + 25 * 3600_000);
    await bothLook(notAFolder);
    const failed = await lastBackup(t.station.db);
    expect(failed).toMatchObject({ at: clock.toISOString(), ok: false, error: expect.any(String) });
    clock = new Date(clock.getTime() + 30 * 60_000);
    await bothLook(notAFolder);
    expect(await lastBackup(t.station.db)).toEqual(failed);
    clock = new Date(clock.getTime() + 31 * 60_000);
    await bothLook(folder);
    expect(await lastBackup(t.station.db)).toMatchObject({ at: clock.toISOString(), ok: true });
  });

  it('a desk whose settings.json names a backup folder backs up at start, and the settings tab shows it', async () => {
    const own = mkdtempSync(join(tmpdir(), 'station-scheduled-desk-'));
    writeSettings(t.dataDir, { ...readSettings(t.dataDir), backup: { dir: own, everyHours: 24, keep: 14 } });
    const later = new Date(clock.getTime() + 48 * 3600_000);
    const host = await openStation({ dataDir: t.dataDir, now: () => later });
    try {
      await signInForTest(host);
      for (let k = 0; k < 100 && (await lastBackup(host.station.db))?.at !== later.toISOString(); k++) await new Promise((r) => setTimeout(r, 50));
      const shown = await host.handlers['admin:settings']({});
      expect(shown.backup).toMatchObject({ dir: own, everyHours: 24, last: { at: later.toISOString(), ok: true } });
      expect(JSON.parse(readFileSync(join(own, manifests(own)[0]!), 'utf8')).tables.reports).toBe(1);
    } finally {
      await host.close();
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("a claim is timed by the database's clock: another desk's fresh claim is honoured whatever this desk's clock says; one not renewed for 30 minutes is taken over", async () => {
    const claim = async (minutesAgo: number) => {
      const value = `${new Date((await databaseNow(t.station.db)).getTime() - minutesAgo * 60_000).toISOString()} another desk 4242`;
      await t.station.db.insertInto('station_settings').values({ name: 'backup.claim', value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
    };
    const before = await lastBackup(t.station.db);
    // This desk's clock (the station's time) is far ahead of the other desk's: the other desk still holds the claim.
    clock = new Date(clock.getTime() + 30 * 24 * 3600_000);
    await claim(1);
    await bothLook(folder);
    expect(await lastBackup(t.station.db)).toEqual(before);
    // The other desk died while backing up: its claim, not renewed for over 30 minutes, is taken over.
    await claim(31);
    await bothLook(folder);
    expect(await lastBackup(t.station.db)).toMatchObject({ at: clock.toISOString(), ok: true });
    expect((await t.station.db.selectFrom('station_settings').select('value').where('name', '=', 'backup.claim').executeTakeFirst())?.value).toBe('');
  });
});
