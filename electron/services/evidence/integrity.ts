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

/** No real JPEG has this much before its first scan (APP segments are at most 64 KB each): past it, the header is not believable. */
const MAX_JPEG_HEADER = 16 * 1024 * 1024;
const WINDOW = 4 * 1024 * 1024;

/**
 * JPEG: markers chained to the first scan (SOS), then an end-of-image marker. Inside entropy-coded data
 * 0xFF is always stuffed (FF00), so FFD9 after the scan can only be the real end; data after it is allowed
 * (motion photos append a video). Reads bounded windows only, whatever the file's size.
 */
async function checkJpeg(path: string, head: Buffer, size: number): Promise<Damage | null> {
  let walked = walkJpegHeader(head, head.length >= size);
  if (walked === 'short') {
    const longer = await readStart(path, Math.min(size, MAX_JPEG_HEADER));
    walked = walkJpegHeader(longer, longer.length >= size);
    if (walked === 'short') return 'corrupt';
  }
  if (typeof walked !== 'number') return walked;
  const tail = head.length >= size ? head.subarray(-2) : await readAt(path, size - 2, 2);
  if (tail.equals(EOI)) return null;
  return (await containsFrom(path, EOI, walked, size)) ? null : 'truncated';
}

/** Is `needle` in the file at or after `from`? Read window by window (windows overlap by the needle's length). */
async function containsFrom(path: string, needle: Buffer, from: number, size: number): Promise<boolean> {
  for (let position = from; position < size; position += WINDOW - needle.length) {
    const window = await readAt(path, position, Math.min(WINDOW, size - position));
    if (window.indexOf(needle) >= 0) return true;
    if (window.length < WINDOW) return false;
  }
  return false;
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

/** PNG: chunks chained to IEND, read header by header (a huge PNG is never read whole). */
async function checkPng(path: string, size: number): Promise<Damage | null> {
  let pos = 8;
  while (pos + 8 <= size) {
    const header = await readAt(path, pos, 8);
    if (header.length < 8) return 'truncated';
    const type = header.toString('latin1', 4, 8);
    pos += 12 + header.readUInt32BE(0);
    if (pos > size) return 'truncated';
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

/** `buffer` holds the start of the file. */
export async function checkPhotoStructure(buffer: Buffer, path: string, format: string, size: number): Promise<Damage | null> {
  if (format === 'jpeg') return checkJpeg(path, buffer, size);
  if (format === 'png') return checkPng(path, size);
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
    // A decoder that crashed (killed by a signal) says nothing about the file: the import reports the crash.
    if (err instanceof ToolError && err.signal === null) return 'undecodable';
    throw err;
  }
}
