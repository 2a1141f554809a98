import { type Kysely, sql } from 'kysely';
import { isPostgres } from './dialect';

// Reporters' identities sealed at rest (issue 10.3). The station's data key, kept only wrapped: once under the
// recovery key (station_keys, one row) and once per officer under a key their password gives (key_wraps).
// A reporter becomes one sealed identity and two blind indexes (phone, identity number); the plaintext columns
// go. There is no key yet when this runs: the identities already kept are marked pending ('p1:' and their JSON)
// and sealed at the first sign-in that holds the key (keys/keyring.ts sealPending), with the callers' numbers,
// the drafts and the issued documents of earlier versions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('station_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('recovery_wrap', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('pending_sealed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createTable('key_wraps')
    .addColumn('officer_id', 'integer', (c) => c.primaryKey().references('officers.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  for (const column of ['identity', 'cccd_mac', 'phone_mac']) {
    await db.schema.alterTable('reporters').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await db.updateTable('reporters').set({
    identity: sql`'p1:' || ${sql.raw(jsonObject(db))}`,
  }).execute();
  for (const column of ['full_name', 'birth_year', 'cccd', 'address', 'phone']) {
    await db.schema.alterTable('reporters').dropColumn(column).execute();
  }
  await db.schema.createIndex('reporters_cccd_mac').on('reporters').column('cccd_mac').execute();
  await db.schema.createIndex('reporters_phone_mac').on('reporters').column('phone_mac').execute();
  // From a reporter to their reports (a phone or identity number found through its index, an erasure): by key, with
  // the unit, so a search reads the reporters' rows it found and never walks the unit's reports.
  await db.schema.createIndex('reports_reporter_unit').on('reports').columns(['reporter_id', 'unit_id']).execute();
}

/** The plaintext columns as one JSON object, in the dialect's own function. */
function jsonObject(db: Kysely<any>): string {
  const fields = "'fullName', full_name, 'birthYear', birth_year, 'cccd', cccd, 'address', address, 'phone', phone";
  return isPostgres(db) ? `json_build_object(${fields})::text` : `json_object(${fields})`;
}
