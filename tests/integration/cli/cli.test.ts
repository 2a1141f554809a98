import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStation } from '../../../electron/host/open-station';
import { createReport } from '../../../electron/services/intake/reports';
import { makeJpeg } from '../../support/media';
import { backends, cliOfficerArgs, form, signInForTest, tempDataDir, TEST_LOGIN, TEST_PASSWORD } from '../../support/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundled } from '../../support/bundles';

// The admin command line, spawned as an admin runs it, on a data folder holding the SQLite file or, where
// STATION_TEST_PG_URL is set, naming a shared PostgreSQL database in its settings.json.

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
/** Folders of photos as citizens bring them, made once and imported by the runs on both databases. */
let postal: string;
let photos: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-cli-'));
  postal = join(dir, 'thư từ gửi qua bưu điện');
  await makeJpeg(join(postal, 'IMG_0001.jpg'), { make: 'Apple', model: 'iPhone 13', taken: '2026:11:20 14:05:09', offset: '+07:00', gps: { lat: 21.0285, lng: 105.8542 } });
  writeFileSync(join(postal, 'hỏng.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10]));
  writeFileSync(join(postal, 'rỗng.mp4'), '');
  photos = join(dir, 'ảnh người dân gửi');
  await makeJpeg(join(photos, 'IMG_0101.jpg'), { make: 'Apple', model: 'iPhone 13', taken: '2026:11:20 14:05:09', offset: '+07:00' });
  await makeJpeg(join(photos, 'IMG_0102.jpg'), { make: 'Samsung', model: 'SM-A546E', taken: '2026:11:20 14:06:30', offset: '+07:00' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asOfficer = () => cliOfficerArgs(dir);

function station(...args: string[]) {
  const r = spawnSync(process.execPath, [bundled('station'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.each(backends)('%s: station command line', (backend) => {
  const folders: Awaited<ReturnType<typeof tempDataDir>>[] = [];
  afterAll(async () => { for (const f of folders.splice(0)) await f.remove(); });

  /** A data folder of its own for one test, not opened yet (on PostgreSQL its settings name a new database). */
  async function dataFolder(name: string): Promise<string> {
    const folder = await tempDataDir(backend, join(dir, `${backend}-${name}`));
    folders.push(folder);
    return folder.dataDir;
  }

  /** A data folder of its own for one test, holding one report; returns the folder and the report's code. */
  async function dataWithReport(name: string): Promise<{ data: string; code: string }> {
    const data = await dataFolder(name);
    const host = await openStation({ dataDir: data });
    try {
      await signInForTest(host);
      return { data, code: (await createReport(host.station, null, form())).code };
    } finally {
      await host.close();
    }
  }

  it('migrate creates the database; demo fills it (signed in); backup copies it consistently', async () => {
    const data = await dataFolder('data');
    expect(station('migrate', '--data', data)).toMatchObject({ code: 0, out: expect.stringContaining('đã được nâng cấp') });
    // Recording work needs an officer: no login, or a password file others can read, is refused.
    expect(station('demo', '--data', data, '--count', '25')).toMatchObject({ code: 1, err: expect.stringContaining('--login') });
    const host = await openStation({ dataDir: data });
    await signInForTest(host);
    await host.close();
    const open = join(dir, 'mat-khau-ai-cung-doc');
    writeFileSync(open, TEST_PASSWORD, { mode: 0o644 });
    chmodSync(open, 0o644);
    expect(station('demo', '--data', data, '--count', '25', '--login', TEST_LOGIN, '--password-file', open)).toMatchObject({ code: 1, err: expect.stringContaining('0600') });
    expect(station('demo', '--data', data, '--count', '25', ...asOfficer())).toMatchObject({ code: 0, out: expect.stringContaining('Đã tạo 25 phản ánh mẫu') });
    const folder = join(dir, `sao lưu ngày 23 ${backend}`);
    const backup = station('backup', folder, '--data', data);
    expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('Đã sao lưu') });
    const [manifestName] = readdirSync(folder).filter((n) => n.endsWith('.json'));
    const manifest = JSON.parse(readFileSync(join(folder, manifestName!), 'utf8')) as { database: { kind: string; file: string }; tables: Record<string, number> };
    expect(manifest).toMatchObject({ database: { kind: backend }, tables: { reports: 25 } });
    if (backend === 'sqlite') {
      const copy = new Database(join(folder, manifest.database.file), { readonly: true });
      expect(copy.prepare('select count(*) as n from reports').get()).toEqual({ n: 25 });
      expect(copy.prepare('select count(distinct code) as n from reports').get()).toEqual({ n: 25 });
      copy.close();
    } else {
      // The copy is a pg_dump archive (backup-restore.test.ts restores it and compares every row): codes counted live.
      const again = await openStation({ dataDir: data });
      try {
        const counted = await again.station.db.selectFrom('reports')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('code').distinct().as('codes')]).executeTakeFirstOrThrow();
        expect({ n: Number(counted.n), codes: Number(counted.codes) }).toEqual({ n: 25, codes: 25 });
      } finally {
        await again.close();
      }
    }
  }, 60_000);

  it('never overwrites an existing backup, and says so in Vietnamese', async () => {
    const { data } = await dataWithReport('data-backup');
    const folder = join(dir, `cũ ${backend}`);
    expect(station('backup', folder, '--data', data)).toMatchObject({ code: 0 });
    const files = () => readdirSync(folder).filter((f) => statSync(join(folder, f)).isFile());
    const first = Object.fromEntries(files().map((f) => [f, readFileSync(join(folder, f))]));
    // A second backup into the same folder adds its own files and leaves the first one's as they were.
    expect(station('backup', folder, '--data', data)).toMatchObject({ code: 0 });
    for (const [f, bytes] of Object.entries(first)) expect(readFileSync(join(folder, f)).equals(bytes), f).toBe(true);
    expect(files().filter((f) => f.endsWith('.json'))).toHaveLength(2);
    // A file where the backup folder should be: refused, left as it was, and said in Vietnamese.
    const target = join(dir, `cũ ${backend}.sqlite`);
    writeFileSync(target, 'bản sao lưu cũ');
    const r = station('backup', target, '--data', data);
    expect(r.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('bản sao lưu cũ');
    expect(r.err).not.toMatch(/EEXIST|ENOTDIR|ENOENT/);
    expect(r.err).toContain('là một tệp, không phải thư mục');
  }, 60_000);

  it('import prints what each file is (JSON too); verify re-hashes the store and says when it is intact', async () => {
    const { data, code } = await dataWithReport('data-import');
    const folder = postal;
    const json = station('import', folder, '--report', code, '--data', data, '--json', ...asOfficer());
    expect(json.code).toBe(1);
    const results = JSON.parse(json.out) as { ok: boolean; name: string; sha256?: string; capture?: unknown; location?: unknown; device?: string; error?: string }[];
    expect(results.find((r) => r.name === 'IMG_0001.jpg')).toMatchObject({
      ok: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), device: 'Apple iPhone 13',
      capture: { local: '2026-11-20T14:05:09', offset: '+07:00' }, location: { lat: 21.0285, lng: 105.8542 },
    });
    expect(results.find((r) => r.name === 'rỗng.mp4')).toMatchObject({ ok: false, error: expect.stringContaining('rỗng (0 byte)') });
    const text = station('import', folder, '--report', code, '--data', data, ...asOfficer());
    expect(text.out).toContain('IMG_0001.jpg  [ảnh]  SHA-256 ');
    expect(text.out).toContain('thời điểm ghi: 2026-11-20T14:05:09 (+07:00)');
    expect(text.out).toContain('GPS: 21.0285, 105.8542');
    expect(station('verify', '--data', data)).toMatchObject({ code: 0, out: expect.stringContaining('Kho chứng cứ nguyên vẹn') });
    expect(station('import', join(dir, 'không có'), '--report', code, '--data', data)).toMatchObject({ code: 1, err: expect.stringContaining('Không mở được thư mục') });
    expect(station('import', folder, '--report', 'PA-1999-000001', '--data', data, ...asOfficer())).toMatchObject({ code: 1, err: expect.stringContaining('Không có phản ánh mã PA-1999-000001') });
  }, 60_000);

  it('verify exits 3 and names the stored file when one was altered by a byte, then when one is missing', async () => {
    const { data, code } = await dataWithReport('data-verify');
    expect(station('import', photos, '--report', code, '--data', data, ...asOfficer())).toMatchObject({ code: 0 });
    const host = await openStation({ dataDir: data });
    const stored = await host.station.db.selectFrom('evidence_items as e').innerJoin('report_evidence as l', 'l.evidence_id', 'e.id')
      .select(['e.sha256', 'e.store_path as storePath', 'l.original_name as name']).orderBy('l.original_name').execute();
    await host.close();
    expect(stored.map((s) => s.name)).toEqual(['IMG_0101.jpg', 'IMG_0102.jpg']);
    const [altered, lost] = stored as [typeof stored[0], typeof stored[0]];
    const fileOf = (storePath: string) => join(data, 'evidence', ...storePath.split('/'));
    expect(station('verify', '--data', data)).toMatchObject({ code: 0, out: expect.stringContaining('Kho chứng cứ nguyên vẹn: 2 tệp') });

    // One byte changed in the middle of a stored photo (the store keeps files read-only: make it writable first).
    chmodSync(fileOf(altered.storePath), 0o644);
    const bytes = readFileSync(fileOf(altered.storePath));
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(fileOf(altered.storePath), bytes);
    const changed = station('verify', '--data', data);
    expect(changed.code).toBe(3);
    expect(changed.out).toContain(`BỊ THAY ĐỔI: ${altered.storePath} (mã băm ghi nhận ${altered.sha256})`);
    expect(changed.out).not.toContain(lost.storePath);
    expect(changed.out).toContain('1 tệp chứng cứ không còn nguyên vẹn');
    expect(changed.out).not.toContain('nguyên vẹn: ');

    // The other one gone from the store.
    rmSync(fileOf(lost.storePath), { force: true });
    const missing = station('verify', '--data', data);
    expect(missing.code).toBe(3);
    expect(missing.out).toContain(`BỊ THAY ĐỔI: ${altered.storePath}`);
    expect(missing.out).toContain(`BỊ MẤT: ${lost.storePath} (mã băm ghi nhận ${lost.sha256})`);
    expect(missing.out).toContain('2 tệp chứng cứ không còn nguyên vẹn');
  }, 60_000);
});

describe('station command line', () => {
  it('explains its usage and refuses unknown commands', () => {
    expect(station()).toMatchObject({ code: 2, out: expect.stringContaining('Cách dùng') });
    expect(station('xoa-het')).toMatchObject({ code: 2, err: expect.stringContaining('Không có lệnh "xoa-het"') });
  });
});
