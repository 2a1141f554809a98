import type { Kysely } from 'kysely';

// The evidence store shared by several desks (issue 13.2, a folder on a NAS): a desk about to rename copies into the
// store first writes here which files it is putting there, and clears them once their records are written; a desk
// cleaning the store at its start takes for orphans only files that neither a record nor an intent names. Desks
// coordinate through the database, never through files: a network file system may show another machine's marker
// file late, or not honour a lock.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('store_intents')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('store_intents_sha256').on('store_intents').columns(['sha256', 'owner']).execute();
}
