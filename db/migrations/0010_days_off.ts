import type { Kysely } from 'kysely';
import { withId } from './dialect';

// The days off the Government announces each year (the rest of the Tết break, the day next to 2/9,
// compensating days): editable, seeded from resources/catalogs/days-off.json. A removed day keeps its row
// (removed_at) so the seed, which runs at every start, never brings it back; the audit trail says who did what.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('days_off'))
    .addColumn('day', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
}
