import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStation } from '../../../electron/host/open-station';
import { verifyStore } from '../../../electron/services/evidence/verify';
import { createReport } from '../../../electron/services/intake/reports';
import { form } from '../../support/station';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'station-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a process killed (SIGKILL) during an import leaves nothing half-written that the database points to; the next start cleans up', async () => {
  const dataDir = join(dir, 'data');
  const host = await openStation({ dataDir });
  const { code } = await createReport(host.station, null, form());
  await host.close();
  const usb = join(dir, 'usb');
  mkdirSync(usb);
  // 30 files of 10 MB: the first batch (256 MB) is made durable and recorded while later files are mid-copy.
  for (let i = 0; i < 30; i++) writeFileSync(join(usb, `VID_${String(i).padStart(4, '0')}.bin`), randomBytes(10 * 1024 * 1024));

  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), 'import', usb, '--report', code, '--data', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  // Kill it as soon as the first file is reported: later files are mid-copy or not started.
  await new Promise<void>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('SHA-256')) { child.kill('SIGKILL'); resolve(); }
    });
  });
  await new Promise((resolve) => child.once('exit', resolve));

  const again = await openStation({ dataDir });
  try {
    const linked = await again.station.db.selectFrom('report_evidence').select('evidence_id').execute();
    expect(linked.length).toBeGreaterThanOrEqual(1);
    expect(linked.length).toBeLessThan(30);
    // Every file the database points to is whole; nothing partial or unrecorded is left.
    expect(await verifyStore(again.station)).toMatchObject({ checked: linked.length, changed: [], missing: [] });
    expect(readdirSync(join(dataDir, 'evidence', 'tmp'))).toEqual([]);
    expect((await again.station.store.list()).length).toBe(linked.length);
  } finally {
    await again.close();
  }
}, 120_000);
