// A video's GPS track as the viewer and the still read it: the moment at a time into the video, and when
// the camera's clock is "off". Pure functions, shared by the services and the renderer.

export interface TrackPoint {
  /** Seconds into the video. */
  t: number;
  lat: number;
  lng: number;
  speedKmh: number | null;
  /** The GPS clock (UTC) when the format carries it. */
  gpsTime: string | null;
}

/** A camera clock this far from the GPS clock is shown as off (a dashcam set to the wrong zone, or never set). */
export const CLOCK_OFF_S = 120;

/** Where the vehicle was, how fast, and the GPS clock at `t` seconds into the video: between two points, on the line between them. */
export function pointAt(points: TrackPoint[], t: number): TrackPoint | null {
  if (points.length === 0 || t < points[0]!.t - 1 || t > points[points.length - 1]!.t + 1) return null;
  let i = points.findIndex((p) => p.t >= t);
  if (i === -1) i = points.length - 1;
  const b = points[i]!;
  const a = points[Math.max(0, i - 1)]!;
  // Beyond a gap of more than a few seconds the track says nothing about the moment.
  if (b.t - a.t > 5) return Math.abs(b.t - t) <= 1 ? b : Math.abs(a.t - t) <= 1 ? a : null;
  const k = b.t > a.t ? Math.max(0, Math.min(1, (t - a.t) / (b.t - a.t))) : 0;
  const mix = (x: number, y: number) => x + (y - x) * k;
  const gps = a.gpsTime ? new Date(Date.parse(a.gpsTime) + (t - a.t) * 1000).toISOString() : null;
  return {
    t, lat: Math.round(mix(a.lat, b.lat) * 1e6) / 1e6, lng: Math.round(mix(a.lng, b.lng) * 1e6) / 1e6,
    speedKmh: a.speedKmh !== null && b.speedKmh !== null ? Math.round(mix(a.speedKmh, b.speedKmh) * 10) / 10 : a.speedKmh ?? b.speedKmh, gpsTime: gps,
  };
}

/** One point a second at most (a 10 Hz log or GPMF's 18 Hz thinned): what the viewer plots and sends. */
export function thinTrack(points: TrackPoint[]): TrackPoint[] {
  const out: TrackPoint[] = [];
  for (const p of points) if (out.length === 0 || Math.floor(p.t) > Math.floor(out[out.length - 1]!.t)) out.push(p);
  return out;
}
