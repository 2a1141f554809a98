import type { Kysely } from 'kysely';
import type { Db } from '../connection';

// Shipped catalogs carry a version (issue 11.6). One way to apply one: only a version newer than the one applied
// (a desk still on an older app, sharing the database, never takes a catalog back); a new row is added; every row
// remembers what the catalog says of it (`shipped`, JSON), for the admin screen to show where it differs; a row
// nobody edited takes the catalog's values, checked in the statement itself, so an admin's save made meanwhile on
// another desk stands.

/** "2026.12.1" against "2027.01.1", part by part as numbers. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export interface CatalogRow {
  key: string;
  /** The catalog's values, taken by a row nobody edited. */
  columns: Record<string, unknown>;
  /** What `shipped` keeps (the form the admin screen reads back). */
  shipped: unknown;
  /** Set on a new row only (its place in a list, switched on). */
  onInsert?: Record<string, unknown>;
  /** Set on every row, edited or not (what the catalog alone decides, like an agency's province). */
  always?: Record<string, unknown>;
}

/**
 * Applies a catalog's version to its table (`key`: the column naming a shipped row). `editedBefore`: on the first
 * version applied, whether an existing row was changed by an admin before catalogs had versions (it is kept).
 */
export async function applyCatalog(db: Db, catalog: { name: string; version: string; at: string }, table: 'violation_types' | 'agencies' | 'deadline_rules' | 'legal_documents',
  key: string, rows: CatalogRow[], editedBefore?: (existing: Record<string, unknown>, columns: Record<string, unknown>) => boolean): Promise<void> {
  const applied = (await db.selectFrom('catalog_versions').select('version').where('name', '=', catalog.name).executeTakeFirst())?.version ?? null;
  if (applied !== null && compareVersions(catalog.version, applied) <= 0) return;
  await db.transaction().execute(async (trx) => {
    const t = trx as unknown as Kysely<any>;
    const existing = new Map((await t.selectFrom(table).selectAll().where(key, 'is not', null).execute()).map((r) => [String(r[key]), r as Record<string, unknown>]));
    for (const row of rows) {
      const shipped = JSON.stringify(row.shipped);
      const found = existing.get(row.key);
      if (!found) {
        // Another desk starting at once may have added it meanwhile: its row stands.
        await t.insertInto(table).values({ [key]: row.key, ...row.columns, ...row.onInsert, ...row.always, shipped }).onConflict((oc) => oc.column(key).doNothing()).execute();
        continue;
      }
      const editedEarlier = applied === null && editedBefore !== undefined && editedBefore(found, row.columns);
      await t.updateTable(table).set({ shipped, ...row.always, ...(editedEarlier ? { edited: 1 } : {}) }).where(key, '=', row.key).execute();
      if (found.edited !== 1 && !editedEarlier) await t.updateTable(table).set(row.columns).where(key, '=', row.key).where('edited', '=', 0).execute();
    }
    await trx.insertInto('catalog_versions').values({ name: catalog.name, version: catalog.version, applied_at: catalog.at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version: catalog.version, applied_at: catalog.at })).execute();
  });
}

export async function catalogVersions(db: Db) {
  return (await db.selectFrom('catalog_versions').selectAll().orderBy('name').execute()).map((r) => ({ name: r.name, version: r.version, appliedAt: r.applied_at }));
}
