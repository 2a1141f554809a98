import type { Kysely } from 'kysely';

// The report history (intake reportDetail through queries/evidence.ts custodyOfReport) reads custody events
// by report, in the order they were written: without a (report_id, id) key every opening of a report scans
// the whole custody log, which grows with every file imported, viewed or exported.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('custody_events_report').on('custody_events').columns(['report_id', 'id']).execute();
}
