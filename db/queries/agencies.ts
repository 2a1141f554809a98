import type { Db } from '../connection';
import { applyCatalog } from './catalog-versions';

export interface AgencyRow { id: number; name: string; kind: string; address: string; email: string; edited: number; shipped: string }

/**
 * A version of the shipped agencies (catalog-versions.ts). The first time (a station from before versions), a preset
 * that differs from the catalog was edited in the directory: it is kept.
 */
export async function upsertAgencyPresets(db: Db, catalog: { version: string; items: { key: string; provinceCode: string; name: string; kind: string; address: string; email: string }[] }, at: string): Promise<void> {
  await applyCatalog(db, { name: 'agencies', version: catalog.version, at }, 'agencies', 'preset_key', catalog.items.map((a) => {
    const columns = { name: a.name, kind: a.kind, address: a.address, email: a.email };
    return { key: a.key, columns, shipped: columns, always: { province_code: a.provinceCode } };
  }), (existing, columns) => Object.entries(columns).some(([k, v]) => existing[k] !== v));
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
