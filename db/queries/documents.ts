import type { Db } from '../connection';

/**
 * Numbers a document and records it in one transaction: the register per unit, year and kind never
 * skips or repeats a number, even with several desks issuing at once.
 */
export async function recordDocument(db: Db, d: {
  unitId: number; reportId: number | null; kind: string; year: number; issuedAt: string; issuedBy: number;
  params: string; numberFor: (seq: number) => string; fileFor: (seq: number, number: string) => Promise<{ sha256: string; fileName: string }>;
}): Promise<{ id: number; seq: number; number: string; sha256: string; fileName: string }> {
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
    const number = d.numberFor(seq);
    // The PDF carries its number: it is made inside the transaction, and kept only if the number is.
    const file = await d.fileFor(seq, number);
    const { id } = await trx.insertInto('documents')
      .values({
        unit_id: d.unitId, report_id: d.reportId, kind: d.kind, year: d.year, seq, number, issued_at: d.issuedAt,
        issued_by: d.issuedBy, sha256: file.sha256, file_name: file.fileName, params: d.params,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('audit_events')
      .values({ at: d.issuedAt, officer_id: d.issuedBy, report_id: d.reportId, action: `document.${d.kind}`, detail: JSON.stringify({ number }) })
      .execute();
    return { id, seq, number, ...file };
  });
}

export async function documentsOfReport(db: Db, unitId: number, reportId: number) {
  return db.selectFrom('documents').select(['id', 'kind', 'number', 'issued_at', 'sha256', 'file_name'])
    .where('unit_id', '=', unitId).where('report_id', '=', reportId).orderBy('id').execute();
}

export async function getDocument(db: Db, unitId: number, id: number) {
  return db.selectFrom('documents').selectAll().where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst();
}
