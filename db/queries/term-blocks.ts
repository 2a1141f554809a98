import { sql } from 'kysely';
import type { Db } from '../connection';
import { BLOCK_BITS, BLOCK_WORDS, blockOf, decodeBlock, encodeBlock, listOf, setBit } from '../migrations/term-blocks-format';
import { preparedQuery } from '../prepared';
import { lockCounts } from './facts';

// The search words' index (format: migrations/term-blocks-format.ts): per unit and word, its reports in blocks of
// 65,536 ids. Words are intersected one block at a time, newest block first, until a page is full: a word no report
// holds ends the search at once, and two frequent words that never meet cost a few bitmaps each, not a walk of
// every report holding the first.

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
    return { unit_id: unitId, term, block, ids: encodeBlock(bits) };
  });
  await trx.insertInto('term_blocks').values(rows)
    .onConflict((oc) => oc.columns(['unit_id', 'term', 'block']).doUpdateSet({ ids: (eb) => eb.ref('excluded.ids') }))
    .execute();
}

/** Per number of words: the blocks holding every one of them, newest first. */
const blocksQueries = Array.from({ length: MAX_TERMS }, (_, n) => preparedQuery(
  (db: Db, unitId: number, ...words: string[]) => db.selectFrom('term_blocks').select('block')
    .where('unit_id', '=', unitId).where('term', 'in', words.slice(0, n + 1))
    .groupBy('block').having(sql<number>`count(*)`, '=', n + 1).orderBy('block', 'desc'),
));
/** Blocks read per query: a search that finds its page at once reads one query; one finding nothing, a few. */
const BLOCKS_AT_ONCE = 4;
/** Per number of words: their stored ids in up to four blocks (the list padded with its last block). */
const idsQueries = Array.from({ length: MAX_TERMS }, (_, n) => preparedQuery(
  (db: Db, unitId: number, ...args: (number | string)[]) => db.selectFrom('term_blocks').select(['block', 'ids'])
    .where('unit_id', '=', unitId).where('block', 'in', args.slice(0, BLOCKS_AT_ONCE) as number[])
    .where('term', 'in', args.slice(BLOCKS_AT_ONCE, BLOCKS_AT_ONCE + n + 1) as string[]),
));

/** The ids in one block every word holds, newest first, until `found` holds a page. */
function intersect(block: number, stored: Buffer[], found: number[]): void {
  const base = block * (1 << BLOCK_BITS);
  // The rarest word drives: its list is walked and each id looked up in the others' bitmaps.
  const lists = stored.map((s) => ({ s, list: listOf(s) })).sort((a, b) => (a.list?.length ?? Infinity) - (b.list?.length ?? Infinity));
  const [driver, ...rest] = lists;
  const others = rest.map((o) => decodeBlock(o.s));
  if (driver!.list) {
    for (let i = driver!.list.length - 1; i >= 0 && found.length < PAGE; i--) {
      const bit = driver!.list[i]!;
      if (others.every((w) => (w[bit >>> 5]! >>> (bit & 31)) & 1)) found.push(base + bit);
    }
    return;
  }
  // Every word a bitmap: a word of 32 ids at a time.
  const first = decodeBlock(driver!.s);
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

/** Newest reports holding every folded word (the first MAX_TERMS words). */
export async function idsByTerms(db: Db, unitId: number, terms: string[]): Promise<number[]> {
  const words = [...new Set(terms)].slice(0, MAX_TERMS);
  if (words.length === 0) return [];
  const blocks = (await blocksQueries[words.length - 1]!(db, unitId, ...words)).map((r) => r.block);
  const found: number[] = [];
  for (let at = 0; at < blocks.length && found.length < PAGE; at += BLOCKS_AT_ONCE) {
    const some = blocks.slice(at, at + BLOCKS_AT_ONCE);
    const padded = [...some, ...Array<number>(BLOCKS_AT_ONCE - some.length).fill(some.at(-1)!)];
    const rows = await idsQueries[words.length - 1]!(db, unitId, ...padded, ...words);
    for (const block of some) {
      if (found.length < PAGE) intersect(block, rows.filter((r) => r.block === block).map((r) => r.ids), found);
    }
  }
  return found;
}
