import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/host/open-station';
import { createReport } from '../../electron/services/intake/reports';
import { makeJpeg } from '../support/media';
import { backends, cliOfficerArgs, form, signInForTest, tempDataDir, tempStation } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// Issue 7 points 9 and 10. A stick formatted on an old Windows gives names that are not UTF-8: each is
// listed, readably, as a failure (never dropped without a word). Files over 2 GB: the structure checks read
// bounded windows, so a 6 GB photo is checked in bounded memory and without a "length out of range".

const figures = Object.assign(hostileFigures('names-and-sizes'), {
  badNamesTried: 0, badNamesListed: 0, namesDroppedSilently: 0, bytesChecked: 0, peakRssMB: 0, checksRun: 0,
});
const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'station-hostile-names-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('names that are not UTF-8 (point 9)', () => {
  // Names as the Vietnamese Windows code page (windows-1258) writes them: bytes, not UTF-8. Windows-1258
  // writes tone marks as combining characters (U+0300, U+0309, U+0323 …) after the letter.
  const bad = [
    { kind: 'file', bytes: Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xe9, 0x69, 0x2e, 0x6a, 0x70, 0x67]), shown: 'Hà Néi.jpg' },
    // "Đường Hà Nội.jpg": Đ D0, ư FD, ơ F5 + grave CC, à E0, ô F4 + dot below F2.
    { kind: 'file', bytes: Buffer.from([0xd0, 0xfd, 0xf5, 0xcc, 0x6e, 0x67, 0x20, 0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x2e, 0x6a, 0x70, 0x67]), shown: 'Đường Hà Nội.jpg' },
    // A folder "Ảnh đẹp" (A + hook above D2, đ F0, e + dot below F2) holding a photo.
    { kind: 'folder', bytes: Buffer.from([0x41, 0xd2, 0x6e, 0x68, 0x20, 0xf0, 0x65, 0xf2, 0x70]), shown: 'Ảnh đẹp' },
  ];
  let usb: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    usb = join(work, 'usb');
    await makeJpeg(join(usb, 'IMG_0001.jpg'), { taken: '2026:11:23 09:12:00', offset: '+07:00' });
    jpeg = readFileSync(join(usb, 'IMG_0001.jpg'));
    for (const b of bad) {
      // Each really is not UTF-8 (a decoder would have to replace something).
      expect(Buffer.from(b.bytes.toString('utf8'), 'utf8').equals(b.bytes)).toBe(false);
      const path = Buffer.concat([Buffer.from(`${usb}/`), b.bytes]);
      if (b.kind === 'file') {
        writeFileSync(path, jpeg);
      } else {
        mkdirSync(path);
        writeFileSync(Buffer.concat([path, Buffer.from('/IMG_0002.jpg')]), jpeg);
      }
    }
  });

  // The stick is made once; each database's run lists and imports it.
  describe.each(backends)('%s', (backend) => {
    const folders: Awaited<ReturnType<typeof tempDataDir>>[] = [];
    afterAll(async () => { for (const f of folders.splice(0)) await f.remove(); });

    async function stationWithReports(n: number): Promise<{ dataDir: string; codes: string[] }> {
      const folder = await tempDataDir(backend, join(work, `data-${randomUUID()}`));
      folders.push(folder);
      const { dataDir } = folder;
      const host = await openStation({ dataDir });
      await signInForTest(host);
      const codes: string[] = [];
      for (let i = 0; i < n; i++) codes.push((await createReport(host.station, null, form())).code);
      await host.close();
      return { dataDir, codes };
    }

    function station(...args: string[]) {
      const r = spawnSync(process.execPath, [bundled('station'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      return { code: r.status, out: r.stdout, err: r.stderr };
    }

    it('station import --json lists each bad name, readable, as failed (Vietnamese error), imports the good file, exits 1', async () => {
      const { dataDir, codes } = await stationWithReports(2);
      figures.badNamesTried += bad.length;
      const run = station('import', usb, '--report', codes[0]!, '--data', dataDir, '--json', ...cliOfficerArgs(work));
      figures.requestsTried += 1;
      expect(run.code, run.err).toBe(1);
      const results = JSON.parse(run.out) as { ok: boolean; path: string; name: string; error?: string; sha256?: string }[];
      expect(run.out).not.toContain('\uFFFD');
      // The good photo imported; nothing else did (the folder's photo cannot be reached by its name).
      expect(results.filter((r) => r.ok).map((r) => r.name)).toEqual(['IMG_0001.jpg']);
      const failed = results.filter((r) => !r.ok);
      console.log(`import --json, failed entries: ${failed.map((r) => `${JSON.stringify(r.name)} → ${r.error}`).join(' | ')}`);
      for (const b of bad) {
        const entry = failed.find((r) => r.name.normalize('NFC') === b.shown);
        expect(entry, `${b.shown} listed`).toBeDefined();
        expect(entry!.path.normalize('NFC')).toBe(b.shown);
        expect(entry!.error!.normalize('NFC')).toContain(`"${b.shown}" không đúng bảng mã UTF-8`);
        expect(entry!.error).toContain('Đổi tên tệp trên máy tính rồi nhập lại');
        figures.badNamesListed += 1;
      }
      expect(failed).toHaveLength(bad.length);
      figures.namesDroppedSilently += bad.length - failed.length;

      // The same without --json: a line per bad name, and the summary counts them as failed.
      const text = station('import', usb, '--report', codes[1]!, '--data', dataDir, ...cliOfficerArgs(work));
      figures.requestsTried += 1;
      expect(text.code, text.err).toBe(1);
      const out = text.out.normalize('NFC');
      expect(out).not.toContain('\uFFFD');
      expect(out).toContain('IMG_0001.jpg  [ảnh]  SHA-256 ');
      for (const b of bad) expect(out).toContain(`Tên tệp "${b.shown}" không đúng bảng mã UTF-8`);
      expect(out).toMatch(/Đã nhập 1 tệp \([\d.]+ byte\), 3 tệp lỗi\./);
    }, 60_000);

    it('evidence:scan (the page\'s scan) names each bad entry in its problems and lists only the good file', async () => {
      const t = await tempStation(undefined, backend);
      try {
        const scan = await t.host.handlers['evidence:scan']({ scanId: randomUUID(), folder: usb });
        figures.requestsTried += 1;
        console.log(`evidence:scan problems: ${scan.problems.join(' | ')}`);
        expect(scan.files.map((f) => f.relPath)).toEqual(['IMG_0001.jpg']);
        expect(scan.byKind.photo.count).toBe(1);
        expect(scan.problems).toHaveLength(bad.length);
        expect(scan.problems.join('\n')).not.toContain('\uFFFD');
        for (const b of bad) expect(scan.problems.some((p) => p.normalize('NFC').includes(`"${b.shown}" không đúng bảng mã UTF-8`)), b.shown).toBe(true);
      } finally {
        await t.close();
      }
    });
  });
});

describe('files over 2 GB: structure checks in bounded memory (point 10)', () => {
  const dir = join(work, 'big');
  mkdirSync(dir, { recursive: true });
  // Sparse files: 6 GB of (mostly) holes. A file system that cannot make holes would need the space for real.
  const sparseOk = (() => {
    const probe = join(dir, 'probe');
    const fd = openSync(probe, 'w');
    try {
      ftruncateSync(fd, GiB);
    } finally {
      closeSync(fd);
    }
    const allocated = statSync(probe).blocks * 512;
    rmSync(probe);
    const free = Number(statfsSync(dir).bavail) * Number(statfsSync(dir).bsize);
    return allocated < 16 * MiB && free > 256 * MiB;
  })();
  if (!sparseOk) console.log(`skipped: ${tmpdir()} cannot hold sparse files (a 1 GiB truncate allocated space) or has less than 256 MiB free`);
  const MAX_RSS_MB = 300;

  /** A file of `size` bytes holding `pieces` at their offsets and holes elsewhere (zeros when read). */
  function sparse(name: string, size: number, pieces: [number, Buffer][]): string {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    try {
      for (const [offset, bytes] of pieces) writeSync(fd, bytes, 0, bytes.length, offset);
      ftruncateSync(fd, size);
    } finally {
      closeSync(fd);
    }
    return path;
  }

  const run = promisify(execFile);
  /** photoFacts in a process of its own: its damage, and the process's peak memory. */
  async function check(path: string, format: string) {
    const { stdout } = await run(process.execPath, [bundled('photo-facts-child'), path, format], { cwd: root, timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { damage: string | null; error: string | null; ms: number; maxRssMB: number };
    const size = statSync(path).size;
    figures.checksRun += 1;
    figures.bytesChecked += size;
    figures.peakRssMB = Math.max(figures.peakRssMB, result.maxRssMB);
    console.log(`${path.slice(dir.length + 1)} (${(size / GiB).toFixed(2)} GiB): damage ${result.damage}, error ${result.error}, ${result.ms} ms, peak RSS ${result.maxRssMB} MB`);
    return result;
  }

  let head: Buffer;
  beforeAll(async () => {
    // A real small JPEG without its end-of-image marker: its header, its scan, then nothing.
    await makeJpeg(join(dir, 'small.jpg'), { taken: '2026:11:23 09:12:00', offset: '+07:00' }, { width: 640, height: 480, noise: true });
    const whole = readFileSync(join(dir, 'small.jpg'));
    expect(whole.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    head = whole.subarray(0, whole.length - 2);
    expect(head.indexOf(Buffer.from([0xff, 0xd9]))).toBe(-1);
  });

  it.skipIf(!sparseOk)('a 6 GiB JPEG cut short (no FFD9 anywhere) is "truncated"; with FFD9 inside (data after it) or at its end, it is whole', async () => {
    const size = 6 * GiB;
    // One file, changed between the checks: the first reads all 6 GiB cold, the others find the page cache warm.
    const file = sparse('big.jpg', size, [[0, head]]);
    const put = (offset: number, bytes: number[]) => {
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.from(bytes), 0, bytes.length, offset);
      closeSync(fd);
    };
    try {
      const cut = await check(file, 'jpeg');
      expect(cut).toMatchObject({ damage: 'truncated', error: null });
      expect(cut.maxRssMB).toBeLessThan(MAX_RSS_MB);

      // A motion photo: the image ends past 5 GiB (far past the 2 GiB of a signed 32-bit length), a "video" follows.
      put(5 * GiB + 12_345, [0xff, 0xd9]);
      const inside = await check(file, 'jpeg');
      expect(inside).toMatchObject({ damage: null, error: null });
      expect(inside.maxRssMB).toBeLessThan(MAX_RSS_MB);

      put(5 * GiB + 12_345, [0x00, 0x00]);
      put(size - 2, [0xff, 0xd9]);
      const ended = await check(file, 'jpeg');
      expect(ended).toMatchObject({ damage: null, error: null });
      expect(ended.maxRssMB).toBeLessThan(MAX_RSS_MB);
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);

  /** A PNG made of chunk headers: IHDR (true CRC), IDAT chunks whose data are holes (CRC not checked), IEND. */
  function png(name: string, idat: number[], opts: { cutAt?: number } = {}): string {
    const chunk = (type: string, data: Buffer) => {
      const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      typed.copy(out, 4);
      out.writeUInt32BE(crc32(typed), 8 + data.length);
      return out;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20_000, 0);
    ihdr.writeUInt32BE(20_000, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const pieces: [number, Buffer][] = [[0, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], [8, chunk('IHDR', ihdr)]];
    let pos = 8 + 25;
    for (const length of idat) {
      const header = Buffer.alloc(8);
      header.writeUInt32BE(length, 0);
      header.write('IDAT', 4, 'latin1');
      pieces.push([pos, header]);
      pos += 12 + length;
    }
    pieces.push([pos, chunk('IEND', Buffer.alloc(0))]);
    pos += 12;
    return sparse(name, opts.cutAt ?? pos, opts.cutAt === undefined ? pieces : pieces.filter(([o]) => o < opts.cutAt!));
  }

  it.skipIf(!sparseOk)('a 100 MiB PNG (past the 64 MiB metadata read) is whole; cut short it is "truncated"; a 6 GB PNG is checked header by header', async () => {
    const chunks = [25 * MiB, 25 * MiB, 25 * MiB, 25 * MiB];
    const whole = await check(png('whole.png', chunks), 'png');
    expect(whole).toMatchObject({ damage: null, error: null });
    expect(whole.maxRssMB).toBeLessThan(MAX_RSS_MB);

    const cut = await check(png('cut.png', chunks, { cutAt: 90 * MiB }), 'png');
    expect(cut).toMatchObject({ damage: 'truncated', error: null });
    expect(cut.maxRssMB).toBeLessThan(MAX_RSS_MB);

    const huge = await check(png('huge.png', [2_000_000_000, 2_000_000_000, 2_000_000_000]), 'png');
    expect(statSync(join(dir, 'huge.png')).size).toBeGreaterThan(6e9);
    expect(huge).toMatchObject({ damage: null, error: null });
    expect(huge.maxRssMB).toBeLessThan(MAX_RSS_MB);
    for (const f of ['whole.png', 'cut.png', 'huge.png']) rmSync(join(dir, f), { force: true });
  }, 60_000);
});
