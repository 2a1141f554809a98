import type { Kysely } from 'kysely';

// Documents as NĐ 30/2020 numbers and signs them: a letter's symbol carries the drafting unit after the
// issuer ("125/CATP-TTPA"), and a unit may print its signers' ranks. A document issued again for the same
// report (or the register for the same period) keeps why.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('drafting_symbol', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('units').addColumn('prints_ranks', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('documents').addColumn('reissue_reason', 'text').execute();
}
