import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pointAt, type TrackPoint } from '../../../electron/contract/domain/track';
import { distanceM, gpmfPoints, parseNmea, trackInVideo } from '../../../electron/services/evidence/gps-track';
import { box, box70mai, drive, type Fix, gps0Body, nmeaLog, novatekFile } from '../../support/gps';

// Every format read back against the track the test wrote, and every speed checked against what the
// track's own positions and times give.

const dir = mkdtempSync(join(tmpdir(), 'station-gps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START = { lat: 14.3497, lng: 108.0005, utc: new Date('2026-11-20T01:15:00Z') };
/** Pulling away, 78 km/h through the middle, slowing down: 60 s. */
const profile = (t: number) => (t < 20 ? t * 4 : t < 40 ? 78 : Math.max(0, 78 - (t - 40) * 3));
const FIXES = drive(START, 60, profile);
const ftyp = box('ftyp', Buffer.from('mp42\0\0\0\0mp42isom', 'latin1'));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * Speeds told by the file agree with the track's own positions and times: over each step, distance over
 * time is the mean of the speeds told at its two ends (within `tolerance` km/h); `share` of the steps at least.
 */
function speedsAgree(points: TrackPoint[], tolerance: number, share = 1): void {
  let agree = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    const computed = (distanceM(a, b) / (b.t - a.t)) * 3.6;
    if (Math.abs(computed - (a.speedKmh! + b.speedKmh!) / 2) < tolerance) agree++;
  }
  expect(agree / (points.length - 1)).toBeGreaterThanOrEqual(share);
}

function sameTrack(points: TrackPoint[], fixes: Fix[], metres: number, withTime: boolean): void {
  expect(points.map((p) => p.t)).toEqual(fixes.map((f) => f.t));
  points.forEach((p, i) => {
    expect(distanceM(p, fixes[i]!)).toBeLessThan(metres);
    expect(Math.abs(p.speedKmh! - fixes[i]!.speedKmh)).toBeLessThan(1);
    expect(p.gpsTime).toBe(withTime ? fixes[i]!.utc.toISOString() : null);
  });
}

describe('NMEA logs beside the video', () => {
  it('reads RMC and GGA of each second as one point, with the GPS clock and knots as km/h', () => {
    const points = parseNmea(nmeaLog(FIXES));
    sameTrack(points, FIXES, 1, true);
    speedsAgree(points, 2);
  });

  it('drops a sentence whose checksum is wrong, and seconds without a fix', () => {
    const lines = nmeaLog(FIXES, { gga: false }).split('\r\n');
    lines[10] = lines[10]!.replace(/,A,/, ',V,').replace(/\*..$/, '');
    lines[20] = lines[20]!.replace('GPRMC,', 'GPRMC,0');
    const points = parseNmea(lines.join('\n'));
    expect(points).toHaveLength(58);
    expect(points.some((p) => p.t === 10 || p.t === 20)).toBe(false);
  });

  it('gives speeds from the positions when the log has only GGA (no speed, no date)', () => {
    const points = parseNmea(nmeaLog(FIXES, { rmc: false }));
    expect(points).toHaveLength(60);
    expect(points.every((p) => p.gpsTime === null)).toBe(true);
    for (const p of points.filter((x) => x.t > 22 && x.t < 38)) expect(Math.abs(p.speedKmh! - 78)).toBeLessThan(1);
  });

  it('goes on past midnight', () => {
    const late = drive({ ...START, utc: new Date('2026-11-20T23:59:50Z') }, 20, () => 50);
    const points = parseNmea(nmeaLog(late));
    expect(points.map((p) => p.t)).toEqual(late.map((f) => f.t));
    expect(points.at(-1)!.gpsTime).toBe('2026-11-21T00:00:09.000Z');
  });

  it('finds nothing in text that is not NMEA', () => {
    expect(parseNmea('Nhật ký camera\n$GPRMC,,V,,,,,,,,,,N*53\nabc')).toEqual([]);
  });
});

describe('tracks inside the video file', () => {
  it("70mai: the top-level 'GPS ' box, seconds without a fix left out, no GPS clock", async () => {
    const path = file('70mai.mp4', Buffer.concat([ftyp, box70mai(FIXES, new Set([5, 6]))]));
    const track = (await trackInVideo(path, 'mp4'))!;
    expect(track.source).toBe('70mai');
    // Thousandths of a minute: 1.85 m a step, up to ~7 km/h over one second.
    sameTrack(track.points, FIXES.filter((f) => f.t !== 5 && f.t !== 6), 2, false);
    speedsAgree(track.points, 8);
  });

  it("DuDuBell/VSYS: 'gps0' inside moov/udta, with the GPS clock", async () => {
    const path = file('gps0.mp4', Buffer.concat([ftyp, box('moov', box('udta', box('gps0', gps0Body(FIXES))))]));
    const track = (await trackInVideo(path, 'mp4'))!;
    expect(track.source).toBe('gps0');
    sameTrack(track.points, FIXES, 1, true);
  });

  it("Novatek: moov/'gps ' lists the 'freeGPS ' blocks; a block pointing past the end is skipped", async () => {
    const bytes = novatekFile(FIXES);
    const path = file('novatek.mp4', bytes);
    const track = (await trackInVideo(path, 'mp4'))!;
    expect(track.source).toBe('novatek');
    // float32 degrees-minutes: about a metre.
    sameTrack(track.points, FIXES, 3, true);
    speedsAgree(track.points, 4);
    const gpsIndex = bytes.indexOf(Buffer.from('gps ', 'latin1'), bytes.length - 8 - 60 * 8 - 8);
    bytes.writeUInt32BE(0x7fff_0000, gpsIndex + 4 + 8);
    const hostile = (await trackInVideo(file('novatek-hostile.mp4', bytes), 'mp4'))!;
    expect(hostile.points).toHaveLength(59);
  });

  it('GoPro GPMF: the GPS5 samples of gopro-telemetry’s own hero5 sample, per second', async () => {
    const raw = readFileSync(join('node_modules', 'gopro-telemetry', 'samples', 'hero5.raw'));
    const points = await gpmfPoints(raw, [{ cts: 0, duration: 1001 }]);
    expect(points.length).toBeGreaterThanOrEqual(1);
    expect(points[0]).toMatchObject({ lat: expect.closeTo(33.1265, 3), lng: expect.closeTo(-117.3274, 3) });
    expect(points[0]!.gpsTime).toMatch(/^2017-04-17T17:31:0/);
  });

  it('south of the equator and west of Greenwich, in every layout', async () => {
    const south = drive({ lat: -33.4489, lng: -70.6693, utc: START.utc }, 10, () => 40, 200);
    sameTrack(parseNmea(nmeaLog(south)), south, 1, true);
    sameTrack((await trackInVideo(file('sw-70mai.mp4', Buffer.concat([ftyp, box70mai(south)])), 'mp4'))!.points, south, 2, false);
    sameTrack((await trackInVideo(file('sw-gps0.mp4', Buffer.concat([ftyp, box('moov', box('gps0', gps0Body(south)))])), 'mp4'))!.points, south, 1, true);
    sameTrack((await trackInVideo(file('sw-novatek.mp4', novatekFile(south)), 'mp4'))!.points, south, 3, true);
  });

  it('no track in a file without one, nor in formats that cannot hold these boxes', async () => {
    expect(await trackInVideo(file('plain.mp4', Buffer.concat([ftyp, box('moov', Buffer.alloc(0))])), 'mp4')).toBeNull();
    expect(await trackInVideo(file('x.avi', Buffer.alloc(100)), 'avi')).toBeNull();
  });
});

const corpus = '../shared/fixtures/media/videos-dashcam';
describe.skipIf(!existsSync(corpus))('the shared corpus', () => {
  it("box.mp4 (a 70mai-style 'GPS ' box) yields its track, speeds agreeing with its positions", async () => {
    const track = (await trackInVideo(join(corpus, 'box.mp4'), 'mp4'))!;
    expect(track.source).toBe('70mai');
    expect(track.points.length).toBeGreaterThan(50);
    expect(track.points[0]).toMatchObject({ t: 0, lat: expect.closeTo(52.1906, 3), lng: expect.closeTo(20.7895, 3), speedKmh: 105.3 });
    // Thousandths of a minute as above; a real receiver repeats a stale position now and then (its last
    // second here): 19 seconds in 20 within 5 km/h.
    speedsAgree(track.points, 5, 0.95);
  });

  it('max-heromode.mp4 (GoPro Max) yields its GPMF track with the GPS clock', async () => {
    const track = (await trackInVideo(join(corpus, 'max-heromode.mp4'), 'mp4'))!;
    expect(track.source).toBe('gpmf');
    expect(track.points.length).toBeGreaterThanOrEqual(9);
    expect(track.points[0]!.gpsTime).toMatch(/^2019-11-18T23:45:1/);
    for (const p of track.points) expect(distanceM(p, { lat: 33.1268, lng: -117.3273 })).toBeLessThan(100);
  });

  it('karma.mp4 (GPMF without GPS) has no track', async () => {
    expect(await trackInVideo(join(corpus, 'karma.mp4'), 'mp4')).toBeNull();
  });
});

describe('the moment of a still on the track', () => {
  const points = parseNmea(nmeaLog(FIXES));
  it('lies between the two points around it, speed and clock included', () => {
    const p = pointAt(points, 30.5)!;
    expect(distanceM(p, points[30]!) + distanceM(p, points[31]!)).toBeCloseTo(distanceM(points[30]!, points[31]!), 0);
    expect(p.speedKmh).toBe(78);
    expect(p.gpsTime).toBe('2026-11-20T01:15:30.500Z');
  });

  it('says nothing beyond the track or inside a long gap', () => {
    expect(pointAt(points, 75)).toBeNull();
    const gappy = points.filter((p) => p.t < 10 || p.t > 30);
    expect(pointAt(gappy, 20)).toBeNull();
    expect(pointAt(gappy, 9.5)).not.toBeNull();
  });
});
