import type { Db } from '../connection';
import { BLOCK_BITS, BLOCK_WORDS, blockOf, countBits, decodeBlock, encodeBlock, listOf, setBit } from '../migrations/term-blocks-format';
import { inChunks, preparedQuery } from '../prepared';
import { lockCounts } from './facts';

// The search words' index (format: migrations/term-blocks-format.ts): per unit and word, its reports in blocks of
// 65,536 ids. A search reads which blocks its words have and how many ids each holds (a few small rows), takes every
// block it read before and that has not grown since from this process's memory, reads the others, and intersects
// them newest block first until a page is full. A word no report holds ends the search at once; two frequent words
// that never meet cost a few bitmaps each from memory, not a walk of every report holding the first.

/** Reports found per search (the list shows this many). */
export const PAGE = 50;
/** Words used from one search (the rest are ignored, as the search box says). */
export const MAX_TERMS = 8;

/** Adds a new report's words, in the transaction that saves it. */
export async function addTerms(trx: Db, unitId: number, reportId: number, terms: string[]): Promise<void> {
  const words = [...new Set(terms)];
  if (words.length === 0) return;
  // Two desks adding to one word's block on PostgreSQL would each rewrite it without the other's id: they take turns.
  await lockCounts(trx);
  const { block, bit } = blockOf(reportId);
  const held = await trx.selectFrom('term_blocks').select(['term', 'ids'])
    .where('unit_id', '=', unitId).where('block', '=', block).where('term', 'in', words).execute();
  const stored = new Map(held.map((r) => [r.term, r.ids]));
  const rows = words.map((term) => {
    const was = stored.get(term);
    const bits = was ? decodeBlock(was) : new Uint32Array(BLOCK_WORDS);
    setBit(bits, bit);
    return { unit_id: unitId, term, block, n: countBits(bits), ids: encodeBlock(bits) };
  });
  await trx.insertInto('term_blocks').values(rows)
    .onConflict((oc) => oc.columns(['unit_id', 'term', 'block']).doUpdateSet((eb) => ({ n: eb.ref('excluded.n'), ids: eb.ref('excluded.ids') })))
    .execute();
}

/** A block as read: the sorted list of a rare word, or the bitmap. */
type Held = { n: number; list: Uint16Array | null; bits: Uint32Array | null };

/**
 * Blocks read by earlier searches, per database, with their counts: at most CACHE_BYTES, the least recently used
 * going first. A copy is used only while the stored count is the same (a block only ever gains ids).
 */
const CACHE_BYTES = 32 * 1024 * 1024;
const caches = new WeakMap<Db, { bytes: number; blocks: Map<string, Held> }>();
const sizeOf = (h: Held) => (h.list?.byteLength ?? 0) + (h.bits?.byteLength ?? 0) + 64;

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { bytes: 0, blocks: new Map() }));
  return cache;
}

function keep(db: Db, key: string, held: Held): void {
  const cache = cacheOf(db);
  const old = cache.blocks.get(key);
  if (old) { cache.bytes -= sizeOf(old); cache.blocks.delete(key); }
  cache.blocks.set(key, held);
  cache.bytes += sizeOf(held);
  for (const [k, h] of cache.blocks) {
    if (cache.bytes <= CACHE_BYTES) break;
    cache.blocks.delete(k);
    cache.bytes -= sizeOf(h);
  }
}

/** Per number of words: which blocks each word has, and how many ids each holds. */
const countsQueries = Array.from({ length: MAX_TERMS }, (_, n) => preparedQuery(
  (db: Db, unitId: number, ...words: string[]) => db.selectFrom('term_blocks').select(['term', 'block', 'n'])
    .where('unit_id', '=', unitId).where('term', 'in', words.slice(0, n + 1)),
));

/** The ids in one block every word holds, newest first, until `found` holds a page. */
function intersect(block: number, held: Held[], found: number[]): void {
  const base = block * (1 << BLOCK_BITS);
  // The rarest word drives: its list is walked and each id looked up in the others' bitmaps.
  const [driver, ...rest] = [...held].sort((a, b) => a.n - b.n);
  const others = rest.map(bitsOf);
  if (driver!.list) {
    for (let i = driver!.list.length - 1; i >= 0 && found.length < PAGE; i--) {
      const bit = driver!.list[i]!;
      if (others.every((w) => (w[bit >>> 5]! >>> (bit & 31)) & 1)) found.push(base + bit);
    }
    return;
  }
  // Every word a bitmap: a word of 32 ids at a time.
  const first = driver!.bits!;
  for (let w = first.length - 1; w >= 0 && found.length < PAGE; w--) {
    let value = first[w]!;
    for (const o of others) value &= o[w]!;
    while (value !== 0 && found.length < PAGE) {
      const bit = 31 - Math.clz32(value);
      found.push(base + w * 32 + bit);
      value &= ~(1 << bit);
    }
  }
}

/** A held block as a bitmap (a list is turned into one when another word's list drives). */
function bitsOf(h: Held): Uint32Array {
  if (h.bits) return h.bits;
  const words = new Uint32Array(BLOCK_WORDS);
  for (const bit of h.list!) setBit(words, bit);
  return words;
}

/** Newest reports holding every folded word (the first MAX_TERMS words). */
export async function idsByTerms(db: Db, unitId: number, terms: string[]): Promise<number[]> {
  const words = [...new Set(terms)].slice(0, MAX_TERMS);
  if (words.length === 0) return [];
  const counts = await countsQueries[words.length - 1]!(db, unitId, ...words);
  const perBlock = new Map<number, { term: string; n: number }[]>();
  for (const r of counts) perBlock.set(r.block, [...(perBlock.get(r.block) ?? []), { term: r.term, n: Number(r.n) }]);
  const blocks = [...perBlock].filter(([, ws]) => ws.length === words.length).map(([b]) => b).sort((a, b) => b - a);
  const cache = cacheOf(db);
  const found: number[] = [];
  // Blocks intersected per round: a search that fills its page in the newest blocks reads no more.
  const BATCH = 4;
  for (let at = 0; at < blocks.length && found.length < PAGE; at += BATCH) {
    const some = blocks.slice(at, at + BATCH);
    const held = new Map<string, Held>();
    const wanted: { term: string; block: number }[] = [];
    for (const block of some) {
      for (const w of perBlock.get(block)!) {
        const key = `${unitId} ${w.term} ${block}`;
        const h = cache.blocks.get(key);
        if (h?.n === w.n) {
          held.set(key, h);
          // Most recently used: to the end of the cache's order.
          cache.blocks.delete(key);
          cache.blocks.set(key, h);
        } else {
          wanted.push({ term: w.term, block });
        }
      }
    }
    // The blocks not held, or held at another count: read now.
    for (const part of inChunks(wanted)) {
      const rows = await db.selectFrom('term_blocks').select(['term', 'block', 'n', 'ids']).where('unit_id', '=', unitId)
        .where((eb) => eb.or(part.map((w) => eb.and([eb('term', '=', w.term), eb('block', '=', w.block)])))).execute();
      for (const r of rows) {
        const list = listOf(r.ids);
        const h: Held = { n: Number(r.n), list, bits: list ? null : decodeBlock(r.ids) };
        held.set(`${unitId} ${r.term} ${r.block}`, h);
        keep(db, `${unitId} ${r.term} ${r.block}`, h);
      }
    }
    for (const block of some) {
      if (found.length < PAGE) intersect(block, perBlock.get(block)!.map((w) => held.get(`${unitId} ${w.term} ${block}`)!), found);
    }
  }
  return found;
}
