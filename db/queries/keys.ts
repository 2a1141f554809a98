import { type Db, emptyWal } from '../connection';

// The station's data key as kept: wrapped under the recovery key (one row) and under each officer's password
// key (see electron/services/keys/keyring.ts); and the values an earlier version kept in plain text, sealed once.

export interface StationKeyRow { keyId: string; recoveryWrap: string; pendingSealed: boolean }

export async function stationKey(db: Db): Promise<StationKeyRow | null> {
  const r = await db.selectFrom('station_keys').select(['key_id', 'recovery_wrap', 'pending_sealed']).where('id', '=', 1).executeTakeFirst();
  return r ? { keyId: r.key_id, recoveryWrap: r.recovery_wrap, pendingSealed: r.pending_sealed === 1 } : null;
}

export async function keyWrapOf(db: Db, officerId: number): Promise<{ keyId: string; wrapped: string } | null> {
  const r = await db.selectFrom('key_wraps').select(['key_id', 'wrapped']).where('officer_id', '=', officerId).executeTakeFirst();
  return r ? { keyId: r.key_id, wrapped: r.wrapped } : null;
}

export interface KeyWrap { officerId: number; keyId: string; wrapped: string; at: string }

export async function putWrap(db: Db, w: KeyWrap): Promise<void> {
  await db.insertInto('key_wraps').values({ officer_id: w.officerId, key_id: w.keyId, wrapped: w.wrapped, created_at: w.at })
    .onConflict((oc) => oc.column('officer_id').doUpdateSet({ key_id: w.keyId, wrapped: w.wrapped, created_at: w.at }))
    .execute();
}

/**
 * The station's first data key with its recovery wrap and its first officer's wrap, in one transaction. Two desks
 * making one at once: the row's key (id 1) lets one in; the other gets false and unwraps the winner's key.
 */
export async function createStationKey(db: Db, k: { recoveryWrap: string } & KeyWrap): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('station_keys').values({ id: 1, key_id: k.keyId, recovery_wrap: k.recoveryWrap, created_at: k.at }).execute();
      await putWrap(trx, k);
    });
    return true;
  } catch (err) {
    if (await stationKey(db)) return false;
    throw err;
  }
}

export async function setRecoveryWrap(db: Db, recoveryWrap: string): Promise<void> {
  await db.updateTable('station_keys').set({ recovery_wrap: recoveryWrap }).where('id', '=', 1).execute();
}

// Values of an earlier version, in batches (sealed outside any transaction, each batch written in one).

const BATCH = 500;

// Each reads the next batch after `afterId` by the table's key: one pass over the table, whatever its size.

export async function pendingReporters(db: Db, afterId: number) {
  return db.selectFrom('reporters').select(['id', 'identity']).where('id', '>', afterId).where('identity', 'like', 'p1:%').orderBy('id').limit(BATCH).execute();
}

export async function pendingCallers(db: Db, afterId: number) {
  return db.selectFrom('reports').select(['id', 'caller_phone']).where('id', '>', afterId).where('caller_phone', '<>', '')
    .where('caller_phone', 'not like', 's1:%').orderBy('id').limit(BATCH).execute();
}

export async function pendingDrafts(db: Db, afterId: number) {
  return db.selectFrom('drafts').select(['id', 'form']).where('id', '>', afterId).where('form', 'not like', 's1:%').orderBy('id').limit(BATCH).execute();
}

export async function pendingDocuments(db: Db, afterId: number) {
  return db.selectFrom('documents').select(['id', 'file_name', 'params']).where('file_name', 'like', '%.pdf').where('id', '>', afterId)
    .orderBy('id').limit(BATCH).execute();
}

export async function sealReporters(db: Db, rows: { id: number; identity: string; cccdMac: string; phoneMac: string }[]) {
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx.updateTable('reporters').set({ identity: r.identity, cccd_mac: r.cccdMac, phone_mac: r.phoneMac }).where('id', '=', r.id).execute();
    }
  });
}

export async function sealCallers(db: Db, rows: { id: number; sealed: string; mac: string }[]) {
  await db.transaction().execute(async (trx) => {
    for (const r of rows) await trx.updateTable('reports').set({ caller_phone: r.sealed, caller_phone_key: r.mac }).where('id', '=', r.id).execute();
  });
}

export async function sealDrafts(db: Db, rows: { id: number; form: string }[]) {
  await db.transaction().execute(async (trx) => {
    for (const r of rows) await trx.updateTable('drafts').set({ form: r.form }).where('id', '=', r.id).execute();
  });
}

export async function sealDocument(db: Db, id: number, fileName: string, params: string) {
  await db.updateTable('documents').set({ file_name: fileName, params }).where('id', '=', id).execute();
}

export async function markPendingSealed(db: Db): Promise<void> {
  await db.updateTable('station_keys').set({ pending_sealed: 1 }).where('id', '=', 1).execute();
  await emptyWal(db); // the plain values just replaced may still sit in the write-ahead log
}
