import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportJobs } from '../../../electron/services/evidence/jobs';
import { listEvidence } from '../../../electron/services/evidence/list';
import { verifyStore } from '../../../electron/services/evidence/verify';
import { createReport } from '../../../electron/services/intake/reports';
import { makeJpeg, makeVideo } from '../../support/media';
import { backends, form, tempStation } from '../../support/station';

let dir: string;
// The sticks are made once; each database's run imports them into a station of its own.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-jobs-'));
  await makeJpeg(join(dir, 'picked', 'a.jpg'), { taken: '2026:11:20 10:00:00' });
  await makeJpeg(join(dir, 'picked', 'b.jpg'), { taken: '2026:11:20 10:01:00', colour: '#aa0000' });
  mkdirSync(join(dir, 'big'));
  for (let i = 0; i < 12; i++) writeFileSync(join(dir, 'big', `${i}.bin`), randomBytes(8 * 1024 * 1024));
  await makeJpeg(join(dir, 'media', 'photo.jpg'), { taken: '2026:11:20 10:00:00' }, { width: 1200, height: 900 });
  await makeVideo(join(dir, 'media', 'clip.mp4'), { seconds: 3, size: '640x360', tags: { creation_time: '2026-11-20T03:00:00Z' } });
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(read: () => T, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
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
  });

  describe('import jobs', () => {
    it('refuses a folder that is not there, and a relative path', async () => {
      const jobs = new ImportJobs(t.station, [t.dataDir]);
      await expect(jobs.scan(randomUUID(), join(dir, 'không có'))).rejects.toMatchObject({ message: expect.stringContaining('Không mở được thư mục') });
      await expect(jobs.scan(randomUUID(), 'relative/path')).rejects.toMatchObject({ code: 'rejected' });
    });

    it('imports only the files picked from the scan, and reports progress to the end', async () => {
      const usb = join(dir, 'picked');
      const jobs = new ImportJobs(t.station, [t.dataDir]);
      const scan = await jobs.scan(randomUUID(), usb);
      expect(scan.files.map((f) => f.relPath)).toEqual(['a.jpg', 'b.jpg']);
      const { importId } = await jobs.start(scan.scanId, reportId, ['b.jpg', 'not-scanned.jpg']);
      const status = await until(() => jobs.status(importId), (s) => s.state !== 'running');
      expect(status).toMatchObject({ state: 'done', filesDone: 1, filesTotal: 1, etaSeconds: null });
      expect(status.results.map((r) => r.name)).toEqual(['b.jpg']);
    });

    it('cancel stops the import: finished files stay, nothing partial is left', async () => {
      const usb = join(dir, 'big');
      const jobs = new ImportJobs(t.station, [t.dataDir]);
      const scan = await jobs.scan(randomUUID(), usb);
      const { importId } = await jobs.start(scan.scanId, reportId, scan.files.map((f) => f.relPath));
      // At once: waiting for progress first could let a fast disk finish every file before the cancel.
      jobs.cancel(importId);
      const status = await until(() => jobs.status(importId), (s) => s.state !== 'running');
      expect(status.state).toBe('cancelled');
      expect(status.results.length).toBeLessThan(12);
      for (const r of status.results.filter((x) => !x.ok)) expect(r.ok ? '' : r.error).toMatch(/^Đã dừng trước khi nhập xong tệp/);
      expect(readdirSync(t.station.store.tmp)).toEqual([]);
      expect(await verifyStore(t.station)).toMatchObject({ changed: [], missing: [] });
    });
  });

  describe('previews', () => {
    it('a thumbnail for photos and videos, and a contact sheet of 6 frames for a video', async () => {
      const usb = join(dir, 'media');
      const jobs = new ImportJobs(t.station, [t.dataDir]);
      const scan = await jobs.scan(randomUUID(), usb);
      const { importId } = await jobs.start(scan.scanId, reportId, scan.files.map((f) => f.relPath));
      await until(() => jobs.status(importId), (s) => s.state !== 'running');
      const items = await listEvidence(t.station, reportId);
      const photo = items.find((i) => i.originalName === 'photo.jpg')!;
      const video = items.find((i) => i.originalName === 'clip.mp4')!;
      const sharp = (await import('sharp')).default;
      const size = async (path: string) => { const m = await sharp(path).metadata(); return [m.width, m.height]; };
      expect(await size((await t.host.media(photo.id, 'thumb')).path)).toEqual([320, 240]);
      expect(await size((await t.host.media(video.id, 'thumb')).path)).toEqual([320, 180]);
      expect(await size((await t.host.media(video.id, 'sheet')).path)).toEqual([960, 360]);
      expect((await t.host.media(video.id, 'original')).contentType).toBe('video/mp4');
      await expect(t.host.media(photo.id, 'sheet')).rejects.toMatchObject({ code: 'not-found' });
      await expect(t.host.media(99_999, 'original')).rejects.toMatchObject({ code: 'not-found' });
    });
  });
});
