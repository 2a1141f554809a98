import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../electron/contract/domain/track';
import { gpmfPoints, parse70mai, parseGps0, parseNmea, trackInVideo } from '../../electron/services/evidence/gps-track';
import { box, box70mai, drive, freeGpsBlock, gps0Body, nmeaLog } from '../support/gps';
import { seededRandom } from '../support/random';
import { hostileFigures } from './figures';

// A dashcam file built to hurt the GPS reader: an index that points every entry at one block, boxes that
// claim more than the file holds, random bytes in every layout, NMEA with impossible values. The reader
// answers fast, never throws on the bytes, and every point it gives is a real place, time and speed.

const figures = Object.assign(hostileFigures('hostile GPS boxes'), { filesTried: 0, badPointsGiven: 0 });
const dir = mkdtempSync(join(tmpdir(), 'station-gps-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ftyp = box('ftyp', Buffer.from('mp42\0\0\0\0mp42isom', 'latin1'));
const FIXES = drive({ lat: 14.3497, lng: 108.0005, utc: new Date('2026-11-20T01:15:00Z') }, 20, () => 50);

function sane(points: TrackPoint[]): void {
  for (const p of points) {
    const ok = Number.isFinite(p.t) && p.t >= 0 && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180
      && (p.speedKmh === null || (p.speedKmh >= 0 && p.speedKmh < 1000)) && (p.gpsTime === null || Number.isFinite(Date.parse(p.gpsTime)));
    if (!ok) figures.badPointsGiven += 1;
  }
  expect(figures.badPointsGiven).toBe(0);
}

async function readWithin(name: string, bytes: Buffer, ms: number) {
  figures.filesTried += 1;
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const started = Date.now();
  const track = await trackInVideo(path, 'mp4');
  const took = Date.now() - started;
  if (took > ms) figures.hangs += 1;
  expect(took).toBeLessThan(ms);
  if (track) sane(track.points);
  return track;
}

describe('hostile GPS in a video file', () => {
  it("a Novatek index of 86,400+ entries all pointing at one block: one day's points at most, read fast", async () => {
    const block = freeGpsBlock(FIXES[0]!);
    const entries = 200_000;
    const index = Buffer.alloc(8 + entries * 8);
    for (let i = 0; i < entries; i++) {
      index.writeUInt32BE(ftyp.length, 8 + i * 8);
      index.writeUInt32BE(block.length, 12 + i * 8);
    }
    const track = await readWithin('novatek-bomb.mp4', Buffer.concat([ftyp, block, box('moov', box('gps ', index))]), 15_000);
    expect(track!.points.length).toBeLessThanOrEqual(86_400);
  });

  it("a 'GPS ' box that claims more than the file holds: the records that are there", async () => {
    const whole = box70mai(FIXES);
    whole.writeUInt32BE(0x7fff_ffff, 0);
    const track = await readWithin('truncated.mp4', Buffer.concat([ftyp, whole.subarray(0, 8 + 36 * 10 + 20)]), 5_000);
    expect(track!.points).toHaveLength(10);
  });

  it('random bytes in every layout: no throw, no impossible point', async () => {
    const rng = seededRandom(14);
    const noise = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rng() * 256)));
    for (let round = 0; round < 40; round++) {
      const n = 36 * (1 + Math.floor(rng() * 200));
      sane(parse70mai(noise(n)));
      sane(parseGps0(noise(n)));
      // Noise with the right markers, so the values (not the markers) are what is random.
      const marked = noise(36 * 50);
      for (let at = 0; at + 36 <= marked.length; at += 36) {
        marked.writeUInt32LE(1, at + 4);
        marked.write(rng() < 0.5 ? 'N' : 'S', at + 16, 'latin1');
        marked.write(rng() < 0.5 ? 'E' : 'W', at + 21, 'latin1');
      }
      sane(parse70mai(marked));
      await readWithin(`noise-${round}.mp4`, Buffer.concat([ftyp, box('GPS ', noise(n)), box('moov', Buffer.concat([box('gps ', noise(8 + 8 * 40)), box('udta', box('gps0', noise(n)))]))]), 5_000);
    }
  });

  it('NMEA with impossible times, places and dates gives no point from them', () => {
    const good = nmeaLog(FIXES.slice(0, 3), { gga: false }).trim().split('\r\n');
    const bad = [
      '$GPRMC,996199.00,A,1420.98200,N,10800.03000,E,27.0,40.0,201126,,,A',
      '$GPRMC,011510.00,A,9920.98200,N,10800.03000,E,27.0,40.0,201126,,,A',
      '$GPRMC,011511.00,A,1420.98200,N,19900.03000,E,27.0,40.0,201126,,,A',
      '$GPRMC,011512.00,A,1420.98200,N,10800.03000,E,99999,40.0,201126,,,A',
      '$GPRMC,011513.00,A,1420.98200,N,10800.03000,E,27.0,40.0,321326,,,A',
      `$GPRMC,${'9'.repeat(5000)}`,
    ];
    const points = parseNmea([...good, ...bad].join('\n'));
    sane(points);
    // Kept: the three good seconds, the absurd speed's place (its speed from the positions), the absurd date's place (no clock).
    expect(points.map((p) => p.t)).toEqual([0, 1, 2, 12, 13]);
    expect(points[3]!.speedKmh).toBeLessThan(1000);
    expect(points[4]!.gpsTime).toBeNull();
  });

  it('GPMF that is not GPMF: no track, no hang', async () => {
    const rng = seededRandom(15);
    for (let round = 0; round < 10; round++) {
      figures.filesTried += 1;
      const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rng() * 256)));
      const started = Date.now();
      const points = await gpmfPoints(bytes, [{ cts: 0, duration: 1001 }]).catch(() => []);
      expect(Date.now() - started).toBeLessThan(5_000);
      sane(points);
    }
  });

  it("'gps0' with absurd dates keeps the place and drops the date", () => {
    const body = gps0Body(FIXES.slice(0, 2));
    body[22 + 1] = 13;
    body[32 + 22 + 3] = 25;
    const points = parseGps0(body);
    expect(points.map((p) => p.gpsTime)).toEqual([null, null]);
    expect(points).toHaveLength(2);
  });
});
