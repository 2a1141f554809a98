import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { withId } from './dialect';

// An audit trail that cannot be rewritten unseen (issue 10.5): every audit line gets the desk that wrote it, the
// hash of the line before it and its own hash; a one-row chain head (the last line, locked by each append on
// PostgreSQL); supervisors' checkpoints. The lines already written are chained here in id order, as they are
// stored (their desk is unknown: ''), in batches so a large trail never sits in memory at once.

const BATCH = 1000;
const GENESIS_HASH = '0'.repeat(64);

/**
 * A frozen copy of db/queries/audit.ts auditHash, canonical form version 1 (migrations import no app code, and
 * must do the same thing forever; tests/integration/db/audit-chain.test.ts keeps the two equal).
 */
function auditHash(e: { id: number; at: string; desk: string; officer_id: number; report_id: number | null; action: string; detail: string; prev_hash: string }): string {
  const canonical = JSON.stringify(['station-audit-1', e.id, e.at, e.desk, e.officer_id, e.report_id, e.action, e.detail, e.prev_hash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per statement.
  for (const column of ['desk', 'prev_hash', 'hash']) {
    await db.schema.alterTable('audit_events').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  await db.schema.createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('audit_checkpoints'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('event_hash', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('desk', 'text', (c) => c.notNull())
    .execute();

  let lastId = 0;
  let lastHash = GENESIS_HASH;
  for (;;) {
    const rows = await db.selectFrom('audit_events')
      .select(['id', 'at', 'officer_id', 'report_id', 'action', 'detail'])
      .where('id', '>', lastId).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    const sealed = rows.map((r) => {
      const prev = lastHash;
      lastHash = auditHash({
        id: Number(r.id), at: r.at, desk: '', officer_id: Number(r.officer_id), report_id: r.report_id === null ? null : Number(r.report_id),
        action: r.action, detail: r.detail, prev_hash: prev,
      });
      lastId = Number(r.id);
      return sql`(cast(${Number(r.id)} as integer), ${prev}, ${lastHash})`;
    });
    // One statement per batch, the same SQL on SQLite (3.33+) and PostgreSQL: VALUES columns are column1…3 in both.
    await sql`update audit_events set prev_hash = v.column2, hash = v.column3
      from (values ${sql.join(sealed)}) as v where audit_events.id = v.column1`.execute(db);
  }
  await db.insertInto('audit_chain_head').values({ id: 1, last_id: lastId, last_hash: lastHash }).execute();
  // Two lines after the same predecessor would fork the chain: the database refuses the second.
  await db.schema.createIndex('audit_events_prev_hash').on('audit_events').column('prev_hash').unique().execute();
}
