import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addCustodyEvent, fileTimesOfReport, getEvidence, originalName, recordImports } from '../../../db/queries/evidence';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import type { Station } from '../station';
import { frameRateOf, listEvidence, stamp } from './list';
import { stillSigns } from './signs';
import { stationCalendar } from '../calendar/days-off';
import { stationRules } from '../workflow/rules';
import { runTool, tools } from './tools';
import { STATION_OFFSET_MINUTES } from '../../contract/domain/time';
import type { TrackMoment } from '../../contract/schemas';
import { CLOCK_OFF_S, pointAt } from '../../contract/domain/track';
import { videoTrack } from './video-track';

// A still from a video at the moment the officer chose: a new item with its own SHA-256, linked to the
// video it came from (derived_from), so the verification report can show it and the chain stays clear.
// It carries the video's signs about how and when it was made: a still from an edited or year-old video
// is no better evidence than the video. When the video has a GPS track, the still records where the
// vehicle was and how fast at that moment, and takes the GPS clock as its time (a dashcam's own clock is
// often hours off: the sign says so, with the offset).

/** The station's wall time of an instant, to the second. */
function stationWallTime(instant: string): string {
  return new Date(Date.parse(instant) + STATION_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
}

/** The track at the still's moment, or null (no track, or one that cannot be read: the still is taken all the same). */
async function momentOf(station: Station, reportId: number, videoId: number, at: number): Promise<TrackMoment | null> {
  const track = await videoTrack(station, reportId, videoId).catch(() => null);
  const p = track ? pointAt(track.points, at) : null;
  return p && track ? { lat: p.lat, lng: p.lng, speedKmh: p.speedKmh, gpsTime: p.gpsTime ? p.gpsTime.slice(0, 19) + 'Z' : null, clockOffsetS: track.clockOffsetS } : null;
}

/**
 * Where ffmpeg must seek for the frame the player shows at `at`. The player shows the frame whose time
 * span holds `at` (frame k from k/fps to (k+1)/fps); ffmpeg keeps the first frame at or after its seek
 * point, so it seeks a quarter frame before frame k starts. Without a frame rate, `at` as it is.
 */
export function stillSeek(at: number, fps: number | null): { seek: number; frame: number | null } {
  if (!fps) return { seek: at, frame: null };
  const frame = Math.floor(at * fps + 1e-6);
  return { seek: Math.max(0, (frame - 0.25) / fps), frame };
}

export async function takeStill(station: Station, reportId: number, videoId: number, atSeconds: number) {
  const video = await getEvidence(station.db, station.unitId, videoId);
  if (!video || video.kind !== 'video') throw new StationError('not-found', vi.error.notFound);
  const at = Math.max(0, Math.min(atSeconds, Math.max(0, (video.duration_s ?? 0) - 0.04)));
  await mkdir(station.store.tmp, { recursive: true });
  const work = await mkdtemp(join(station.store.tmp, 'still-'));
  try {
    const png = join(work, 'still.png');
    const { seek, frame } = stillSeek(at, frameRateOf(video.metadata));
    // PNG: lossless, so the still holds exactly the decoded frame.
    await runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-ss', seek.toFixed(6), '-i', station.store.absolute(video.store_path),
      '-frames:v', '1', '-y', png], 30_000);
    const now = station.now();
    const moment = await momentOf(station, reportId, video.id, at);
    // The still's moment: the GPS clock's when the track has it; else the video's capture time plus the
    // offset into it, on the video's own clock.
    const later = (iso: string) => new Date(new Date(`${iso.slice(0, 19)}Z`).getTime() + at * 1000).toISOString();
    const capturedAt = moment?.gpsTime ?? (video.captured_at ? later(video.captured_at) : null);
    const capturedLocal = moment?.gpsTime ? stationWallTime(moment.gpsTime) : video.captured_local ? later(video.captured_local).slice(0, 19) : null;
    const capturedOffset = moment?.gpsTime ? '+07:00' : video.captured_offset;
    const name = `${(await originalName(station.db, reportId, video.id)) ?? video.sha256.slice(0, 12)} @ ${stamp(at)}.png`;
    // The video's signs as the officer sees them on it; the year limit counted from the still's moment.
    const shown = (await listEvidence(station, reportId)).find((i) => i.id === video.id)?.signs ?? [];
    const signs = stillSigns(shown, capturedAt ?? (await fileTimesOfReport(station.db, reportId)).get(video.id) ?? null, now, await stationCalendar(station.db), await stationRules(station.db));
    if (moment?.gpsTime && moment.clockOffsetS !== null && Math.abs(moment.clockOffsetS) > CLOCK_OFF_S) signs.push('camera-clock-off');
    const { stored, evidenceId } = await station.store.commit([await station.store.ingest(png)], async ([stored]) => {
      const [evidenceId] = (await recordImports(station.db, [{ item: {
        sha256: stored!.sha256, size: stored!.size, kind: 'photo', format: 'png', storePath: stored!.storePath,
        capturedLocal, capturedOffset, capturedAt, lat: moment?.lat ?? video.lat, lng: moment?.lng ?? video.lng,
        make: video.make, model: video.model, software: null, width: video.width, height: video.height, rotation: 0,
        durationS: null, codecs: null, signs, metadata: JSON.stringify({ stillOf: video.sha256, atSeconds: at, frame, signsOf: video.sha256, moment }),
        derivedFrom: video.id,
      }, link: {
        reportId, originalPath: name, originalName: name, originalNameRaw: name, sourceLabel: vi.evidence.stillSource,
        fileMtime: null, at: now.toISOString(), officerId: station.officerId,
      } }])) as [number];
      return { stored: stored!, evidenceId };
    });
    await addCustodyEvent(station.db, {
      evidenceId: video.id, reportId, at: now.toISOString(), officerId: station.officerId, action: 'still-taken',
      detail: { atSeconds: at, frame, stillSha256: stored.sha256, signs, moment },
    });
    return { evidenceId, sha256: stored.sha256, atSeconds: at };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
