import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvidence } from '../../../db/queries/evidence';
import { importFiles } from '../../../electron/services/evidence/import';
import { listEvidence } from '../../../electron/services/evidence/list';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { takeStill } from '../../../electron/services/evidence/still';
import { runTool, tools } from '../../../electron/services/evidence/tools';
import { createReport } from '../../../electron/services/intake/reports';
import { makeVideo } from '../../support/media';
import { backends, form, tempStation } from '../../support/station';

// Stills for reading plates: the still is the frame the player shows (the viewer steps frame by frame),
// and it carries its video's signs about how and when it was made.

let usb: string;

/** A 10 fps video whose frame N is a flat grey of luma 8·N: a still's brightness says which frame it is. */
async function frameCodedVideo(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', "color=c=black:s=160x120:r=10,format=yuv420p,geq=lum='N*8':cb=128:cr=128",
    '-t', '3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '12', '-fflags', '+bitexact', '-metadata', 'creation_time=2026-11-20T07:10:00Z', path], 60_000);
}

// The videos are made once (ffmpeg); each database's run imports them into a station of its own.
beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'station-viewer-still-'));
  await frameCodedVideo(join(usb, 'frames.mp4'));
  // An old video re-encoded by an ffmpeg tool: past the 1-year limit (NĐ 168/2024 Đ4) and not the camera's file.
  await makeVideo(join(usb, 'old-exported.mp4'), { seconds: 2, encoderTag: true, tags: { creation_time: '2025-06-01T02:00:00Z' } });
  // A young video straight from a phone, its file time its own.
  await makeVideo(join(usb, 'clean.mp4'), { seconds: 2, tags: { creation_time: '2026-11-20T07:10:00Z' } });
  for (const name of ['frames.mp4', 'clean.mp4']) utimesSync(join(usb, name), new Date('2026-11-20T07:10:05Z'), new Date('2026-11-20T07:10:05Z'));
  utimesSync(join(usb, 'old-exported.mp4'), new Date('2025-06-01T02:00:05Z'), new Date('2025-06-01T02:00:05Z'));
}, 120_000);

afterAll(() => {
  rmSync(usb, { recursive: true, force: true });
});

describe.each(backends)('%s: a still from a video', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  const ids = new Map<string, number>();

  /** Which frame of the frame-coded video a still shows (luma 8·N, shown full-range). */
  async function frameOf(evidenceId: number): Promise<number> {
    const item = (await getEvidence(t.station.db, t.station.unitId, evidenceId))!;
    const { channels } = await sharp(t.station.store.absolute(item.store_path)).greyscale().stats();
    return Math.round(((channels[0]!.mean * 219) / 255 + 16) / 8);
  }

  beforeAll(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
    const scan = await scanFolder(usb);
    for (const r of await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'USB' })) {
      if (!r.ok) throw new Error(r.error);
      ids.set(r.name, r.evidenceId);
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('gives the viewer the frame rate it steps by', async () => {
    const items = await listEvidence(t.station, reportId);
    expect(items.find((i) => i.id === ids.get('frames.mp4'))).toMatchObject({ kind: 'video', frameRate: 10 });
    expect(items.find((i) => i.id === ids.get('clean.mp4'))!.frameRate).toBe(25);
  });

  it.each([
    // The viewer's frame step lands mid-frame; a pause may land anywhere inside the frame shown.
    [0.25, 2], [1.35, 13], [1.3, 13], [1.349, 13], [1.399, 13], [2.05, 20], [2.95, 29],
  ])('at %s s is the frame the player shows there (%i)', async (at, frame) => {
    const still = await takeStill(t.station, reportId, ids.get('frames.mp4')!, at);
    expect(await frameOf(still.evidenceId)).toBe(frame);
  });

  it('carries its old, re-encoded video\'s signs, the 1-year limit counted from its own moment', async () => {
    const videoId = ids.get('old-exported.mp4')!;
    const video = (await listEvidence(t.station, reportId)).find((i) => i.id === videoId)!;
    expect(video.signs).toEqual(expect.arrayContaining(['re-encoded', 'past-limitation']));
    const { evidenceId } = await takeStill(t.station, reportId, videoId, 1);
    const still = (await listEvidence(t.station, reportId)).find((i) => i.id === evidenceId)!;
    expect(still).toMatchObject({ derivedFrom: videoId, capture: { instant: '2025-06-01T02:00:01.000Z' } });
    expect(still.signs).toEqual(['re-encoded', 'past-limitation']);
    // Recorded on the still itself, not worked out when listed.
    const row = (await getEvidence(t.station.db, t.station.unitId, evidenceId))!;
    expect(row.signs).toBe('re-encoded past-limitation');
  });

  it('of a clean, young video has no signs', async () => {
    const { evidenceId } = await takeStill(t.station, reportId, ids.get('clean.mp4')!, 0.5);
    expect((await listEvidence(t.station, reportId)).find((i) => i.id === evidenceId)!.signs).toEqual([]);
  });
});
