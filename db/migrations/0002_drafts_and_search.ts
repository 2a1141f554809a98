import type { Kysely } from 'kysely';
import { withId } from './dialect';

// Drafts: the intake form as typed, saved while the officer types, so a crash loses nothing.
// Search terms: folded words of each report (diacritics and đ/Đ folded in the app), a plain table
// with a (term, report_id) key so the same query runs on SQLite and PostgreSQL without FTS extensions.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('drafts'))
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('drafts_officer_id').on('drafts').columns(['officer_id', 'updated_at']).execute();

  await db.schema.createTable('report_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addPrimaryKeyConstraint('report_terms_pk', ['term', 'report_id'])
    .execute();
}
