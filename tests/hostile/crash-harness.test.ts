import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres, openSqlite } from '../../db/connection';
import { openStation } from '../../electron/host/open-station';
import { issuedDocumentFile } from '../../electron/services/documents/issue';
import { verifyStore } from '../../electron/services/evidence/verify';
import { makeJpeg, makeVideo } from '../support/media';
import { backends, signInForTest, tempDataDir } from '../support/station';
import { hostileFigures } from './figures';
import { seededRandom } from '../support/random';
import { bundled } from '../support/bundles';

// The crash harness (issue 13.4): two desks share one data folder (and on PostgreSQL one database) and work without
// pause (crash-desk.ts: save a report, import a file, issue a form); one of them is killed with SIGKILL at a random
// moment, from its start (migrations, the store's clean-up) to the middle of a copy or a PDF, and started again,
// CRASH_KILLS times per database (npm test: 40 on each, 80 in all; `npm run test:crash`: 200 on each). After every kill: the SQLite file
// passes integrity_check, every save, import and document a desk acknowledged is there, and no evidence row points to
// a missing or partial file. At the end every stored file is hashed again and every issued PDF read back.

const KILLS = Number(process.env.CRASH_KILLS ?? 40);
const root = join(import.meta.dirname, '..', '..');
const figures = Object.assign(hostileFigures('crash harness'), { kills: 0, acknowledged: 0, found: 0, lost: 0, badFiles: 0, integrityFailures: 0 });

let media: string;
beforeAll(async () => {
  media = mkdtempSync(join(tmpdir(), 'station-crash-media-'));
  for (let k = 0; k < 4; k++) await makeJpeg(join(media, `IMG_${k}.jpg`), { taken: `2026:11:20 14:0${k}:09`, colour: ['#aa3322', '#22aa33', '#2233aa', '#888888'][k] });
  await makeVideo(join(media, 'VID_0001.mp4'), { seconds: 2 });
}, 60_000);
afterAll(() => rmSync(media, { recursive: true, force: true }));


describe.each(backends)('%s: crash harness', (backend) => {
  it(`${KILLS} kills at random moments lose nothing acknowledged and leave no row pointing to a missing or partial file`, async () => {
    const folder = await tempDataDir(backend);
    const { dataDir } = folder;
    const first = await openStation({ dataDir });
    await signInForTest(first);
    await first.close();
    const db: Db = folder.databaseUrl ? await openPostgres(folder.databaseUrl) : openSqlite(join(dataDir, 'station.sqlite')).db;
    const sqliteFile = backend === 'sqlite' ? new Database(join(dataDir, 'station.sqlite'), { readonly: true }) : null;
    const acked = { reports: new Set<string>(), imports: new Set<string>(), docs: new Map<number, string>() };
    const draw = seededRandom(backend === 'sqlite' ? 13 : 17);
    let spawned = 0;
    let kills = 0;
    let lost = 0;
    let badFiles = 0;
    let integrityFailures = 0;

    type Desk = { child: ChildProcess; ready: Promise<void> };
    const start = (): Desk => {
      const desk = spawn(process.execPath, [bundled('crash-desk'), dataDir, media, String(++spawned)],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let ready!: () => void;
      const isReady = new Promise<void>((resolve) => { ready = resolve; });
      desk.once('exit', () => ready());
      createInterface({ input: desk.stdout! }).on('line', (line) => {
        if (line === 'ready') ready();
        const [word, what, a, b] = line.split(' ');
        if (word !== 'ack') return;
        if (what === 'report') acked.reports.add(a!);
        if (what === 'import') acked.imports.add(`${a} ${b}`);
        if (what === 'doc') acked.docs.set(Number(a), b!);
      });
      desk.stderr!.resume();
      return { child: desk, ready: isReady };
    };

    /** What must hold after every kill, while the other desk goes on working. */
    const check = async () => {
      if (sqliteFile && sqliteFile.pragma('integrity_check', { simple: true }) !== 'ok') integrityFailures++;
      const reports = new Set((await db.selectFrom('reports').select('code').execute()).map((r) => r.code));
      const imports = new Set((await db.selectFrom('report_evidence as re').innerJoin('reports as r', 'r.id', 're.report_id')
        .innerJoin('evidence_items as e', 'e.id', 're.evidence_id').select(['r.code', 'e.sha256']).execute()).map((r) => `${r.code} ${r.sha256}`));
      const docs = new Map((await db.selectFrom('documents').select(['id', 'sha256']).execute()).map((d) => [d.id, d.sha256]));
      lost = [...acked.reports].filter((c) => !reports.has(c)).length + [...acked.imports].filter((k) => !imports.has(k)).length
        + [...acked.docs].filter(([id, sha]) => docs.get(id) !== sha).length;
      // Every evidence row points to a whole file: there, and as long as recorded.
      const store = join(dataDir, 'evidence');
      for (const e of await db.selectFrom('evidence_items').select(['store_path', 'size']).execute()) {
        const size = (() => { try { return statSync(join(store, ...e.store_path.split('/'))).size; } catch { return -1; } })();
        if (size !== Number(e.size)) badFiles++;
      }
    };

    const desks = [start(), start()];
    try {
      while (kills < KILLS) {
        const slot = kills % 2;
        const { child, ready } = desks[slot]!;
        // Mostly while it works; one kill in eight while it starts (migrations, the store's clean-up, signing in).
        if (draw() < 0.125) await new Promise((r) => setTimeout(r, draw() * 1500));
        else {
          await ready;
          await new Promise((r) => setTimeout(r, 50 + draw() * 1200));
        }
        child.kill('SIGKILL');
        if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
        kills++;
        await check();
        desks[slot] = start();
      }
    } finally {
      for (const { child } of desks) { child.kill('SIGKILL'); if (child.exitCode === null && child.signalCode === null) await once(child, 'exit'); }
    }
    await check();
    const acknowledged = acked.reports.size + acked.imports.size + acked.docs.size;
    Object.assign(figures, {
      kills: figures.kills + kills, acknowledged: figures.acknowledged + acknowledged, found: figures.found + acknowledged - lost,
      lost: figures.lost + lost, badFiles: figures.badFiles + badFiles, integrityFailures: figures.integrityFailures + integrityFailures,
    });

    // At the end, from a station opened again: every stored file hashed, every issued PDF read back.
    const host = await openStation({ dataDir });
    try {
      await signInForTest(host);
      const verify = await verifyStore(host.station);
      expect(verify.changed).toEqual([]);
      expect(verify.missing).toEqual([]);
      for (const [id, sha] of acked.docs) {
        expect(createHash('sha256').update((await issuedDocumentFile(host.station, id)).bytes).digest('hex')).toBe(sha);
      }
    } finally {
      await host.close();
      await db.destroy();
      sqliteFile?.close();
      await folder.remove();
    }
    expect(acked.reports.size).toBeGreaterThan(KILLS);
    expect(acked.imports.size).toBeGreaterThan(0);
    expect(acked.docs.size).toBeGreaterThan(0);
    expect({ lost, badFiles, integrityFailures }).toEqual({ lost: 0, badFiles: 0, integrityFailures: 0 });
  }, 60 * 60_000);
});
