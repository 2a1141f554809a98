import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportResult } from '../../../electron/services/evidence/import';
import { listEvidence } from '../../../electron/services/evidence/list';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { copyTimeFiles } from '../../../electron/services/evidence/signs';
import { createReport } from '../../../electron/services/intake/reports';
import { makeJpeg } from '../../support/media';
import { backends, form, tempStation } from '../../support/station';

// "Capture time far from the file's time" fires on nearly every file when the file time is only the
// time of the copy (sent over Zalo, copied to the stick at the desk). It is shown only when it tells
// something: here each case, imported the way a desk does, then listed as the officer sees it.

const NOW = new Date('2026-11-23T03:00:00Z');
const FAR = 'capture-far-from-file-time';
const folders: string[] = [];
/** Each source's folder, by its label, in the order a desk imports them. */
const sources: [label: string, folder: string][] = [];

/** Photos taken at `taken` (station time, EXIF "YYYY:MM:DD hh:mm:ss"), their file time set to `written`. */
async function makeFolder(label: string, photos: { name: string; taken: string; written: string }[]) {
  const folder = mkdtempSync(join(tmpdir(), `station-viewer-signs-${label}-`));
  folders.push(folder);
  for (const p of photos) {
    await makeJpeg(join(folder, p.name), { taken: p.taken, offset: '+07:00' });
    utimesSync(join(folder, p.name), new Date(p.written), new Date(p.written));
  }
  sources.push([label, folder]);
}

// The folders are made once; each database's run imports them into a station of its own.
beforeAll(async () => {
  // Zalo photos taken on three days, saved to the stick together yesterday: the file times are the copy's.
  await makeFolder('ZALO', [
    { name: 'zalo-1.jpg', taken: '2026:11:01 08:00:00', written: '2026-11-22T10:00:00Z' },
    { name: 'zalo-2.jpg', taken: '2026:11:05 17:30:00', written: '2026-11-22T10:00:20Z' },
    { name: 'zalo-3.jpg', taken: '2026:11:10 07:15:00', written: '2026-11-22T10:00:41Z' },
  ]);
  // One photo copied onto the stick at the desk twenty minutes before the import.
  await makeFolder('DESK', [{ name: 'desk.jpg', taken: '2026:10:01 09:00:00', written: '2026-11-23T02:40:00Z' }]);
  // A camera card: files written when taken, but one re-saved two weeks after it was taken.
  await makeFolder('CARD', [
    { name: 'card-1.jpg', taken: '2026:11:01 08:01:00', written: '2026-11-01T01:01:02Z' },
    { name: 'card-2.jpg', taken: '2026:11:01 08:05:00', written: '2026-11-01T01:05:02Z' },
    { name: 'card-resaved.jpg', taken: '2026:11:01 08:10:00', written: '2026-11-15T12:00:00Z' },
  ]);
  // A file written days before the moment it claims to be taken, even if it reached the stick just now.
  await makeFolder('ODD', [{ name: 'before-capture.jpg', taken: '2026:11:26 09:00:00', written: '2026-11-23T02:50:00Z' }]);
}, 120_000);

afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe.each(backends)('%s: the capture-far-from-file-time sign', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  const imported = new Map<string, ImportResult>();

  async function shown(name: string): Promise<string[]> {
    const item = (await listEvidence(t.station, reportId)).find((i) => i.originalName === name);
    if (!item) throw new Error(`not listed: ${name}`);
    return item.signs;
  }

  beforeAll(async () => {
    t = await tempStation(() => NOW, backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
    for (const [label, folder] of sources) {
      const scan = await scanFolder(folder);
      for (const r of await importFiles(t.station, { reportId, files: scan.files, sourceLabel: label })) imported.set(r.name, r);
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('is not shown on photos copied together: the file times are the copy\'s', async () => {
    for (const name of ['zalo-1.jpg', 'zalo-2.jpg', 'zalo-3.jpg']) {
      // Each file alone cannot tell: the import records the sign, the list (which sees the run) leaves it out.
      expect(imported.get(name), name).toMatchObject({ ok: true, signs: [FAR] });
      expect(await shown(name), name).toEqual([]);
    }
  });

  it('is not recorded for a copy made just before the import', async () => {
    expect(imported.get('desk.jpg')).toMatchObject({ ok: true, signs: [] });
    expect(await shown('desk.jpg')).toEqual([]);
  });

  it('is shown on the one file re-saved long after it was taken, among files written when taken', async () => {
    expect(await shown('card-resaved.jpg')).toEqual([FAR]);
    expect(await shown('card-1.jpg')).toEqual([]);
    expect(await shown('card-2.jpg')).toEqual([]);
  });

  it('is shown on a file written before the moment it says it was taken', async () => {
    expect(imported.get('before-capture.jpg')).toMatchObject({ ok: true, signs: [FAR] });
    expect(await shown('before-capture.jpg')).toEqual([FAR]);
  });
});

describe('which file times are copy times', () => {
  const at = (id: number, source: string, mtime: string | null, capture: string | null) =>
    ({ id, source, mtime, capture, importedAt: '2026-11-23T03:00:00.000Z' });
  it('a run of one source written within minutes, two or more far from their capture', () => {
    expect(copyTimeFiles([
      at(1, 'A', '2026-11-22T10:00:00Z', '2026-11-01T01:00:00Z'), at(2, 'A', '2026-11-22T10:04:00Z', '2026-11-05T01:00:00Z'),
      // Same minutes, another source: not the same copy.
      at(3, 'B', '2026-11-22T10:02:00Z', '2026-11-02T01:00:00Z'),
      // Same source, an hour later: another run, alone.
      at(4, 'A', '2026-11-22T11:10:00Z', '2026-11-03T01:00:00Z'),
    ])).toEqual(new Set([1, 2]));
  });
  it('not one far file in a run of files written when taken, nor files without a time', () => {
    expect(copyTimeFiles([
      at(1, 'A', '2026-11-20T01:00:00Z', '2026-11-20T01:00:00Z'), at(2, 'A', '2026-11-20T01:01:00Z', '2025-11-20T01:00:00Z'),
      at(3, 'A', '2026-11-20T01:02:00Z', null), at(4, 'A', null, '2026-01-01T00:00:00Z'),
    ])).toEqual(new Set());
  });
});
