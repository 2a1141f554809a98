import { open } from 'node:fs/promises';
import { getEvidence } from '../../../db/queries/evidence';
import { vi } from '../../contract/messages.vi';
import type { VideoTrack } from '../../contract/schemas';
import { thinTrack } from '../../contract/domain/track';
import { rejected, StationError } from '../errors';
import type { Station } from '../station';
import { parseNmea, trackInVideo, type GpsTrack } from './gps-track';
import { listEvidence } from './list';

// A video's GPS track, from the video file or from the NMEA log the camera wrote beside it (imported with
// it as a file of its own: same folder, same name, .NMEA/.LOG/.TXT/.GPS). The files in the store never
// change, so a track read once is kept by the hashes it came from.

const SIDECAR = /\.(nmea|log|txt|gps)$/i;
const MAX_SIDECAR_BYTES = 32 * 1024 * 1024;
/** Tracks kept: a day's track thinned to a point a second is ~10 MB. */
const CACHED = 8;
const cache = new Map<string, VideoTrack | null>();

function stem(path: string): string {
  return path.replace(/\\/g, '/').replace(/\.[^./]*$/, '').toLowerCase();
}

async function readStart(path: string, max: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(max, (await handle.stat()).size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

/**
 * The GPS clock when the video began: the median over the track of (GPS time − seconds into the video),
 * so one point with a bad time does not move it.
 */
function gpsStart(track: GpsTrack): string | null {
  const starts = track.points.filter((p) => p.gpsTime).map((p) => Date.parse(p.gpsTime!) - p.t * 1000).sort((a, b) => a - b);
  return starts.length > 0 ? new Date(Math.round(starts[Math.floor(starts.length / 2)]! / 1000) * 1000).toISOString() : null;
}

export async function videoTrack(station: Station, reportId: number, evidenceId: number): Promise<VideoTrack | null> {
  const items = await listEvidence(station, reportId);
  const item = items.find((i) => i.id === evidenceId);
  if (!item || item.kind !== 'video') throw new StationError('not-found', vi.error.notFound);
  const sidecars = items.filter((i) => i.kind === 'other' && SIDECAR.test(i.originalPath) && stem(i.originalPath) === stem(item.originalPath));
  // What the track says depends on the report too (which log lies beside the video, under which name).
  const key = [station.unitId, reportId, item.id, item.sha256, ...sidecars.map((s) => s.sha256)].join(' ');
  if (cache.has(key)) return cache.get(key)!;
  const video = (await getEvidence(station.db, station.unitId, item.id))!;
  // A video the tools cannot read (cut at a power loss, a broken GPMF stream) still has its log beside it.
  let failed = false;
  let track = await trackInVideo(station.store.absolute(video.store_path), video.format).catch((err: unknown) => {
    console.error(`GPS track of evidence ${item.id} unreadable`, err);
    failed = true;
    return null;
  });
  let sidecarName: string | null = null;
  for (const sidecar of track ? [] : sidecars) {
    const row = await getEvidence(station.db, station.unitId, sidecar.id);
    const points = row ? parseNmea(await readStart(station.store.absolute(row.store_path), MAX_SIDECAR_BYTES)) : [];
    if (points.length > 0) {
      track = { source: 'nmea', points };
      sidecarName = sidecar.originalName;
      break;
    }
  }
  if (!track && failed) throw rejected(vi.track.unreadable(item.originalName));
  const start = track ? gpsStart(track) : null;
  const camera = item.capture?.instant ?? null;
  const result: VideoTrack | null = track ? {
    source: track.source, sidecarName, points: thinTrack(track.points), gpsStart: start, cameraStart: camera,
    clockOffsetS: start && camera ? Math.round((Date.parse(camera) - Date.parse(start)) / 1000) : null,
  } : null;
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}
