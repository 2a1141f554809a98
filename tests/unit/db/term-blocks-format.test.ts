import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BITMAP_BYTES, BLOCK_WORDS, blockOf, decodeBlock, encodeBlock, listOf, setBit } from '../../../db/migrations/term-blocks-format';
import '../fuzz/fuzz-settings';

// The stored form of a word's reports in one block: any set of ids comes back as itself, in the smaller form.

const bitsOf = (ids: number[]) => {
  const words = new Uint32Array(BLOCK_WORDS);
  for (const id of ids) setBit(words, id);
  return words;
};
const idsOf = (words: Uint32Array) => [...words].flatMap((word, i) => Array.from({ length: 32 }, (_, b) => ((word >>> b) & 1 ? [i * 32 + b] : [])).flat());
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('term block format', () => {
  it('keeps any set of ids, as a list below 4,096 ids and a bitmap from there', () => {
    const sets = fc.oneof(
      fc.uniqueArray(fc.integer({ min: 0, max: 65_535 }), { maxLength: 300 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 65_535 }), { minLength: 4000, maxLength: 4200 }),
    );
    fc.assert(fc.property(sets, (ids) => {
      const stored = encodeBlock(bitsOf(ids));
      expect(stored.length).toBe(ids.length >= 4096 ? BITMAP_BYTES : ids.length * 2);
      expect(idsOf(decodeBlock(stored))).toEqual(sorted(ids));
      expect(listOf(stored) && [...listOf(stored)!]).toEqual(ids.length >= 4096 ? null : sorted(ids));
      // The stored bytes as the format says: list entries little-endian; bitmap bit b at byte b / 8, bit b % 8.
      if (ids.length < 4096) expect(sorted(ids).every((id, i) => stored.readUInt16LE(2 * i) === id)).toBe(true);
      else expect(ids.every((id) => (stored[id >> 3]! >> (id & 7)) & 1)).toBe(true);
    }), { numRuns: 60 });
  });

  it('the edges: no id, id 0, id 65,535, exactly 4,095 and 4,096 ids', () => {
    for (const ids of [[], [0], [65_535], Array.from({ length: 4095 }, (_, i) => i * 16), Array.from({ length: 4096 }, (_, i) => i * 16)]) {
      expect(idsOf(decodeBlock(encodeBlock(bitsOf(ids))))).toEqual(ids);
    }
    expect(blockOf(65_535)).toEqual({ block: 0, bit: 65_535 });
    expect(blockOf(65_536)).toEqual({ block: 1, bit: 0 });
  });

  it('refuses bytes that are no stored block', () => {
    expect(() => decodeBlock(new Uint8Array(3))).toThrow(/not a stored block/);
    expect(() => decodeBlock(new Uint8Array(BITMAP_BYTES + 2))).toThrow(/not a stored block/);
  });
});
