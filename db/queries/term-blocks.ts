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

/** Blocks read per query: a search that finds its page in the newest blocks reads once; one finding nothing, a few times. */
const BLOCKS_AT_ONCE = 4;
/** Per number of words: their stored ids in the four newest blocks below `before` that hold every word. */
const idsQueries = Array.from({ length: MAX_TERMS }, (_, n) => preparedQuery(
  (db: Db, unitId: number, before: number, ...words: string[]) => db.selectFrom('term_blocks').select(['block', 'ids'])
    .where('unit_id', '=', unitId).where('term', 'in', words.slice(0, n + 1))
    .where('block', 'in', db.selectFrom('term_blocks').select('block')
      .where('unit_id', '=', unitId).where('term', 'in', words.slice(0, n + 1)).where('block', '<', before)
      .groupBy('block').having(sql<number>`count(*)`, '=', n + 1).orderBy('block', 'desc').limit(BLOCKS_AT_ONCE)),
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
  const found: number[] = [];
  for (let before = 2 ** 31 - 1; found.length < PAGE;) {
    const rows = await idsQueries[words.length - 1]!(db, unitId, before, ...words);
    if (rows.length === 0) break;
    const blocks = [...new Set(rows.map((r) => r.block))].sort((x, y) => y - x);
    for (const block of blocks) {
      if (found.length < PAGE) intersect(block, rows.filter((r) => r.block === block).map((r) => r.ids), found);
    }
    before = blocks.at(-1)!;
  }
  return found;
}
