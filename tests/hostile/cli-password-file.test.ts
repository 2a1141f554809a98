import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/host/open-station';
import { backends, signInForTest, tempDataDir, TEST_LOGIN, TEST_PASSWORD } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// The command line's password file, as a careless admin or a scripted attack would hand it over: a folder, a
// file others can read, one that does not exist. Each is refused with the same Vietnamese sentence, nothing is
// recorded, and the command ends with 1 (a folder once crashed it with "EISDIR").

const figures = Object.assign(hostileFigures('cli-password-file'), { filesTried: 0, acceptedWrongly: 0 });
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'station-pwfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(backends)('%s', (backend) => {
  let stationFolder: Awaited<ReturnType<typeof tempDataDir>> | undefined;
  afterAll(async () => { await stationFolder?.remove(); });

  it('a folder, a file others can read, a missing file: refused, nothing recorded', async () => {
    stationFolder = await tempDataDir(backend, join(dir, `data-${backend}`));
    const data = stationFolder.dataDir;
    const host = await openStation({ dataDir: data });
    await signInForTest(host);
    await host.close();
    const folder = join(dir, `a-folder-${backend}`);
    mkdirSync(folder, { mode: 0o700 });
    const readable = join(dir, 'readable');
    writeFileSync(readable, TEST_PASSWORD);
    chmodSync(readable, 0o644);
    for (const file of [folder, readable, join(dir, 'missing')]) {
      figures.filesTried += 1;
      const r = spawnSync(process.execPath, [bundled('station'), 'demo', '--data', data, '--count', '1',
        '--login', TEST_LOGIN, '--password-file', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      if (r.status === 0) figures.acceptedWrongly += 1;
      expect({ code: r.status, err: r.stderr.trim() }, file).toEqual({ code: 1, err: expect.stringMatching(/^Không dùng tệp mật khẩu .*quyền 0600\)\.$/) });
    }
    const again = await openStation({ dataDir: data });
    expect(await again.station.db.selectFrom('reports').select('id').execute()).toEqual([]);
    await again.close();
  }, 120_000);
});
