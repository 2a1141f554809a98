import type { Kysely } from 'kysely';
import { withId } from './dialect';

// Administration (issue 11): a unit says where it is, how citizens reach it (TT 73/2024 Đ25: hotlines, email,
// Zalo, fanpage, VNeTraffic) and its head's and deputy's titles for signature blocks; a report keeps the hotline a
// call came in on and the caller's own words for the place ("thị trấn Đồng Đăng, huyện Cao Lộc") beside today's
// commune. Catalog rows an admin edits keep the admin's values through a new catalog version: `edited` marks them,
// `shipped` holds what the catalog last said (JSON), so the admin sees what a new version would have changed.
// Deadline, reward and legal-basis rules, and the legal texts cited, become rows the admin keeps, with their days
// in force. Settings the desks share have a table. `catalog_versions` says which version of each shipped catalog
// was applied.

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['commune_code', 'email', 'zalo', 'fanpage', 'vnetraffic', 'head_title', 'deputy_title']) {
    await db.schema.alterTable('units').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await db.schema.alterTable('reports').addColumn('hotline', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('locations').addColumn('caller_words', 'text', (c) => c.notNull().defaultTo('')).execute();

  for (const column of ['fine_car_from', 'fine_car_to', 'fine_motorbike_from', 'fine_motorbike_to']) {
    await db.schema.alterTable('violation_types').addColumn(column, 'integer').execute();
  }
  await db.schema.alterTable('violation_types').addColumn('effective_until', 'text').execute();
  // A shipped agency belongs to a province (a station lists its own province's); '' for those an admin adds.
  await db.schema.alterTable('agencies').addColumn('province_code', 'text', (c) => c.notNull().defaultTo('')).execute();
  for (const table of ['violation_types', 'agencies']) {
    await db.schema.alterTable(table).addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable(table).addColumn('shipped', 'text', (c) => c.notNull().defaultTo('')).execute();
  }

  await withId(db, db.schema.createTable('deadline_rules'))
    // The shipped rule's key ("verification@2026-04-01"); null for a rule the admin added.
    .addColumn('catalog_key', 'text', (c) => c.unique())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('days', 'integer')
    .addColumn('complex_days', 'integer')
    .addColumn('years', 'integer')
    .addColumn('warn_days', 'integer')
    .addColumn('share_permille', 'integer')
    .addColumn('cap_vnd', 'integer')
    .addColumn('legal_ref', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_until', 'text')
    .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shipped', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // The legal texts the violation types cite, as a document writes them at first mention and after (NĐ 30/2020).
  await db.schema.createTable('legal_documents')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('amended_by', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shipped', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // Settings every desk of the station shares (the idle lock's minutes), by name.
  await db.schema.createTable('station_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('catalog_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}
