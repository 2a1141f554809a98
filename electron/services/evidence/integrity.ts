import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { topLevelBoxes } from './bmff';
import { runTool, ToolError, tools } from './tools';

// Is the file whole? A copy interrupted half-way, a card pulled out while recording, a fuzzed box size:
// the structure tells, without decoding everything. Findings are signs for the officer.

export type Damage = 'truncated' | 'corrupt' | 'undecodable';

const ISO_BMFF = new Set(['mp4', 'mov', '3gp', 'heic', 'heif', 'avif', 'cr3']);

const EOI = Buffer.from([0xff, 0xd9]);

/**
 * JPEG markers from SOI to the first scan (SOS). Returns where the scan data starts, a damage, or 'short'
 * when `b` (the head of a longer file) ends first.
 */
function walkJpegHeader(b: Buffer, whole: boolean): number | Damage | 'short' {
  const ran = whole ? 'truncated' : 'short';
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return 'corrupt';
    while (b[pos] === 0xff) pos += 1;
    if (pos >= b.length) return ran;
    const marker = b[pos]!;
    pos += 1;
    if (marker === 0xd9) return 'corrupt';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (pos + 2 > b.length) return ran;
    const length = b.readUInt16BE(pos);
    if (length < 2) return 'corrupt';
    pos += length;
    if (pos > b.length) return ran;
    if (marker === 0xda) return pos;
  }
  return ran;
}

/**
 * JPEG: markers chained to the first scan, then an end-of-image marker. Inside entropy-coded data 0xFF is
 * always stuffed (FF00), so FFD9 after the scan can only be the real end; data after it is allowed
 * (motion photos append a video). Reads the head, and the whole file only when the tail is not FFD9.
 */
async function checkJpeg(path: string, head: Buffer, size: number): Promise<Damage | null> {
  const walked = walkJpegHeader(head, head.length >= size);
  if (walked === 'short') return checkJpeg(path, await readStart(path, size), size);
  if (typeof walked !== 'number') return walked;
  const tail = head.length >= size ? head.subarray(-2) : await readAt(path, size - 2, 2);
  if (tail.equals(EOI)) return null;
  const whole = head.length >= size ? head : await readStart(path, size);
  return whole.indexOf(EOI, walked) < 0 ? 'truncated' : null;
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The first `length` bytes of a file (all of it when it is shorter). */
export function readStart(path: string, length: number): Promise<Buffer> {
  return readAt(path, 0, length);
}

/** PNG: chunks chained to IEND. */
function checkPng(b: Buffer): Damage | null {
  let pos = 8;
  while (pos + 8 <= b.length) {
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    pos += 12 + length;
    if (pos > b.length) return 'truncated';
    if (type === 'IEND') return null;
  }
  return 'truncated';
}

/** ISO base media (MP4, MOV, HEIC…): top-level boxes must tile the file exactly, and hold the media description. */
async function checkIsoBmff(path: string, format: string): Promise<Damage | null> {
  const walk = await topLevelBoxes(path);
  if (walk.problem) return walk.problem;
  const needed = format === 'mov' || format === 'mp4' || format === '3gp' ? 'moov' : 'meta';
  return walk.boxes.some((b) => b.type === needed) ? null : 'truncated';
}

/** `buffer` holds the start of the file (all of it for formats other than JPEG). */
export async function checkPhotoStructure(buffer: Buffer, path: string, format: string, size: number): Promise<Damage | null> {
  if (format === 'jpeg') return checkJpeg(path, buffer, size);
  if (format === 'png') return checkPng(buffer);
  if (ISO_BMFF.has(format)) return checkIsoBmff(path, format);
  return null;
}

const DECODE_TIMEOUT_MS = 15_000;

/** Video: the container must tile the file, and the first frame must decode. */
export async function checkVideo(path: string, format: string): Promise<Damage | null> {
  if (ISO_BMFF.has(format)) {
    const damage = await checkIsoBmff(path, format);
    if (damage) return damage;
  }
  try {
    await runTool(tools.ffmpeg, ['-v', 'error', '-nostdin', '-i', path, '-map', '0:v:0?', '-frames:v', '1', '-f', 'null', '-'], DECODE_TIMEOUT_MS, 1024 * 1024);
    return null;
  } catch (err) {
    if (err instanceof ToolError) return 'undecodable';
    throw err;
  }
}
