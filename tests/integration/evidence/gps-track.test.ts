import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackMomentText } from '../../../electron/contract/domain/evidence-display';
import type { DocumentRequest } from '../../../electron/contract/schemas';
import { previewDocument } from '../../../electron/services/documents/issue';
import { distanceM } from '../../../electron/services/evidence/gps-track';
import { importFiles } from '../../../electron/services/evidence/import';
import { listEvidence } from '../../../electron/services/evidence/list';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { takeStill } from '../../../electron/services/evidence/still';
import { videoTrack } from '../../../electron/services/evidence/video-track';
import { createReport } from '../../../electron/services/intake/reports';
import { appendTopLevel, box, drive, gps0Body, nmeaLog } from '../../support/gps';
import { makeJpeg, makeVideo } from '../../support/media';
import { pdfText } from '../../support/pdf';
import { backends, form, tempStation } from '../../support/station';

// A dashcam's track as the viewer and the still see it: from the video file or from the NMEA log beside
// it, the camera's clock against the GPS clock, and the still's moment on the track.

let usb: string;
const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: 'Đại úy', name: 'Lê Thị Hoa' };
const START = { lat: 14.3497, lng: 108.0005, utc: new Date('2026-11-20T01:15:00Z') };
const FIXES = drive(START, 30, (t) => Math.min(78, t * 8));

beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'station-gps-'));
  // The camera's clock two hours ahead of the GPS (set to the wrong zone, as dashcams often are).
  await makeVideo(join(usb, 'DASH', 'NO20261120-101500.mp4'), { seconds: 6, tags: { creation_time: '2026-11-20T03:15:00Z' } });
  appendTopLevel(join(usb, 'DASH', 'NO20261120-101500.mp4'), box('gps0', gps0Body(FIXES)));
  await makeVideo(join(usb, 'DCIM', 'FILE0001.MP4'), { seconds: 4, tags: { creation_time: '2026-11-20T01:15:00Z' } });
  writeFileSync(join(usb, 'DCIM', 'FILE0001.NMEA'), nmeaLog(FIXES));
  await makeVideo(join(usb, 'DCIM', 'FILE0002.MP4'), { seconds: 2 });
  // Same name in another folder: not this video's log.
  writeFileSync(join(usb, 'FILE0002.NMEA'), nmeaLog(FIXES.slice(5)));
  await makeJpeg(join(usb, 'photo.jpg'));
  for (const name of ['DASH/NO20261120-101500.mp4', 'DCIM/FILE0001.MP4', 'DCIM/FILE0002.MP4']) {
    utimesSync(join(usb, name), new Date('2026-11-20T01:20:00Z'), new Date('2026-11-20T01:20:00Z'));
  }
}, 120_000);

afterAll(() => {
  rmSync(usb, { recursive: true, force: true });
});

describe.each(backends)('%s: a video’s GPS track', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  const ids = new Map<string, number>();

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

  it('reads the track in the video, and the camera clock two hours off the GPS clock', async () => {
    const track = (await videoTrack(t.station, reportId, ids.get('NO20261120-101500.mp4')!))!;
    expect(track).toMatchObject({ source: 'gps0', sidecarName: null, gpsStart: '2026-11-20T01:15:00.000Z', cameraStart: '2026-11-20T03:15:00.000Z', clockOffsetS: 7200 });
    expect(track.points).toHaveLength(30);
  });

  it('reads the NMEA log beside a video that holds no track, and no log from another folder', async () => {
    expect(await videoTrack(t.station, reportId, ids.get('FILE0001.MP4')!)).toMatchObject({ source: 'nmea', sidecarName: 'FILE0001.NMEA', clockOffsetS: 0 });
    expect(await videoTrack(t.station, reportId, ids.get('FILE0002.MP4')!)).toBeNull();
    await expect(videoTrack(t.station, reportId, ids.get('photo.jpg')!)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a still records where and how fast at its moment, on the GPS clock, with the sign that the camera clock is off', async () => {
    const still = await takeStill(t.station, reportId, ids.get('NO20261120-101500.mp4')!, 3.5);
    const item = (await listEvidence(t.station, reportId)).find((i) => i.id === still.evidenceId)!;
    // 3.5 s in: between 24 and 32 km/h, between the third and fourth fixes.
    expect(item.moment).toMatchObject({ speedKmh: 28, gpsTime: '2026-11-20T01:15:03Z', clockOffsetS: 7200 });
    expect(distanceM(item.moment!, FIXES[3]!) + distanceM(item.moment!, FIXES[4]!)).toBeCloseTo(distanceM(FIXES[3]!, FIXES[4]!), 0);
    expect(item.location).toEqual({ lat: item.moment!.lat, lng: item.moment!.lng });
    expect(item.capture).toMatchObject({ instant: '2026-11-20T01:15:03Z', local: '2026-11-20T08:15:03', offset: '+07:00' });
    expect(item.signs).toContain('camera-clock-off');
    // The hand-over record and the verification report print the moment with the still.
    const printed = async (req: DocumentRequest) => pdfText(await previewDocument(t.station, reportId, req)).join(' ').replace(/\s+/g, ' ');
    const line = trackMomentText(item.moment!);
    expect(line).toMatch(/^Tốc độ 28 km\/h tại 14,\d{4}; 108,\d{4} lúc 08:15:03$/);
    expect(await printed({ kind: 'verification', params: { recipient: 'Trưởng phòng', findings: 'Đã xem video.', proposal: 'Xử phạt.', signer } })).toContain(line);
    expect(await printed({ kind: 'handover', params: { handedOverAt: '2026-11-23T02:45:00.000Z', medium: { kind: 'usb', label: '', capacity: '', broughtBy: '' }, signer } }))
      .toContain(line);
  });

  it('a still of a video with the right clock has no clock sign, and one without a track has no moment', async () => {
    const synced = await takeStill(t.station, reportId, ids.get('FILE0001.MP4')!, 1);
    const plain = await takeStill(t.station, reportId, ids.get('FILE0002.MP4')!, 1);
    const items = await listEvidence(t.station, reportId);
    const one = items.find((i) => i.id === synced.evidenceId)!;
    expect(one.moment).toMatchObject({ speedKmh: 8, clockOffsetS: 0 });
    expect(one.signs).not.toContain('camera-clock-off');
    expect(items.find((i) => i.id === plain.evidenceId)!.moment).toBeNull();
  });
});
