import { type Kysely, sql } from 'kysely';

// Documents as NĐ 30/2020 numbers and signs them: a letter's symbol carries the drafting unit after the
// issuer ("125/CATP-TTPA"), and a unit may print its signers' ranks. A kind is issued once for a report (a
// register once for a period) unless a reason is given: unique indexes hold that even when two desks issue at
// the same moment. Earlier second issues get an empty reason (none was kept: the desk says so); registers get
// their period.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('drafting_symbol', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('units').addColumn('prints_ranks', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('documents').addColumn('reissue_reason', 'text').execute();
  /** A register's period "2026-11-01/2026-11-30"; null for a report's document. */
  await db.schema.alterTable('documents').addColumn('period', 'text').execute();

  const registers = await db.selectFrom('documents').select(['id', 'params']).where('kind', '=', 'register').execute();
  for (const r of registers as { id: number; params: string }[]) {
    const p = JSON.parse(r.params) as { from?: string; to?: string };
    if (p.from && p.to) await db.updateTable('documents').set({ period: `${p.from}/${p.to}` }).where('id', '=', r.id).execute();
  }
  const all = await db.selectFrom('documents').select(['id', 'unit_id', 'report_id', 'kind', 'period']).orderBy('id').execute();
  const seen = new Set<string>();
  for (const d of all as { id: number; unit_id: number; report_id: number | null; kind: string; period: string | null }[]) {
    const key = `${d.unit_id} ${d.kind} ${d.report_id ?? ''} ${d.period ?? ''}`;
    if (seen.has(key)) await db.updateTable('documents').set({ reissue_reason: '' }).where('id', '=', d.id).execute();
    seen.add(key);
  }

  await db.schema.createIndex('documents_first_of_report').unique().on('documents').columns(['unit_id', 'report_id', 'kind'])
    .where(sql.ref('reissue_reason'), 'is', null).where(sql.ref('report_id'), 'is not', null).execute();
  await db.schema.createIndex('documents_first_of_period').unique().on('documents').columns(['unit_id', 'kind', 'period'])
    .where(sql.ref('reissue_reason'), 'is', null).where(sql.ref('period'), 'is not', null).execute();
}
