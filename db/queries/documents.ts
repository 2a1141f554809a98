import type { Db } from '../connection';
import { addAuditEvent } from './audit';

/**
 * The next number of the unit's register for a kind and year, in one short transaction: the register
 * never repeats a number, even with several desks issuing at once. The document is made outside any
 * transaction (rendering takes seconds for a long register) and recorded with recordDocument.
 */
export async function takeDocumentNumber(db: Db, d: { unitId: number; year: number; kind: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('document_counters')
      .values({ unit_id: d.unitId, year: d.year, kind: d.kind, last_seq: 0 })
      .onConflict((oc) => oc.columns(['unit_id', 'year', 'kind']).doNothing())
      .execute();
    const { last_seq: seq } = await trx.updateTable('document_counters')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('unit_id', '=', d.unitId).where('year', '=', d.year).where('kind', '=', d.kind)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return seq;
  });
}

/** The number the next issue of a kind would take, if no other desk takes it first. */
export async function peekDocumentNumber(db: Db, d: { unitId: number; year: number; kind: string }): Promise<number> {
  const row = await db.selectFrom('document_counters').select('last_seq')
    .where('unit_id', '=', d.unitId).where('year', '=', d.year).where('kind', '=', d.kind).executeTakeFirst();
  return (row?.last_seq ?? 0) + 1;
}

export interface IssuedRecord {
  unitId: number; reportId: number | null; kind: string; year: number; seq: number; number: string; issuedAt: string;
  issuedBy: number; params: string; sha256: string; fileName: string; reissueReason: string | null;
  /** A register's period "from/to"; null for a report's document. */
  period: string | null;
}

/** Records a numbered document whose file is already kept, with its audit line. */
export async function recordDocument(db: Db, d: IssuedRecord): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('documents')
      .values({
        unit_id: d.unitId, report_id: d.reportId, kind: d.kind, year: d.year, seq: d.seq, number: d.number, issued_at: d.issuedAt,
        issued_by: d.issuedBy, sha256: d.sha256, file_name: d.fileName, params: d.params, reissue_reason: d.reissueReason, period: d.period,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addAuditEvent(trx, { at: d.issuedAt, officerId: d.issuedBy, reportId: d.reportId, action: `document.${d.kind}`, detail: { number: d.number, reissueReason: d.reissueReason } });
    return id;
  });
}

/** A number taken for a document that could not be made: the gap in the register is explained in the audit trail. */
export async function recordSkippedNumber(db: Db, d: { unitId: number; reportId: number | null; kind: string; number: string; at: string; officerId: number }) {
  await addAuditEvent(db, { at: d.at, officerId: d.officerId, reportId: d.reportId, action: `document.${d.kind}.failed`, detail: { number: d.number } });
}

const LISTED = ['id', 'kind', 'number', 'issued_at', 'sha256', 'reissue_reason'] as const;

export async function documentsOfReport(db: Db, unitId: number, reportId: number) {
  return db.selectFrom('documents').select(LISTED).where('unit_id', '=', unitId).where('report_id', '=', reportId).orderBy('id').execute();
}

/** The registers the unit issued for a period ("from/to"). */
/** The documents of a kind about a period (the register, a periodic report), as issued. */
export async function documentsOfPeriod(db: Db, unitId: number, kind: string, period: string) {
  return db.selectFrom('documents').select(LISTED).where('unit_id', '=', unitId).where('kind', '=', kind).where('period', '=', period)
    .orderBy('id').execute();
}

export async function getDocument(db: Db, unitId: number, id: number) {
  return db.selectFrom('documents').selectAll().where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst();
}
