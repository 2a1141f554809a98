// How the search words' reports are stored (migration 0017, db/queries/term-blocks.ts): per unit, word and block of
// 65,536 report ids, the ids of that block holding the word. A word few reports hold keeps its ids as sorted 16-bit
// offsets (2 bytes each, little-endian); from 4,096 ids on, a bitmap of 65,536 bits (8,192 bytes: bit b is bit b % 8
// of byte b / 8) is smaller, and that is kept instead. The length tells which: a bitmap is exactly 8,192 bytes, a list
// at most 8,190. Part of the schema: a stored format never changes; a new one would be a new migration.
// In memory a block is 2,048 32-bit words (bit b is bit b % 32 of word b / 32): intersected a word at a time.
// Each row also keeps how many ids its block holds: a block only ever gains ids, so the count tells a desk whether
// the copy of the block it holds from an earlier search is still the block as stored.

export const BLOCK_BITS = 16;
const BLOCK_IDS = 1 << BLOCK_BITS;
export const BITMAP_BYTES = BLOCK_IDS / 8;
export const BLOCK_WORDS = BLOCK_IDS / 32;
const LIST_MAX = BITMAP_BYTES / 2 - 1;

/** The block a report id falls in, and its bit there. */
export function blockOf(id: number): { block: number; bit: number } {
  return { block: Math.floor(id / BLOCK_IDS), bit: id % BLOCK_IDS };
}

export function setBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5] = (words[bit >>> 5]! | (1 << (bit & 31))) >>> 0;
}

function view(stored: Uint8Array): DataView {
  if (stored.length !== BITMAP_BYTES && (stored.length % 2 !== 0 || stored.length > LIST_MAX * 2)) {
    throw new Error(`term block of ${stored.length} bytes: not a stored block`);
  }
  return new DataView(stored.buffer, stored.byteOffset, stored.length);
}

/** A stored block's ids as a sorted list, when it is kept as one (null: it is a bitmap). */
export function listOf(stored: Uint8Array): Uint16Array | null {
  const v = view(stored);
  if (stored.length === BITMAP_BYTES) return null;
  const list = new Uint16Array(stored.length / 2);
  for (let i = 0; i < list.length; i++) list[i] = v.getUint16(2 * i, true);
  return list;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** A stored block as its 2,048 words (a stored bitmap is read in place where the machine allows: it may be changed). */
export function decodeBlock(stored: Uint8Array): Uint32Array {
  const v = view(stored);
  if (stored.length === BITMAP_BYTES && LITTLE_ENDIAN && stored.byteOffset % 4 === 0) return new Uint32Array(stored.buffer, stored.byteOffset, BLOCK_WORDS);
  const words = new Uint32Array(BLOCK_WORDS);
  if (stored.length === BITMAP_BYTES) {
    for (let w = 0; w < BLOCK_WORDS; w++) words[w] = v.getUint32(4 * w, true);
  } else {
    for (let i = 0; i < stored.length; i += 2) setBit(words, v.getUint16(i, true));
  }
  return words;
}

/** How many ids a block's words hold. */
export function countBits(words: Uint32Array): number {
  let count = 0;
  for (const w of words) count += popcount(w);
  return count;
}

/** A block's words in their stored form (the smaller of the two). */
export function encodeBlock(words: Uint32Array): Buffer {
  const count = countBits(words);
  if (count > LIST_MAX) {
    const out = Buffer.alloc(BITMAP_BYTES);
    for (let w = 0; w < BLOCK_WORDS; w++) out.writeUInt32LE(words[w]!, 4 * w);
    return out;
  }
  const out = Buffer.alloc(count * 2);
  let at = 0;
  for (let w = 0; w < BLOCK_WORDS; w++) {
    for (let rest = words[w]!; rest !== 0; rest &= rest - 1) {
      out.writeUInt16LE(w * 32 + 31 - Math.clz32(rest & -rest), at);
      at += 2;
    }
  }
  return out;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
