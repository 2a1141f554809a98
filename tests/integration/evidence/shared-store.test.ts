import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi as vitest } from 'vitest';
import { vi } from '../../../electron/contract/messages.vi';
import { openStation, type StationHost } from '../../../electron/host/open-station';
import { readSettings, writeSettings } from '../../../electron/host/settings';
import { importFiles } from '../../../electron/services/evidence/import';
import { storeLedger } from '../../../electron/services/evidence/ledger';
import { listEvidence } from '../../../electron/services/evidence/list';
import { mediaFile } from '../../../electron/services/evidence/media';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { createReport } from '../../../electron/services/intake/reports';
import { makeJpeg } from '../../support/media';
import { backends, form, signInForTest, tempStation } from '../../support/station';

// The evidence store shared by the desks (issue 13.2): on PostgreSQL each desk has its own data folder and names the
// shared store (a NAS folder) in its settings.json; on SQLite the desks of one machine share the data folder. A file
// one desk imports is read whole by the other. A desk whose store is out of reach (the NAS unplugged, at start or
// during the day) still opens and logs reports, and an import says the store cannot be reached, naming it.

let photos: string;
beforeAll(async () => {
  photos = mkdtempSync(join(tmpdir(), 'station-shared-photos-'));
  for (let k = 0; k < 3; k++) await makeJpeg(join(photos, `IMG_${k}.jpg`), { taken: `2026:11:20 14:0${k}:09`, colour: ['#aa3322', '#22aa33', '#2233aa'][k] });
});
afterAll(() => rmSync(photos, { recursive: true, force: true }));

describe.each(backends)('%s: the shared evidence store', (backend) => {
  let a: Awaited<ReturnType<typeof tempStation>>;
  let shared: string;
  const others: { host: StationHost; remove: () => Promise<void> }[] = [];
  /** Another desk: its own data folder naming the same database (PostgreSQL), or the same data folder (SQLite). */
  const desk = async (evidenceDir: string) => {
    const url = readSettings(a.dataDir).databaseUrl;
    let dataDir = a.dataDir;
    let remove = async () => {};
    if (url) {
      dataDir = mkdtempSync(join(tmpdir(), 'station-desk-'));
      writeSettings(dataDir, { databaseUrl: url, evidenceDir });
      remove = async () => rmSync(dataDir, { recursive: true, force: true });
    } else {
      writeSettings(dataDir, { evidenceDir });
    }
    const host = await openStation({ dataDir, now: a.station.now });
    await signInForTest(host);
    others.push({ host, remove });
    return host;
  };

  beforeAll(async () => {
    shared = mkdtempSync(join(tmpdir(), 'station-nas-'));
    a = await tempStation(undefined, backend);
  });
  afterAll(async () => {
    for (const o of others.splice(0)) { await o.host.close(); await o.remove(); }
    await a.close();
    rmSync(shared, { recursive: true, force: true });
  });

  it('a file one desk imports into the shared store, another desk lists and reads whole', async () => {
    const one = await desk(shared);
    const two = await desk(shared);
    const { id } = await createReport(one.station, null, form());
    const imported = await importFiles(one.station, { reportId: id, files: (await scanFolder(photos)).files, sourceLabel: 'USB' });
    expect(imported.every((r) => r.ok)).toBe(true);
    const seen = await listEvidence(two.station, id);
    expect(seen).toHaveLength(3);
    for (const item of seen) {
      const file = await mediaFile(two.station, item.id, 'original');
      expect(createHash('sha256').update(readFileSync(file.path)).digest('hex')).toBe(item.sha256);
    }
    // Nothing is left named in the database once the records are written.
    expect(await one.station.db.selectFrom('store_intents').selectAll().execute()).toEqual([]);
  });

  it('a store out of reach at start: the desk opens, logs reports, and an import names the store', async () => {
    const gone = join(mkdtempSync(join(tmpdir(), 'station-nas-gone-')), 'not-a-folder');
    writeFileSync(gone, 'the NAS share is not mounted');
    const c = await desk(join(gone, 'evidence'));
    const { id } = await createReport(c.station, null, form());
    const results = await importFiles(c.station, { reportId: id, files: (await scanFolder(photos)).files, sourceLabel: 'USB' });
    expect(results.map((r) => !r.ok && r.error)).toEqual(results.map((r) => vi.evidenceError.storeUnreachable(r.name, join(gone, 'evidence'))));
  });

  it('a store that goes out of reach during the day: the import names the store, the reports go on', async () => {
    const nas = mkdtempSync(join(tmpdir(), 'station-nas-day-'));
    const d = await desk(nas);
    const { id } = await createReport(d.station, null, form());
    rmSync(nas, { recursive: true, force: true });
    writeFileSync(nas, 'unplugged');
    const results = await importFiles(d.station, { reportId: id, files: (await scanFolder(photos)).files, sourceLabel: 'USB' });
    expect(results.every((r) => !r.ok && r.error === vi.evidenceError.storeUnreachable(r.name, nas))).toBe(true);
    expect((await createReport(d.station, null, form())).code).toMatch(/^PA-2026-/);
    rmSync(nas, { force: true });
  });

  it("the desks time intents and cleaning claims by the database's clock: a desk whose own clock is hours behind is honoured", async () => {
    const behind = storeLedger(a.station.db);
    const other = storeLedger(a.station.db);
    const sha = 'e'.repeat(64);
    const path = `sha256/ee/ee/${sha}`;
    // The first desk's machine is set two hours back (its clock is all it would have had to go by).
    vitest.useFakeTimers({ toFake: ['Date'] });
    vitest.setSystemTime(Date.now() - 2 * 3600_000);
    let clear: () => Promise<void>;
    let claimed: boolean;
    try {
      clear = await behind.intend([sha]);
      claimed = await behind.mayClean();
    } finally {
      vitest.useRealTimers();
    }
    expect(claimed).toBe(true);
    expect(await other.unrecorded([path])).toEqual([]);
    expect(await other.mayClean()).toBe(false);
    await clear();
    await behind.cleaned();
    expect(await other.unrecorded([path])).toEqual([path]);
    expect(await other.mayClean()).toBe(true);
    await other.cleaned();
  });
});
