import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeJpeg } from '../../support/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'station-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function station(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('station command line', () => {
  it('migrate creates the database; demo fills it; backup copies it consistently', () => {
    const data = join(dir, 'data');
    expect(station('migrate', '--data', data)).toMatchObject({ code: 0, out: expect.stringContaining('đã được nâng cấp') });
    expect(station('demo', '--data', data, '--count', '25')).toMatchObject({ code: 0, out: expect.stringContaining('Đã tạo 25 phản ánh mẫu') });
    const target = join(dir, 'sao lưu ngày 23.sqlite');
    const backup = station('backup', target, '--data', data);
    expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('Đã sao lưu') });
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('select count(*) as n from reports').get()).toEqual({ n: 25 });
    expect(copy.prepare('select count(distinct code) as n from reports').get()).toEqual({ n: 25 });
    copy.close();
  });

  it('never overwrites an existing backup, and says so in Vietnamese', () => {
    const target = join(dir, 'cũ.sqlite');
    writeFileSync(target, 'bản sao lưu cũ');
    const r = station('backup', target, '--data', join(dir, 'data'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('đã tồn tại');
  });

  it('import prints what each file is (JSON too); verify re-hashes the store and says when it is intact', async () => {
    const data = join(dir, 'data');
    const folder = join(dir, 'thư từ gửi qua bưu điện');
    await makeJpeg(join(folder, 'IMG_0001.jpg'), { make: 'Apple', model: 'iPhone 13', taken: '2026:11:20 14:05:09', offset: '+07:00', gps: { lat: 21.0285, lng: 105.8542 } });
    writeFileSync(join(folder, 'hỏng.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10]));
    writeFileSync(join(folder, 'rỗng.mp4'), '');
    const code = new Database(join(data, 'station.sqlite'), { readonly: true }).prepare('select code from reports order by id limit 1').pluck().get() as string;
    const json = station('import', folder, '--report', code, '--data', data, '--json');
    expect(json.code).toBe(1);
    const results = JSON.parse(json.out) as { ok: boolean; name: string; sha256?: string; capture?: unknown; location?: unknown; device?: string; error?: string }[];
    expect(results.find((r) => r.name === 'IMG_0001.jpg')).toMatchObject({
      ok: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), device: 'Apple iPhone 13',
      capture: { local: '2026-11-20T14:05:09', offset: '+07:00' }, location: { lat: 21.0285, lng: 105.8542 },
    });
    expect(results.find((r) => r.name === 'rỗng.mp4')).toMatchObject({ ok: false, error: expect.stringContaining('rỗng (0 byte)') });
    const text = station('import', folder, '--report', code, '--data', data);
    expect(text.out).toContain('IMG_0001.jpg  [ảnh]  SHA-256 ');
    expect(text.out).toContain('thời điểm ghi: 2026-11-20T14:05:09 (+07:00)');
    expect(text.out).toContain('GPS: 21.0285, 105.8542');
    expect(station('verify', '--data', data)).toMatchObject({ code: 0, out: expect.stringContaining('Kho chứng cứ nguyên vẹn') });
    expect(station('import', join(dir, 'không có'), '--report', code, '--data', data)).toMatchObject({ code: 1, err: expect.stringContaining('Không mở được thư mục') });
    expect(station('import', folder, '--report', 'PA-1999-000001', '--data', data)).toMatchObject({ code: 1, err: expect.stringContaining('Không có phản ánh mã PA-1999-000001') });
  }, 60_000);

  it('explains its usage and refuses unknown commands', () => {
    expect(station()).toMatchObject({ code: 2, out: expect.stringContaining('Cách dùng') });
    expect(station('xoa-het')).toMatchObject({ code: 2, err: expect.stringContaining('Không có lệnh "xoa-het"') });
  });
});
