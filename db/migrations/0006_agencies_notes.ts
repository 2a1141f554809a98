import type { Kysely } from 'kysely';
import { withId } from './dialect';

// The directory of agencies reports are forwarded to (editable; the seed areas' agencies as presets).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('agencies'))
    .addColumn('preset_key', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
