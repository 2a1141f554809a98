import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/host/open-station';
import { verifyStore } from '../../../electron/services/evidence/verify';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, cliOfficerArgs, form, signInForTest, tempDataDir } from '../../support/station';
import { bundled } from '../../support/bundles';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'station-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;
const SMALL = 16;
const BIG_BYTES = 512 * MB;

/**
 * Sizes of the copies in progress under the store's tmp/ folder now, at any depth (a process may keep its
 * copies in a folder of its own); a copy renamed away meanwhile is skipped.
 */
function partials(tmp: string): number[] {
  let names: string[];
  try {
    names = readdirSync(tmp, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.part')).flatMap((n) => {
    try {
      return [statSync(join(tmp, n)).size];
    } catch {
      return [];
    }
  });
}

// The stick is made once (its large file takes a while to write); each database's run imports it.
const usb = join(dir, 'usb');
beforeAll(() => {
  mkdirSync(usb);
  // A first batch (16 small files) is recorded quickly; then one large video whose copy takes long enough
  // to be caught half-way.
  for (let i = 0; i < SMALL; i++) writeFileSync(join(usb, `A_${String(i).padStart(4, '0')}.bin`), randomBytes(64 * 1024));
  const chunk = randomBytes(16 * MB);
  const big = openSync(join(usb, 'Z_large.bin'), 'w');
  for (let written = 0; written < BIG_BYTES; written += chunk.length) writeSync(big, chunk);
  closeSync(big);
});

describe.each(backends)('%s', (backend) => {
  let folder: Awaited<ReturnType<typeof tempDataDir>>;
  afterAll(async () => { await folder?.remove(); });

  it('a process killed (SIGKILL) mid-copy leaves a partial copy that nothing points to; the next start removes it and keeps what was recorded', async () => {
    folder = await tempDataDir(backend, join(dir, `data-${backend}`));
    const { dataDir } = folder;
    const host = await openStation({ dataDir });
    await signInForTest(host);
    const { code } = await createReport(host.station, null, form());
    await host.close();
    const tmp = join(dataDir, 'evidence', 'tmp');

    const child = spawn(process.execPath, [bundled('station'), 'import', usb, '--report', code, '--data', dataDir, ...cliOfficerArgs(dataDir)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
    // Kill it once a batch has been recorded (a SHA-256 line printed) and the large file's copy is under way:
    // its .part file in tmp/ is bigger than any small file but not yet half written.
    const killed = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (child.exitCode !== null) { clearInterval(poll); resolve(false); return; }
        if (out.includes('SHA-256') && partials(tmp).some((size) => size > MB && size < BIG_BYTES / 2)) {
          clearInterval(poll);
          resolve(child.kill('SIGKILL'));
        }
      }, 2);
    });
    await exited;
    expect(killed, `the import ended before a partial copy was seen:\n${out}`).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');

    // The process is dead: tmp/ is as the kill left it. A partial copy of the large file is there.
    const left = partials(tmp);
    expect(left.some((size) => size > MB && size < BIG_BYTES), `partial copies at the kill: ${left.join(', ')}`).toBe(true);

    const again = await openStation({ dataDir });
    try {
      const linked = await again.station.db.selectFrom('report_evidence').select(['evidence_id', 'original_name']).execute();
      // What was recorded before the kill stays; the large file never was.
      expect(linked.length).toBeGreaterThanOrEqual(1);
      expect(linked.length).toBeLessThanOrEqual(SMALL);
      expect(linked.map((l) => l.original_name)).not.toContain('Z_large.bin');
      // Every file the database points to is whole; nothing partial or unrecorded is left.
      expect(await verifyStore(again.station)).toMatchObject({ checked: linked.length, changed: [], missing: [] });
      expect(partials(tmp)).toEqual([]);
      // Nor the dead process's work folder (its commit markers would hold back the next clean-up).
      expect(readdirSync(tmp)).toEqual([]);
      expect((await again.station.store.list()).length).toBe(linked.length);
    } finally {
      await again.close();
    }
  }, 120_000);
});
