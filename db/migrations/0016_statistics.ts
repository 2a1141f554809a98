import { type Kysely, sql } from 'kysely';
import { isPostgres } from './dialect';

// Statistics (issue 12): one narrow row of facts per report, kept by the same transactions that write the report and
// its moves (db/queries/facts.ts), so the statistics screen and the periodic reports count a million reports
// without reading the wide report rows or parsing the moves' JSON. Rows are clustered by unit and station day
// (SQLite WITHOUT ROWID), so a period is one range. The facts a report has several of (its violations, its vehicles'
// classes and plates) are items, clustered by what they are, so counting by one is a walk of the index in order.
// Existing reports get their facts at the first start (services/statistics/facts.ts catchUpFacts).

export async function up(db: Kysely<any>): Promise<void> {
  // How the unit cuts its reporting periods (contract/domain/statistics.ts periodRules): its setting.
  await db.schema.alterTable('units').addColumn('period_rule', 'text', (c) => c.notNull().defaultTo('calendar')).execute();
  const clustered = isPostgres(db) ? sql`` : sql`without rowid`;
  await db.schema.createTable('report_facts')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decided_day', 'text')
    .addColumn('fine_vnd', 'bigint')
    .addColumn('reward_vnd', 'bigint')
    .addColumn('in_time', 'integer')
    // The days its clocks started (the violation recorded, else received; accepted for verification), who received
    // and who decided it.
    .addColumn('recorded_day', 'text', (c) => c.notNull())
    .addColumn('accepted_day', 'text')
    .addColumn('complex', 'integer', (c) => c.notNull())
    .addColumn('received_by', 'integer', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addPrimaryKeyConstraint('report_facts_pk', ['unit_id', 'day', 'report_id'])
    .modifyEnd(clustered)
    .execute();
  await db.schema.createIndex('report_facts_report').on('report_facts').column('report_id').unique().execute();
  await db.schema.createIndex('report_facts_decided').on('report_facts').columns(['unit_id', 'decided_day']).execute();
  // "Overdue now": the undecided reports by the day their clocks started.
  await db.schema.createIndex('report_facts_recorded').on('report_facts').columns(['unit_id', 'status', 'recorded_day']).execute();
  await db.schema.createIndex('report_facts_accepted').on('report_facts').columns(['unit_id', 'status', 'complex', 'accepted_day']).execute();

  // dim: 'violation' (its code), 'vehicle' (the vehicle class), 'plate' (the plate's key), 'repeat' (the plate's key again,
  // once the unit holds two reports of the plate: the repeat plates are counted among these few, not among all plates).
  await db.schema.createTable('report_fact_items')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addPrimaryKeyConstraint('report_fact_items_pk', ['unit_id', 'dim', 'value', 'day', 'report_id'])
    .modifyEnd(clustered)
    .execute();
  await db.schema.createIndex('report_fact_items_report').on('report_fact_items').columns(['report_id', 'dim', 'value']).execute();

  // The day's counts by one fact at a time, kept with the facts (each change adds what the new facts count and takes
  // away what the old ones did): a period with no other filter reads these (a year is 365 rows a value) instead of
  // counting its reports again.
  await db.schema.createTable('report_counts')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_counts_pk', ['unit_id', 'dim', 'day', 'value'])
    .modifyEnd(clustered)
    .execute();
  // The same for decisions, by the day of the decision, the outcome and the officer who recorded it.
  await db.schema.createTable('decided_counts')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('timed', 'integer', (c) => c.notNull())
    .addColumn('in_time', 'integer', (c) => c.notNull())
    .addColumn('fine_vnd', 'bigint', (c) => c.notNull())
    .addColumn('reward_vnd', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('decided_counts_pk', ['unit_id', 'day', 'outcome', 'officer_id'])
    .modifyEnd(clustered)
    .execute();

  // A sanctioned report's reward (NĐ 176/2024) once a leader approved it or it was paid; proposed until then (no row).
  await db.schema.createTable('rewards')
    .addColumn('report_id', 'integer', (c) => c.primaryKey().references('reports.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_vnd', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('officers.id'))
    // The sanction as it was approved: its day and fine (a paid reward stays listed if the sanction is reopened).
    .addColumn('decided_day', 'text', (c) => c.notNull())
    .addColumn('fine_vnd', 'bigint', (c) => c.notNull())
    .execute();
}
