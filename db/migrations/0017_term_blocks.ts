import { type Kysely, sql } from 'kysely';
import { isPostgres } from './dialect';
import { BLOCK_WORDS, blockOf, countBits, encodeBlock, setBit } from './term-blocks-format';

// Search words (issue 13): the (word, report) rows of 0002 answer one word fast, but two frequent words that never
// meet ("quá tải" and "ngược chiều") walked the first word's hundreds of thousands of rows to find none (350 ms at a
// million reports). Each unit's word now keeps its reports as blocks of 65,536 ids (./term-blocks-format.ts): words
// are intersected a block at a time, 8 KB each, newest block first, on SQLite and PostgreSQL alike. The rows of 0002
// are carried over, a word at a time in (word, report) order, and dropped.

const PAGE = 20_000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('term_blocks')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('block', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('ids', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('term_blocks_pk', ['unit_id', 'term', 'block'])
    .execute();

  // The block being filled, one per unit: rows come in (word, id) order, so a block is complete when the word or
  // the block changes.
  let open = new Map<number, Uint32Array>();
  let filling = { term: '', block: -1 };
  const flush = async () => {
    const rows = [...open].map(([unit, words]) => ({ unit_id: unit, term: filling.term, block: filling.block, n: countBits(words), ids: encodeBlock(words) }));
    open = new Map();
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('term_blocks').values(rows.slice(i, i + 100)).execute();
  };
  let after: { term: string; report_id: number } | null = null;
  for (;;) {
    let q = db.selectFrom('report_terms as t').innerJoin('reports as r', 'r.id', 't.report_id')
      .select(['t.term', 't.report_id', 'r.unit_id']).orderBy('t.term').orderBy('t.report_id').limit(PAGE);
    if (after) q = q.where(sql<boolean>`(t.term, t.report_id) > (${after.term}, ${after.report_id})`);
    const rows = await q.execute() as { term: string; report_id: number; unit_id: number }[];
    for (const row of rows) {
      const { block, bit } = blockOf(row.report_id);
      if (row.term !== filling.term || block !== filling.block) {
        await flush();
        filling = { term: row.term, block };
      }
      let words = open.get(row.unit_id);
      if (!words) open.set(row.unit_id, (words = new Uint32Array(BLOCK_WORDS)));
      setBit(words, bit);
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!;
  }
  await flush();
  await db.schema.dropTable('report_terms').execute();
}
