import { appendFileSync } from 'node:fs';

// GPS tracks made on the spot, written the way each camera writes them: an NMEA log, 70mai's 'GPS ' box,
// DuDuBell's 'gps0', Novatek's 'gps ' index of 'freeGPS ' blocks. The test knows the track it wrote;
// the reader must give it back.

export interface Fix { t: number; lat: number; lng: number; speedKmh: number; utc: Date }

const EARTH_M = 6_371_008.8;

/**
 * A drive of `seconds` points one second apart from (lat, lng) heading `bearing` degrees, at the speed
 * each second gives (km/h); each point is placed where that speed takes the vehicle, so positions and
 * speeds agree as a receiver's would.
 */
export function drive(start: { lat: number; lng: number; utc: Date }, seconds: number, speedAt: (t: number) => number, bearing = 40): Fix[] {
  const fixes: Fix[] = [];
  let { lat, lng } = start;
  const rad = Math.PI / 180;
  for (let t = 0; t < seconds; t++) {
    const speedKmh = speedAt(t);
    fixes.push({ t, lat, lng, speedKmh, utc: new Date(start.utc.getTime() + t * 1000) });
    // Over the second to the next point, at the mean of the two speeds (steady acceleration).
    const metres = (speedKmh + speedAt(t + 1)) / 2 / 3.6;
    lat += ((metres * Math.cos(bearing * rad)) / EARTH_M) / rad;
    lng += ((metres * Math.sin(bearing * rad)) / (EARTH_M * Math.cos(lat * rad))) / rad;
  }
  return fixes;
}

function degreesMinutes(value: number, degreeDigits: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = (abs - degrees) * 60;
  return `${String(degrees).padStart(degreeDigits, '0')}${minutes.toFixed(5).padStart(8, '0')}`;
}

function withChecksum(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return `$${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** RMC and GGA sentences for each fix, as a dashcam's .NMEA log (CRLF). */
export function nmeaLog(fixes: Fix[], options: { gga?: boolean; rmc?: boolean } = {}): string {
  const lines: string[] = [];
  for (const f of fixes) {
    const hms = f.utc.toISOString().slice(11, 19).replace(/:/g, '') + '.00';
    const dmy = `${f.utc.toISOString().slice(8, 10)}${f.utc.toISOString().slice(5, 7)}${f.utc.toISOString().slice(2, 4)}`;
    const lat = `${degreesMinutes(f.lat, 2)},${f.lat < 0 ? 'S' : 'N'}`;
    const lng = `${degreesMinutes(f.lng, 3)},${f.lng < 0 ? 'W' : 'E'}`;
    if (options.rmc !== false) lines.push(withChecksum(`GPRMC,${hms},A,${lat},${lng},${(f.speedKmh / 1.852).toFixed(3)},40.0,${dmy},,,A`));
    if (options.gga !== false) lines.push(withChecksum(`GPGGA,${hms},${lat},${lng},1,08,0.9,12.0,M,0.0,M,,`));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function box(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

function dm(value: number): number {
  const abs = Math.abs(value);
  return Math.floor(abs) * 100 + (abs - Math.floor(abs)) * 60;
}

/** 70mai's 'GPS ' box: 36-byte records (see gps-track.ts). `invalid` seconds are written without a fix. */
export function box70mai(fixes: Fix[], invalid: Set<number> = new Set()): Buffer {
  const body = Buffer.alloc(fixes.length * 36);
  fixes.forEach((f, i) => {
    const at = i * 36;
    body.writeUInt32LE(i + 1, at);
    body.writeUInt32LE(invalid.has(f.t) ? 0 : 1, at + 4);
    body.writeUInt32LE(f.t, at + 8);
    body.writeUInt32LE(Math.round(f.speedKmh * 1000), at + 12);
    body.write(f.lat < 0 ? 'S' : 'N', at + 16, 'latin1');
    body.writeInt32LE(Math.round(dm(f.lat) * 1000), at + 17);
    body.write(f.lng < 0 ? 'W' : 'E', at + 21, 'latin1');
    body.writeInt32LE(Math.round(dm(f.lng) * 1000), at + 22);
  });
  return box('GPS ', body);
}

/** DuDuBell's 'gps0' records (32 bytes, UTC date and time, km/h). */
export function gps0Body(fixes: Fix[]): Buffer {
  const body = Buffer.alloc(fixes.length * 32);
  fixes.forEach((f, i) => {
    const at = i * 32;
    body.writeDoubleLE(dm(f.lat) * Math.sign(f.lat), at);
    body.writeDoubleLE(dm(f.lng) * Math.sign(f.lng), at + 8);
    body.writeInt32LE(12, at + 16);
    body.writeUInt16LE(Math.round(f.speedKmh), at + 20);
    const d = f.utc;
    Buffer.from([d.getUTCFullYear() - 2000, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]).copy(body, at + 22);
  });
  return body;
}

/** One Novatek 'freeGPS ' block (the binary layout ExifTool documents for Viofo A119S). */
export function freeGpsBlock(f: Fix): Buffer {
  const block = Buffer.alloc(0x400);
  block.writeUInt32BE(block.length, 0);
  block.write('freeGPS ', 4, 'latin1');
  const d = f.utc;
  [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCFullYear() - 2000, d.getUTCMonth() + 1, d.getUTCDate()]
    .forEach((v, k) => block.writeUInt32LE(v, 48 + 4 * k));
  block.write(`A${f.lat < 0 ? 'S' : 'N'}${f.lng < 0 ? 'W' : 'E'}`, 72, 'latin1');
  block.writeFloatLE(dm(f.lat), 76);
  block.writeFloatLE(dm(f.lng), 80);
  block.writeFloatLE(f.speedKmh / 1.852, 84);
  return block;
}

/** Boxes added at the end of a file (a camera's own top-level boxes after moov; players skip them). */
export function appendTopLevel(path: string, ...boxes: Buffer[]): void {
  appendFileSync(path, Buffer.concat(boxes));
}

/** A Novatek-like file: ftyp, the 'freeGPS ' blocks in 'free' boxes, and a moov whose 'gps ' box lists them. */
export function novatekFile(fixes: Fix[]): Buffer {
  const ftyp = box('ftyp', Buffer.from('mp42\0\0\0\0mp42isom', 'latin1'));
  const blocks = fixes.map(freeGpsBlock);
  let offset = ftyp.length;
  const index = Buffer.alloc(8 + blocks.length * 8);
  blocks.forEach((b, i) => {
    index.writeUInt32BE(offset, 8 + i * 8);
    index.writeUInt32BE(b.length, 12 + i * 8);
    offset += b.length;
  });
  return Buffer.concat([ftyp, ...blocks, box('moov', box('gps ', index))]);
}
