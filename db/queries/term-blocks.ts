import { sql } from 'kysely';
import type { Db } from '../connection';
import { BLOCK_BITS, blockOf, decodeBlock, encodeBlock } from '../migrations/term-blocks-format';
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
    const bits = was ? decodeBlock(was) : new Uint8Array(1 << (BLOCK_BITS - 3));
    bits[bit >> 3]! |= 1 << (bit & 7);
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
/** Per number of words: their stored ids in one block. */
const idsQueries = Array.from({ length: MAX_TERMS }, (_, n) => preparedQuery(
  (db: Db, unitId: number, block: number, ...words: string[]) => db.selectFrom('term_blocks').select('ids')
    .where('unit_id', '=', unitId).where('block', '=', block).where('term', 'in', words.slice(0, n + 1)),
));

/** Newest reports holding every folded word (the first MAX_TERMS words). */
export async function idsByTerms(db: Db, unitId: number, terms: string[]): Promise<number[]> {
  const words = [...new Set(terms)].slice(0, MAX_TERMS);
  if (words.length === 0) return [];
  const found: number[] = [];
  for (const { block } of await blocksQueries[words.length - 1]!(db, unitId, ...words)) {
    const rows = await idsQueries[words.length - 1]!(db, unitId, block, ...words);
    const [first, ...others] = rows.map((r) => decodeBlock(r.ids));
    for (let byte = first!.length - 1; byte >= 0 && found.length < PAGE; byte--) {
      let value = first![byte]!;
      for (const bits of others) value &= bits[byte]!;
      for (let b = 7; b >= 0 && value !== 0 && found.length < PAGE; b--) {
        if (value & (1 << b)) found.push(block * (1 << BLOCK_BITS) + byte * 8 + b);
      }
    }
    if (found.length === PAGE) break;
  }
  return found;
}
