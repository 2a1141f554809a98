import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/host/open-station';
import { verifyStore } from '../../electron/services/evidence/verify';
import { createReport } from '../../electron/services/intake/reports';
import { backends, cliOfficerArgs, form, signInForTest, tempDataDir } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// A second desk process starting while the first imports: every start cleans the evidence store, and
// it must never take the live import's copies or its files not yet recorded.

/** Rounds per database: 8 on SQLite, 4 on PostgreSQL in `npm test`, 20 on each in `npm run test:hostile:full` (the store's protocol is the same on both). */
const roundsOn = (backend: string) => Number(process.env.HOSTILE_RACE_ROUNDS ?? (backend === 'sqlite' ? 8 : 4));
const FILES = 300;
const root = join(import.meta.dirname, '..', '..');
const figures = hostileFigures('store race');
const dir = mkdtempSync(join(tmpdir(), 'station-race-'));
const usb = join(dir, 'usb');

beforeAll(() => {
  mkdirSync(usb);
  for (let i = 0; i < FILES; i++) writeFileSync(join(usb, `DOC_${String(i).padStart(4, '0')}.bin`), randomBytes(160 * 1024));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function station(args: string[]): ChildProcess {
  return spawn(process.execPath, [bundled('station'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => { out += c; });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe.each(backends)('%s', (backend) => {
  const ROUNDS = roundsOn(backend);
  const folders: Awaited<ReturnType<typeof tempDataDir>>[] = [];
  afterAll(async () => { for (const f of folders.splice(0)) await f.remove(); });

  it(`${ROUNDS} imports of ${FILES} files, each raced by other processes starting: no file lost, no false "USB pulled out"`, async () => {
    let misleading = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const folder = await tempDataDir(backend, join(dir, `data-${backend}-${round}`));
      folders.push(folder);
      const { dataDir } = folder;
      const host = await openStation({ dataDir });
      await signInForTest(host);
      const { code } = await createReport(host.station, null, form());
      await host.close();

      const importer = station(['import', usb, '--report', code, '--data', dataDir, ...cliOfficerArgs(dir)]);
      const imported = finished(importer);
      let importing = true;
      void imported.then(() => { importing = false; });
      // While the import runs, other processes start on the same data folder one after another (the first
      // from the start, the next as soon as one ends): each start cleans the evidence store.
      while (importing) {
        const other = await finished(station(['migrate', '--data', dataDir]));
        figures.processesRaced += 1;
        expect(other.code, other.out).toBe(0);
      }
      const result = await imported;
      if (/rút USB|rút ra/.test(result.out)) misleading += 1;
      expect(result.code, result.out.slice(-2000)).toBe(0);

      const after = await openStation({ dataDir });
      const report = await verifyStore(after.station);
      const recorded = await after.station.db.selectFrom('report_evidence').select('evidence_id').execute();
      await after.close();
      figures.filesLost += report.missing.length + report.changed.length + (FILES - recorded.length);
      expect(report).toMatchObject({ checked: FILES, missing: [], changed: [] });
      await folders.pop()!.remove();
    }
    figures.misleadingErrors = misleading;
    expect(misleading).toBe(0);
    expect(figures.filesLost).toBe(0);
  }, ROUNDS * 30_000);
});
