// How the search words' reports are stored (migration 0017, db/queries/term-blocks.ts): per unit, word and block of
// 65,536 report ids, the ids of that block holding the word. A word few reports hold keeps its ids as sorted 16-bit
// offsets (2 bytes each, little-endian); from 4,096 ids on, a bitmap of 65,536 bits (8,192 bytes) is smaller, and
// that is kept instead. The length tells which: a bitmap is exactly 8,192 bytes, a list at most 8,190.
// Part of the schema: a stored format never changes; a new one would be a new migration.

export const BLOCK_BITS = 16;
const BLOCK_IDS = 1 << BLOCK_BITS;
export const BITMAP_BYTES = BLOCK_IDS / 8;
const LIST_MAX = BITMAP_BYTES / 2 - 1;

/** The block a report id falls in, and its bit there. */
export function blockOf(id: number): { block: number; bit: number } {
  return { block: Math.floor(id / BLOCK_IDS), bit: id % BLOCK_IDS };
}

/** A stored block as its bitmap (bit b is byte b >> 3, bit b & 7). */
export function decodeBlock(stored: Uint8Array): Uint8Array {
  if (stored.length === BITMAP_BYTES) return Uint8Array.from(stored);
  if (stored.length % 2 !== 0 || stored.length > LIST_MAX * 2) throw new Error(`term block of ${stored.length} bytes: not a stored block`);
  const bits = new Uint8Array(BITMAP_BYTES);
  const view = new DataView(stored.buffer, stored.byteOffset, stored.length);
  for (let i = 0; i < stored.length; i += 2) {
    const bit = view.getUint16(i, true);
    bits[bit >> 3]! |= 1 << (bit & 7);
  }
  return bits;
}

/** A block's bitmap in its stored form (the smaller of the two). */
export function encodeBlock(bits: Uint8Array): Buffer {
  let count = 0;
  for (const byte of bits) count += POPCOUNT[byte]!;
  if (count > LIST_MAX) return Buffer.from(bits);
  const out = Buffer.alloc(count * 2);
  let at = 0;
  for (let byte = 0; byte < BITMAP_BYTES; byte++) {
    const value = bits[byte]!;
    if (value === 0) continue;
    for (let b = 0; b < 8; b++) {
      if (value & (1 << b)) { out.writeUInt16LE(byte * 8 + b, at); at += 2; }
    }
  }
  return out;
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, v) => {
  let n = 0;
  for (let x = v; x; x &= x - 1) n++;
  return n;
});
