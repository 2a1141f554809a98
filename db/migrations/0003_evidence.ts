import type { Kysely } from 'kysely';
import { withId } from './dialect';

// Evidence: each distinct file once (by SHA-256), linked to the reports it came with, and its custody
// log (imported, viewed, still taken, exported, verified; who and when).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('evidence_items'))
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('store_path', 'text', (c) => c.notNull())
    .addColumn('captured_local', 'text')
    .addColumn('captured_offset', 'text')
    .addColumn('captured_at', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('make', 'text')
    .addColumn('model', 'text')
    .addColumn('software', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('rotation', 'integer')
    .addColumn('duration_s', 'double precision')
    .addColumn('codecs', 'text')
    .addColumn('signs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('derived_from', 'integer', (c) => c.references('evidence_items.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('report_evidence'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('evidence_id', 'integer', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('original_path', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('original_name_raw', 'text', (c) => c.notNull())
    .addColumn('source_label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_mtime', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.notNull().references('officers.id'))
    .execute();
  await db.schema.createIndex('report_evidence_report').on('report_evidence').columns(['report_id', 'evidence_id']).unique().execute();

  await withId(db, db.schema.createTable('custody_events'))
    .addColumn('evidence_id', 'integer', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.references('officers.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('custody_events_evidence').on('custody_events').columns(['evidence_id', 'id']).execute();
}
