import type { Kysely } from 'kysely';
import { withId } from './dialect';

// Documents the desk issues: numbered per unit, per year and per kind when issued; the issued PDF is kept
// (with its SHA-256) so a reprint is the same document. Units get the place name their documents carry.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('place_name', 'text', (c) => c.notNull().defaultTo('')).execute();

  await db.schema.createTable('document_counters')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['unit_id', 'year', 'kind'])
    .execute();

  await withId(db, db.schema.createTable('documents'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('documents_report').on('documents').columns(['report_id', 'id']).execute();
}
