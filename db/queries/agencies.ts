import type { Db } from '../connection';

export interface AgencyRow { id: number; name: string; kind: string; address: string; email: string }

export async function upsertAgencyPresets(db: Db, items: { key: string; name: string; kind: string; address: string; email: string }[]): Promise<void> {
  for (const a of items) {
    await db.insertInto('agencies')
      .values({ preset_key: a.key, name: a.name, kind: a.kind, address: a.address, email: a.email })
      .onConflict((oc) => oc.column('preset_key').doNothing())
      .execute();
  }
}

export async function listAgencies(db: Db): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').select(['id', 'name', 'kind', 'address', 'email']).where('active', '=', 1).orderBy('name').execute();
}

/** Creates (id null) or edits an agency; returns its id. */
export async function saveAgency(db: Db, a: { id: number | null; name: string; kind: string; address: string; email: string }): Promise<number> {
  if (a.id !== null) {
    await db.updateTable('agencies').set({ name: a.name, kind: a.kind, address: a.address, email: a.email }).where('id', '=', a.id).execute();
    return a.id;
  }
  const { id } = await db.insertInto('agencies').values({ preset_key: null, name: a.name, kind: a.kind, address: a.address, email: a.email })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}
