import type { Db } from '../connection';
import { isNewer, markApplied } from './catalog';

export interface AgencyRow { id: number; name: string; kind: string; address: string; email: string; edited: number; shipped: string }

/**
 * A version of the shipped agencies, applied once like the violation types (catalog.ts): new ones added, those the
 * admin never edited corrected, edited ones kept with what the catalog says remembered in `shipped`. The first
 * time (a station from before versions), a preset that differs from the catalog was edited in the directory: kept.
 */
export async function upsertAgencyPresets(db: Db, catalog: { version: string; items: { key: string; provinceCode: string; name: string; kind: string; address: string; email: string }[] }, at: string): Promise<void> {
  if (!(await isNewer(db, 'agencies', catalog.version))) return;
  const first = (await db.selectFrom('catalog_versions').select('name').where('name', '=', 'agencies').executeTakeFirst()) === undefined;
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('agencies').select(['preset_key', 'edited', 'name', 'kind', 'address', 'email']).where('preset_key', 'is not', null).execute();
    const edited = new Map(rows.map((r) => [r.preset_key!, r.edited === 1]));
    for (const a of catalog.items) {
      const columns = { name: a.name, kind: a.kind, address: a.address, email: a.email };
      const shipped = JSON.stringify(columns);
      const row = rows.find((r) => r.preset_key === a.key);
      if (!row) {
        await trx.insertInto('agencies').values({ preset_key: a.key, province_code: a.provinceCode, ...columns, shipped }).onConflict((oc) => oc.column('preset_key').doNothing()).execute();
        continue;
      }
      const editedBefore = first && (row.name !== a.name || row.kind !== a.kind || row.address !== a.address || row.email !== a.email);
      await trx.updateTable('agencies').set({ shipped, province_code: a.provinceCode, ...(editedBefore ? { edited: 1 } : {}) }).where('preset_key', '=', a.key).execute();
      if (!edited.get(a.key) && !editedBefore) await trx.updateTable('agencies').set(columns).where('preset_key', '=', a.key).where('edited', '=', 0).execute();
    }
    await markApplied(trx, 'agencies', catalog.version, at);
  });
}

/** The active agencies of a province (the catalog's for it) and those the admin added. */
export async function listAgencies(db: Db, provinceCode: string): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').select(['id', 'name', 'kind', 'address', 'email', 'edited', 'shipped']).where('active', '=', 1)
    .where('province_code', 'in', ['', provinceCode]).orderBy('name').execute();
}

/** Creates (id null) or edits an agency; returns its id. */
export async function saveAgency(db: Db, a: { id: number | null; name: string; kind: string; address: string; email: string }): Promise<number> {
  if (a.id !== null) {
    // An edited preset keeps the admin's values through new catalog versions.
    await db.updateTable('agencies').set({ name: a.name, kind: a.kind, address: a.address, email: a.email, edited: 1 }).where('id', '=', a.id).execute();
    return a.id;
  }
  const { id } = await db.insertInto('agencies').values({ preset_key: null, name: a.name, kind: a.kind, address: a.address, email: a.email })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An edited agency takes the shipped catalog's values again and follows its next versions; false when it has none. */
export async function takeShippedAgency(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('shipped').where('id', '=', id).executeTakeFirst();
  if (!row || row.shipped === '') return false;
  const shipped = JSON.parse(row.shipped) as { name: string; kind: string; address: string; email: string };
  await db.updateTable('agencies').set({ name: shipped.name, kind: shipped.kind, address: shipped.address, email: shipped.email, edited: 0 }).where('id', '=', id).execute();
  return true;
}
