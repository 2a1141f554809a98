import type { Kysely } from 'kysely';

// Today's map (issue 11.3): a province keeps its fixed-line area code (the official list's phone_code). The
// provinces and communes themselves come from the catalog seeding, which also moves reports off the few communes
// earlier versions numbered themselves ("51-001") onto today's official codes (db/queries/catalog.ts upsertPlaces).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('provinces').addColumn('area_code', 'text', (c) => c.notNull().defaultTo('')).execute();
}
