import { type Db, emptyWal } from '../connection';

export interface DraftRow { id: number; form: string; updatedAt: string }

/** Saves the form text; a draft that is gone (discarded on another desk) is created anew. */
export async function saveDraft(db: Db, officerId: number, id: number | null, form: string, now: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (id !== null) {
      const updated = await trx.updateTable('drafts')
        .set({ form, updated_at: now })
        .where('id', '=', id)
        .where('officer_id', '=', officerId)
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) return id;
    }
    const row = await trx.insertInto('drafts')
      .values({ officer_id: officerId, form, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function listDrafts(db: Db, officerId: number): Promise<DraftRow[]> {
  const rows = await db.selectFrom('drafts')
    .select(['id', 'form', 'updated_at'])
    .where('officer_id', '=', officerId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, form: r.form, updatedAt: r.updated_at }));
}

/**
 * A discarded draft's identity must not stay readable: secure_delete zeroes it in the database pages, and a
 * checkpoint empties the write-ahead log, which still holds the pages as they were written while typing.
 */
export async function deleteDraft(db: Db, officerId: number, id: number): Promise<void> {
  await db.deleteFrom('drafts').where('id', '=', id).where('officer_id', '=', officerId).execute();
  await emptyWal(db);
}
