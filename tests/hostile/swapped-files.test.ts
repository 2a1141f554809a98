import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, truncateSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportResult } from '../../electron/services/evidence/import';
import { scanFolder, type ScannedFile } from '../../electron/services/evidence/scan';
import { createReport } from '../../electron/services/intake/reports';
import { backends, form, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// The stick changes between the scan and the copy, or during the copy: a FIFO, a link to a system file
// or to an endless device swapped in, a file rewritten in place with its mtime set back. The copier must
// notice on the open descriptor, never block, never read more than the scan saw, and cancel at once.

const figures = hostileFigures('files swapped under the copier');
const MB = 1024 * 1024;
let dir: string;
const secret = 'root:SECRET-HASH:19000:0:99999:7:::';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-swap-'));
  writeFileSync(join(dir, 'shadow'), secret, { mode: 0o600 });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Two large files the cancel test imports (and leaves as they are): written once for both databases' runs. */
let large: Promise<string> | undefined;
function largeStick(): Promise<string> {
  large ??= (async () => {
    const folder = join(dir, 'large');
    mkdirSync(folder, { recursive: true });
    const chunk = randomBytes(16 * MB);
    for (const name of ['big-1.bin', 'big-2.bin']) {
      const fd = openSync(join(folder, name), 'w');
      for (let i = 0; i < 48; i++) writeSync(fd, chunk);
      closeSync(fd);
    }
    return folder;
  })();
  return large;
}

async function makeStick(folder: string, files: Record<string, Buffer | string>): Promise<{ folder: string; scanned: ScannedFile[] }> {
  mkdirSync(folder, { recursive: true });
  for (const [file, data] of Object.entries(files)) writeFileSync(join(folder, file), data);
  return { folder, scanned: (await scanFolder(folder)).files };
}

function errorOf(results: ImportResult[], name: string): string {
  const r = results.find((x) => x.name === name);
  expect(r, name).toBeDefined();
  return r!.ok ? '' : r!.error;
}

describe.each(backends)('%s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(join(dir, backend), { recursive: true, force: true });
  });

  // Each database's run has sticks of its own: the tests change them under the copier.
  const stick = (name: string, files: Record<string, Buffer | string>) => makeStick(join(dir, backend, name), files);

  /** The station's import with a deadline: a hang counts and fails the test instead of freezing it. */
  async function importWithin(files: ScannedFile[], ms: number, signal?: AbortSignal): Promise<ImportResult[]> {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => { figures.hangs += 1; reject(new Error(`import hung for ${ms} ms`)); }, ms); });
    try {
      return await Promise.race([importFiles(t.station, { reportId, files, sourceLabel: 'USB' }, { signal }), hang]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits until this process's copy has written more than 16 MB of a large file. */
  async function copyUnderWay(): Promise<void> {
    for (let i = 0; i < 5000; i++) {
      const sizes = readdirSync(t.station.store.tmp).filter((n) => n.endsWith('.part'))
        .map((n) => statSync(join(t.station.store.tmp, n), { throwIfNoEntry: false })?.size ?? 0);
      if (sizes.some((size) => size > 16 * MB)) return;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('the copy never got under way');
  }

  function storeHolds(text: string): boolean {
    return readdirSync(join(t.dataDir, 'evidence'), { recursive: true, encoding: 'utf8' })
      .map((p) => join(t.dataDir, 'evidence', p))
      .some((p) => statSync(p).isFile() && statSync(p).size < 10 * MB && readFileSync(p).includes(text));
  }

  describe('swapped after the scan', () => {
    it('two FIFOs put in the place of scanned files block nothing: refused at once, the other files import', async () => {
      const { folder, scanned } = await stick('fifo', { 'a.bin': randomBytes(1000), 'b.bin': randomBytes(1000), 'c.bin': randomBytes(1000) });
      for (const name of ['a.bin', 'b.bin']) {
        unlinkSync(join(folder, name));
        expect(spawnSync('mkfifo', [join(folder, name)]).status).toBe(0);
      }
      const results = await importWithin(scanned, 5000);
      expect(errorOf(results, 'a.bin')).toMatch(/không còn là tệp thường/);
      expect(errorOf(results, 'b.bin')).toMatch(/không còn là tệp thường/);
      expect(results.find((r) => r.name === 'c.bin')).toMatchObject({ ok: true });
      // The pool is not stuck: the next import goes through.
      const again = await stick('after-fifo', { 'd.bin': randomBytes(1000) });
      expect((await importWithin(again.scanned, 5000))[0]).toMatchObject({ ok: true });
    });

    it('a link to a system file put in the place of a scanned file is not followed', async () => {
      const { folder, scanned } = await stick('shadow-link', { 'IMG_0001.bin': Buffer.alloc(secret.length, 1) });
      unlinkSync(join(folder, 'IMG_0001.bin'));
      symlinkSync(join(dir, 'shadow'), join(folder, 'IMG_0001.bin'));
      const results = await importWithin(scanned, 5000);
      expect(errorOf(results, 'IMG_0001.bin')).toMatch(/không còn là tệp thường/);
      if (storeHolds('SECRET-HASH')) figures.filesLost += 1;
      expect(storeHolds('SECRET-HASH')).toBe(false);
    });

    it('a link to an endless device is not followed and nothing beyond the scanned size is read', async () => {
      const { folder, scanned } = await stick('zero-link', { 'VID_0001.bin': randomBytes(16_877) });
      unlinkSync(join(folder, 'VID_0001.bin'));
      symlinkSync('/dev/zero', join(folder, 'VID_0001.bin'));
      const results = await importWithin(scanned, 5000);
      expect(errorOf(results, 'VID_0001.bin')).toMatch(/không còn là tệp thường/);
    });

    it('another file put in the place of a scanned one (same name and size) is refused', async () => {
      const { folder, scanned } = await stick('replaced', { 'x.bin': randomBytes(4096) });
      unlinkSync(join(folder, 'x.bin'));
      writeFileSync(join(folder, 'x.bin'), randomBytes(4096));
      expect(errorOf(await importWithin(scanned, 5000), 'x.bin')).toMatch(/thay đổi trong khi đang chép/);
    });

    it('a file that grew after the scan is refused after reading at most one byte more than scanned', async () => {
      const { folder, scanned } = await stick('grown', { 'y.bin': randomBytes(4096) });
      appendFileSync(join(folder, 'y.bin'), randomBytes(32 * MB));
      let bytes = 0;
      const results = await importFiles(t.station, { reportId, files: scanned, sourceLabel: 'USB' }, { onProgress: (p) => { bytes = p.bytesDone; } });
      expect(errorOf(results, 'y.bin')).toMatch(/thay đổi trong khi đang chép/);
      expect(bytes).toBeLessThanOrEqual(4097);
    });
  });

  describe('changed during the copy', () => {
    it('a part of the file rewritten during its copy, with the mtime set back, is caught (change time)', async () => {
      const { folder } = await stick('torn', {});
      const path = join(folder, 'VID_TORN.bin');
      const chunk = randomBytes(16 * MB);
      const fd = openSync(path, 'w');
      for (let i = 0; i < 32; i++) writeSync(fd, chunk);
      closeSync(fd);
      const [file] = (await scanFolder(folder)).files;
      const { mtime } = statSync(path);
      const running = importWithin([file!], 60_000);
      // Once the copy is under way, overwrite 1 MB near the end and put the modification time back.
      await copyUnderWay();
      const w = openSync(path, 'r+');
      writeSync(w, randomBytes(MB), 0, MB, 500 * MB);
      closeSync(w);
      utimesSync(path, mtime, mtime);
      const results = await running;
      expect(errorOf(results, 'VID_TORN.bin')).toMatch(/thay đổi trong khi đang chép/);
      expect(existsSync(join(t.station.store.tmp))).toBe(true);
      expect(readdirSync(t.station.store.tmp).filter((n) => n.endsWith('.part'))).toEqual([]);
    });

    it('a stick pulled mid-copy (the file cut short under the copier): that file fails, nothing half is kept, the next goes on', async () => {
      const { folder } = await stick('pulled', { 'Z_after.bin': randomBytes(4096) });
      const path = join(folder, 'A_VID.bin');
      const chunk = randomBytes(16 * MB);
      const fd = openSync(path, 'w');
      for (let i = 0; i < 32; i++) writeSync(fd, chunk);
      closeSync(fd);
      const { files } = await scanFolder(folder);
      const before = (await t.station.db.selectFrom('evidence_items').select('id').execute()).length;
      const running = importWithin(files, 60_000);
      await copyUnderWay();
      truncateSync(path, 20 * MB);
      const results = await running;
      expect(errorOf(results, 'A_VID.bin')).toMatch(/thay đổi trong khi đang chép/);
      expect(results.find((r) => r.name === 'Z_after.bin')).toMatchObject({ ok: true });
      expect((await t.station.db.selectFrom('evidence_items').select('id').execute()).length).toBe(before + 1);
      expect(readdirSync(t.station.store.tmp).filter((n) => n.endsWith('.part'))).toEqual([]);
    });

    it('cancel stops an import within a second, even in the middle of a large file', async () => {
      const folder = await largeStick();
      const { files } = await scanFolder(folder);
      const controller = new AbortController();
      const running = importWithin(files, 60_000, controller.signal);
      await new Promise((r) => setTimeout(r, 300));
      const cancelledAt = Date.now();
      controller.abort();
      const results = await running;
      const took = Date.now() - cancelledAt;
      figures.cancelMs = took;
      expect(took).toBeLessThan(1000);
      for (const r of results.filter((x) => !x.ok)) expect(r.ok ? '' : r.error).toMatch(/^Đã dừng trước khi nhập xong tệp/);
    });
  });
});

describe('verify against the source (station import --verify-source)', () => {
  /** Bytes this process has read through system calls (worker threads included): Linux's /proc/self/io. */
  const bytesRead = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

  it.skipIf(process.platform !== 'linux')('re-reads every source after its copy, and only when asked', async () => {
    const { EvidenceStore } = await import('../../electron/services/evidence/store');
    const { folder } = await makeStick(join(dir, 'verify'), { 'v.bin': randomBytes(8 * MB) });
    const readFor = async (verifySource: boolean) => {
      const store = new EvidenceStore(join(dir, `verify-store-${verifySource}`), { verifySource });
      const before = bytesRead();
      const pending = await store.ingest(join(folder, 'v.bin'));
      const read = bytesRead() - before;
      await store.discard([pending]);
      return read;
    };
    expect(await readFor(false)).toBeLessThan(9 * MB);
    expect(await readFor(true)).toBeGreaterThanOrEqual(16 * MB);
  });
});
