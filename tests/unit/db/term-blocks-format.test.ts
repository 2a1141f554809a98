import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BITMAP_BYTES, blockOf, decodeBlock, encodeBlock } from '../../../db/migrations/term-blocks-format';
import '../fuzz/fuzz-settings';

// The stored form of a word's reports in one block: any set of ids comes back as itself, in the smaller form.

const bitsOf = (ids: number[]) => {
  const bits = new Uint8Array(BITMAP_BYTES);
  for (const id of ids) bits[id >> 3]! |= 1 << (id & 7);
  return bits;
};
const idsOf = (bits: Uint8Array) => [...bits].flatMap((byte, i) => Array.from({ length: 8 }, (_, b) => (byte & (1 << b) ? [i * 8 + b] : [])).flat());

describe('term block format', () => {
  it('keeps any set of ids, as a list below 4,096 ids and a bitmap from there', () => {
    const sets = fc.oneof(
      fc.uniqueArray(fc.integer({ min: 0, max: 65_535 }), { maxLength: 300 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 65_535 }), { minLength: 4000, maxLength: 4200 }),
    );
    fc.assert(fc.property(sets, (ids) => {
      const stored = encodeBlock(bitsOf(ids));
      expect(stored.length).toBe(ids.length >= 4096 ? BITMAP_BYTES : ids.length * 2);
      expect(idsOf(decodeBlock(stored))).toEqual([...ids].sort((a, b) => a - b));
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
