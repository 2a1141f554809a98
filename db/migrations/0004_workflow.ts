import type { Kysely } from 'kysely';
import { withId } from './dialect';

// The case workflow: when verification was accepted (its deadline runs from then), whether the case is
// complex (60 days instead of 30), who handles it, and every move with what it recorded (decision
// number and fine, agency and letter, reason, feedback given…).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('accepted_at', 'text').execute();
  await db.schema.alterTable('reports').addColumn('complex', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reports').addColumn('assigned_to', 'integer', (c) => c.references('officers.id')).execute();
  await db.schema.createIndex('reports_status').on('reports').columns(['unit_id', 'status']).execute();

  await withId(db, db.schema.createTable('report_moves'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('move', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('report_moves_report').on('report_moves').columns(['report_id', 'id']).execute();
}
