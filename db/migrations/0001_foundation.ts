import type { Kysely } from 'kysely';
import { withId } from './dialect';

// Units, officers, catalogs, reports and their parts, reporters (kept apart from the report so the
// identity can be guarded on its own), audit events. Text columns hold NFC text; instants are UTC ISO
// strings so both SQLite and PostgreSQL sort and compare them the same way.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('units'))
    .addColumn('preset_key', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_name', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hotlines', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('document_symbol', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('province_code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await withId(db, db.schema.createTable('officers'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('rank', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.createTable('provinces')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('communes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull().references('provinces.code'))
    .execute();

  await db.schema.createTable('violation_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('legal_ref', 'text', (c) => c.notNull())
    .addColumn('article_car', 'text')
    .addColumn('article_motorbike', 'text')
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable('report_counters')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_counters_pk', ['unit_id', 'year'])
    .execute();

  await withId(db, db.schema.createTable('reporters'))
    .addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_year', 'integer')
    .addColumn('cccd', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('reports'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('caller_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caller_phone_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('occurred_at', 'text')
    .addColumn('occurred_approx', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ongoing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reporter_id', 'integer', (c) => c.references('reporters.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wants_feedback', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Codes run per unit and year (PA-2026-000001), so several units can share one PostgreSQL database.
  await db.schema.createIndex('reports_unit_code').on('reports').columns(['unit_id', 'code']).unique().execute();
  await db.schema.createIndex('reports_received_at').on('reports').column('received_at').execute();
  await db.schema.createIndex('reports_caller_phone_key').on('reports').columns(['caller_phone_key', 'received_at']).execute();

  await db.schema.createTable('report_violations')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('violation_code', 'text', (c) => c.notNull().references('violation_types.code'))
    .addPrimaryKeyConstraint('report_violations_pk', ['report_id', 'violation_code'])
    .execute();

  await db.schema.createTable('locations')
    .addColumn('report_id', 'integer', (c) => c.primaryKey().references('reports.id'))
    .addColumn('road', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('house_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intersection', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('km_marker', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('province_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('commune_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .execute();

  await withId(db, db.schema.createTable('vehicles'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('plate_input', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plate_canonical', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plate_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plate_kind', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('plate_province_code', 'text')
    .addColumn('plate_flags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vehicle_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('colour', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('brand', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('features', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('driver_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('vehicles_plate_key').on('vehicles').columns(['plate_key', 'report_id']).execute();
  await db.schema.createIndex('vehicles_report_id').on('vehicles').column('report_id').execute();

  await withId(db, db.schema.createTable('audit_events'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_events_report_id').on('audit_events').columns(['report_id', 'id']).execute();
}
