import { topLevelBoxes } from './bmff';
import { runTool, ToolError, tools } from './tools';

// Is the file whole? A copy interrupted half-way, a card pulled out while recording, a fuzzed box size:
// the structure tells, without decoding everything. Findings are signs for the officer.

export type Damage = 'truncated' | 'corrupt' | 'undecodable';

const ISO_BMFF = new Set(['mp4', 'mov', '3gp', 'heic', 'heif', 'avif', 'cr3']);

/** JPEG: markers chained from SOI to the first EOI (data after EOI is allowed: motion photos append video). */
function checkJpeg(b: Buffer): Damage | null {
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return 'corrupt';
    while (b[pos] === 0xff) pos += 1;
    if (pos >= b.length) return 'truncated';
    const marker = b[pos]!;
    pos += 1;
    if (marker === 0xd9) return null;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (pos + 2 > b.length) return 'truncated';
    const length = b.readUInt16BE(pos);
    if (length < 2) return 'corrupt';
    pos += length;
    if (pos > b.length) return 'truncated';
    if (marker === 0xda) {
      // Entropy-coded data: runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      for (;;) {
        pos = b.indexOf(0xff, pos);
        if (pos < 0 || pos + 1 >= b.length) return 'truncated';
        const next = b[pos + 1]!;
        if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) { pos += next === 0xff ? 1 : 2; continue; }
        break;
      }
    }
  }
  return 'truncated';
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

export async function checkPhotoStructure(buffer: Buffer, path: string, format: string): Promise<Damage | null> {
  if (format === 'jpeg') return checkJpeg(buffer);
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
