import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

// ISO base media files (MP4, MOV, 3GP, HEIC…) as a list of top-level boxes, read from their headers only.

export interface Box { type: string; offset: number; size: number }
export interface BoxWalk { boxes: Box[]; fileSize: number; problem: 'truncated' | 'corrupt' | null }

export async function topLevelBoxes(path: string): Promise<BoxWalk> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const { size: fileSize } = await handle.stat();
    const header = Buffer.alloc(16);
    const boxes: Box[] = [];
    let pos = 0;
    while (pos < fileSize) {
      const { bytesRead } = await handle.read(header, 0, 16, pos);
      if (bytesRead < 8) return { boxes, fileSize, problem: 'truncated' };
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (size === 1) {
        if (bytesRead < 16) return { boxes, fileSize, problem: 'truncated' };
        size = Number(header.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - pos;
      }
      if (size < 8) return { boxes, fileSize, problem: 'corrupt' };
      if (pos + size > fileSize) return { boxes: [...boxes, { type, offset: pos, size: fileSize - pos }], fileSize, problem: 'truncated' };
      boxes.push({ type, offset: pos, size });
      pos += size;
    }
    return { boxes, fileSize, problem: null };
  } finally {
    await handle.close();
  }
}

/** The bytes of a box (at most `max`), e.g. moov with its udta metadata. */
export async function readBox(path: string, box: Box, max: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const buffer = Buffer.alloc(Math.min(box.size, max));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, box.offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
