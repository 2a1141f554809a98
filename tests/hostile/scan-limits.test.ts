import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_LIMITS, scanFolder } from '../../electron/services/evidence/scan';
import { backends, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// A scan pointed at a whole disk, a system folder, a maze of folders: it stops with a message, can be
// cancelled, answers in bounded size, and system places are refused outright.

const figures = hostileFigures('scan limits');
let dir: string;
let many: string;
let deep: string;

// The folders are made once; each database's run scans them through a station of its own.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-scan-'));
  many = join(dir, 'many');
  for (let d = 0; d < 11; d++) {
    mkdirSync(join(many, `DCIM${d}`), { recursive: true });
    for (let i = 0; i < 500; i++) writeFileSync(join(many, `DCIM${d}`, `IMG_${i}.JPG`), '');
  }
  let deepest = join(dir, 'deep');
  for (let i = 0; i <= SCAN_LIMITS.depth + 2; i++) deepest = join(deepest, `d${i}`);
  mkdirSync(deepest, { recursive: true });
  writeFileSync(join(deepest, 'lost.jpg'), '');
  deep = join(dir, 'deep');
  writeFileSync(join(deep, 'top.jpg'), '');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(backends)('%s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeAll(async () => {
    t = await tempStation(undefined, backend);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const scan = (folder: string, scanId = randomUUID()) => t.host.handlers['evidence:scan']({ scanId, folder });

  describe('system places', () => {
    it.each(['/', '/etc', '/proc', '/sys', '/dev', '/usr', '/var/lib', '/boot'])('%s is refused with a message', async (folder) => {
      figures.requestsTried += 1;
      await expect(scan(folder)).rejects.toMatchObject({ code: 'rejected', message: expect.stringMatching(/^Không quét .*thư mục hệ thống/) });
    });

    it('the data folder, the evidence store, and a folder holding them are refused', async () => {
      for (const folder of [t.dataDir, join(t.dataDir, 'evidence'), join(t.dataDir, '..')]) {
        figures.requestsTried += 1;
        await expect(scan(folder)).rejects.toMatchObject({ code: 'rejected' });
      }
    });
  });

  describe('bounds', () => {
    it(`stops at ${SCAN_LIMITS.files.toLocaleString('vi-VN')} files with a message, and the answer stays small`, async () => {
      const result = await scan(many);
      expect(result.files).toHaveLength(SCAN_LIMITS.files);
      expect(result.limited).toMatch(/quá nhiều tệp: chỉ liệt kê 5\.000 tệp đầu/);
      figures.answerKB = Math.round(JSON.stringify(result).length / 1024);
      expect(JSON.stringify(result).length).toBeLessThan(1024 * 1024);
    });

    it(`does not go deeper than ${SCAN_LIMITS.depth} folders, and says so`, async () => {
      const result = await scan(deep);
      expect(result.files.map((f) => f.relPath)).toEqual(['top.jpg']);
      expect(result.limited).toMatch(/lồng nhau quá sâu/);
    });

    it('a running scan is cancelled by its id', async () => {
      const scanId = randomUUID();
      const started = Date.now();
      const running = scan(many, scanId);
      await new Promise((r) => setTimeout(r, 30));
      await t.host.handlers['evidence:cancelScan']({ scanId });
      const result = await running;
      figures.cancelMs = Date.now() - started;
      expect(result.limited).toBe('Đã dừng quét: chỉ liệt kê những tệp đã thấy.');
      expect(result.files.length).toBeLessThan(SCAN_LIMITS.files);
    });

    it('a scan id cannot be used twice', async () => {
      const scanId = randomUUID();
      await scan(deep, scanId);
      await expect(scan(deep, scanId)).rejects.toMatchObject({ code: 'rejected' });
    });
  });
});

// The scanner on its own (no station, no database): once.
describe('bounds', () => {
  it('stops at its time limit with what it saw', async () => {
    const result = await scanFolder(many, { limits: { ...SCAN_LIMITS, ms: 20 } });
    expect(result.limited).toMatch(/^Quét quá 0,02 giây/);
    expect(result.files.length).toBeLessThan(SCAN_LIMITS.files);
  });
});
