import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

  it('explains its usage and refuses unknown commands', () => {
    expect(station()).toMatchObject({ code: 2, out: expect.stringContaining('Cách dùng') });
    expect(station('xoa-het')).toMatchObject({ code: 2, err: expect.stringContaining('Không có lệnh "xoa-het"') });
  });
});
