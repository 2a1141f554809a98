import type { Db } from '../connection';
import { inChunks } from '../prepared';

export interface ViolationTypeRow {
  code: string;
  name: string;
  legalRef: string;
  articleCar: string | null;
  articleMotorbike: string | null;
  /** Fine ranges in đồng per vehicle class (absent: not set), and the days in force. */
  fineCarFrom?: number | null;
  fineCarTo?: number | null;
  fineMotorbikeFrom?: number | null;
  fineMotorbikeTo?: number | null;
  effectiveFrom: string;
  effectiveUntil?: string | null;
}

/**
 * Today's provinces and communes as the catalog has them (names corrected, new ones added), in one transaction of
 * a few statements. A commune the catalog no longer has (an earlier version's own code, "51-001") hands its
 * reports to today's commune: the one of the same name in the same province, else the one the official conversion
 * table says it went into (`formerIn`: an old name → today's code); then it goes. One found in neither stays.
 */
export async function upsertPlaces(
  db: Db,
  provinces: { code: string; name: string; areaCode: string }[],
  communes: { code: string; name: string; provinceCode: string }[],
  formerIn: (name: string, provinceCode: string) => string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const part of inChunks(provinces)) {
      await trx.insertInto('provinces').values(part.map((p) => ({ code: p.code, name: p.name, area_code: p.areaCode })))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), area_code: eb.ref('excluded.area_code') }))
          // Only what changed is written: a start with the same catalog writes nothing.
          .where((eb) => eb.or([eb('provinces.name', '!=', eb.ref('excluded.name')), eb('provinces.area_code', '!=', eb.ref('excluded.area_code'))])))
        .execute();
    }
    for (const part of inChunks(communes)) {
      await trx.insertInto('communes').values(part.map((c) => ({ code: c.code, name: c.name, province_code: c.provinceCode })))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), province_code: eb.ref('excluded.province_code') }))
          .where((eb) => eb.or([eb('communes.name', '!=', eb.ref('excluded.name')), eb('communes.province_code', '!=', eb.ref('excluded.province_code'))])))
        .execute();
    }
    const known = new Set(communes.map((c) => c.code));
    const stale = (await trx.selectFrom('communes').select(['code', 'name', 'province_code']).execute()).filter((c) => !known.has(c.code));
    for (const old of stale) {
      const today = communes.find((c) => c.provinceCode === old.province_code && c.name === old.name)?.code ?? formerIn(old.name, old.province_code);
      if (!today) continue;
      await trx.updateTable('locations').set({ commune_code: today }).where('commune_code', '=', old.code).execute();
      await trx.deleteFrom('communes').where('code', '=', old.code).execute();
    }
  });
}

/** The version of a shipped catalog last applied to this database (null: none yet). */
async function appliedVersion(db: Db, name: string): Promise<string | null> {
  return (await db.selectFrom('catalog_versions').select('version').where('name', '=', name).executeTakeFirst())?.version ?? null;
}

/** "2026.12.1" against "2027.01.1", part by part as numbers. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * Whether a shipped version is to be applied: only one newer than the one applied (a desk still on an older
 * version of the app, sharing the database, never takes the catalog back).
 */
export async function isNewer(db: Db, name: string, version: string): Promise<boolean> {
  const applied = await appliedVersion(db, name);
  return applied === null || compareVersions(version, applied) > 0;
}

export async function markApplied(db: Db, name: string, version: string, at: string): Promise<void> {
  await db.insertInto('catalog_versions').values({ name, version, applied_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version, applied_at: at })).execute();
}

/** What the catalog says of a violation type, as its columns (also what `shipped` keeps, as JSON). */
const violationColumns = (v: ViolationTypeRow) => ({
  name: v.name, legal_ref: v.legalRef, article_car: v.articleCar, article_motorbike: v.articleMotorbike,
  fine_car_from: v.fineCarFrom ?? null, fine_car_to: v.fineCarTo ?? null, fine_motorbike_from: v.fineMotorbikeFrom ?? null,
  fine_motorbike_to: v.fineMotorbikeTo ?? null, effective_from: v.effectiveFrom, effective_until: v.effectiveUntil ?? null,
});

/**
 * A version of the shipped violation types, applied once (issue 11.6): new codes are added; a row the admin never
 * edited takes the catalog's values; a row the admin edited keeps the admin's, and `shipped` remembers what the
 * catalog says, for the admin screen to show what the new version would have changed.
 */
export async function upsertViolationTypes(db: Db, catalog: { version: string; items: ViolationTypeRow[] }, at: string): Promise<void> {
  if (!(await isNewer(db, 'violation-types', catalog.version))) return;
  await db.transaction().execute(async (trx) => {
    const edited = new Map((await trx.selectFrom('violation_types').select(['code', 'edited']).execute()).map((r) => [r.code, r.edited === 1]));
    for (const [position, v] of catalog.items.entries()) {
      const columns = violationColumns(v);
      const shipped = JSON.stringify(columns);
      if (!edited.has(v.code)) {
        // Another desk starting at once may have added it meanwhile: its row stands.
        await trx.insertInto('violation_types').values({ code: v.code, ...columns, active: 1, position, shipped })
          .onConflict((oc) => oc.column('code').doNothing()).execute();
      } else {
        await trx.updateTable('violation_types').set({ shipped }).where('code', '=', v.code).execute();
        // Only a row nobody edited takes the values (an admin's save on another desk meanwhile stands).
        if (!edited.get(v.code)) await trx.updateTable('violation_types').set(columns).where('code', '=', v.code).where('edited', '=', 0).execute();
      }
    }
    await markApplied(trx, 'violation-types', catalog.version, at);
  });
}

export async function listViolationTypes(db: Db) {
  const rows = await db.selectFrom('violation_types').selectAll().where('active', '=', 1).orderBy('position').execute();
  return rows.map((r) => ({
    code: r.code, name: r.name, legalRef: r.legal_ref, articleCar: r.article_car, articleMotorbike: r.article_motorbike,
  }));
}

/** The names of one commune and one province, by code (either may be '' or unknown: then none). */
export async function placeNames(db: Db, place: { communeCode: string; provinceCode: string }) {
  return {
    communes: await db.selectFrom('communes').select(['code', 'name']).where('code', '=', place.communeCode).execute(),
    provinces: await db.selectFrom('provinces').select(['code', 'name']).where('code', '=', place.provinceCode).execute(),
  };
}

/** Whether the commune is one of the province's on today's map. */
export async function communeOfProvince(db: Db, communeCode: string, provinceCode: string): Promise<boolean> {
  return (await db.selectFrom('communes').select('code').where('code', '=', communeCode).where('province_code', '=', provinceCode).executeTakeFirst()) !== undefined;
}

export async function listPlaces(db: Db) {
  const provinces = await db.selectFrom('provinces').select(['code', 'name']).orderBy('name').execute();
  const communes = await db.selectFrom('communes').select(['code', 'name', 'province_code']).orderBy('name').execute();
  return {
    provinces,
    communes: communes.map((c) => ({ code: c.code, name: c.name, provinceCode: c.province_code })),
  };
}

export async function listOfficers(db: Db, unitId: number) {
  const rows = await db.selectFrom('officers')
    .select(['id', 'full_name', 'rank', 'role'])
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, rank: r.rank, role: r.role }));
}

// The admin's view of the violation types (issue 11.2): every row, switched off too, with what the catalog says.

export interface ViolationTypeAdminRow extends Required<ViolationTypeRow> {
  active: boolean;
  edited: boolean;
  /** What the shipped catalog last said of this row (its columns), when it comes from the catalog. */
  shipped: Record<string, unknown> | null;
}

export async function listAllViolationTypes(db: Db): Promise<ViolationTypeAdminRow[]> {
  const rows = await db.selectFrom('violation_types').selectAll().orderBy('active', 'desc').orderBy('position').orderBy('name').execute();
  return rows.map((r) => ({
    code: r.code, name: r.name, legalRef: r.legal_ref, articleCar: r.article_car, articleMotorbike: r.article_motorbike,
    fineCarFrom: r.fine_car_from, fineCarTo: r.fine_car_to, fineMotorbikeFrom: r.fine_motorbike_from, fineMotorbikeTo: r.fine_motorbike_to,
    effectiveFrom: r.effective_from, effectiveUntil: r.effective_until, active: r.active === 1, edited: r.edited === 1,
    shipped: r.shipped === '' ? null : JSON.parse(r.shipped) as Record<string, unknown>,
  }));
}

/** The admin's values for a violation type (a new code is added at the end); the row is marked edited. Returns false when a new code exists already. */
export async function saveViolationType(db: Db, v: ViolationTypeRow & { active: boolean }, isNew: boolean): Promise<boolean> {
  const values = { ...violationColumns(v), active: Number(v.active), edited: 1 };
  if (!isNew) {
    const { numUpdatedRows } = await db.updateTable('violation_types').set(values).where('code', '=', v.code).executeTakeFirst();
    return Number(numUpdatedRows) === 1;
  }
  if (await db.selectFrom('violation_types').select('code').where('code', '=', v.code).executeTakeFirst()) return false;
  const last = await db.selectFrom('violation_types').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  await db.insertInto('violation_types').values({ code: v.code, ...values, position: Number(last?.p ?? 0) + 1 })
    .onConflict((oc) => oc.column('code').doNothing()).execute();
  return true;
}

/** The row takes what the catalog says again, and follows the catalog's next versions (no longer edited). */
export async function takeShippedViolationType(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('violation_types').select('shipped').where('code', '=', code).executeTakeFirst();
  if (!row || row.shipped === '') return false;
  await db.updateTable('violation_types').set({ ...(JSON.parse(row.shipped) as ReturnType<typeof violationColumns>), edited: 0 }).where('code', '=', code).execute();
  return true;
}

export async function catalogVersions(db: Db) {
  return (await db.selectFrom('catalog_versions').selectAll().orderBy('name').execute()).map((r) => ({ name: r.name, version: r.version, appliedAt: r.applied_at }));
}

// The legal texts the violation types cite (legalRef → how a document names it), kept like the other catalogs.

export interface LegalDocument { ref: string; short: string; full: string; amendedBy: string[] }

const legalColumns = (d: LegalDocument) => ({ short_name: d.short, full_name: d.full, amended_by: JSON.stringify(d.amendedBy) });

export async function upsertLegalDocuments(db: Db, catalog: { version: string; items: LegalDocument[] }, at: string): Promise<void> {
  if (!(await isNewer(db, 'legal-documents', catalog.version))) return;
  await db.transaction().execute(async (trx) => {
    const edited = new Map((await trx.selectFrom('legal_documents').select(['ref', 'edited']).execute()).map((r) => [r.ref, r.edited === 1]));
    for (const d of catalog.items) {
      const shipped = JSON.stringify(d);
      if (!edited.has(d.ref)) {
        await trx.insertInto('legal_documents').values({ ref: d.ref, ...legalColumns(d), shipped }).onConflict((oc) => oc.column('ref').doNothing()).execute();
      } else {
        await trx.updateTable('legal_documents').set({ shipped }).where('ref', '=', d.ref).execute();
        if (!edited.get(d.ref)) await trx.updateTable('legal_documents').set(legalColumns(d)).where('ref', '=', d.ref).where('edited', '=', 0).execute();
      }
    }
    await markApplied(trx, 'legal-documents', catalog.version, at);
  });
}

export async function listLegalDocuments(db: Db): Promise<(LegalDocument & { edited: boolean; shipped: LegalDocument | null })[]> {
  const rows = await db.selectFrom('legal_documents').selectAll().orderBy('ref').execute();
  return rows.map((r) => ({
    ref: r.ref, short: r.short_name, full: r.full_name, amendedBy: JSON.parse(r.amended_by) as string[], edited: r.edited === 1,
    shipped: r.shipped === '' ? null : JSON.parse(r.shipped) as LegalDocument,
  }));
}

/** Adds (false when the reference exists) or edits (false when it does not) a legal text, marked edited; returns what it was. */
export async function saveLegalDocument(db: Db, d: LegalDocument, isNew: boolean): Promise<{ saved: boolean; before: LegalDocument | null }> {
  const row = await db.selectFrom('legal_documents').select(['short_name', 'full_name', 'amended_by']).where('ref', '=', d.ref).executeTakeFirst();
  if (isNew === (row !== undefined)) return { saved: false, before: null };
  if (isNew) {
    await db.insertInto('legal_documents').values({ ref: d.ref, ...legalColumns(d), edited: 1 }).onConflict((oc) => oc.column('ref').doNothing()).execute();
    return { saved: true, before: null };
  }
  await db.updateTable('legal_documents').set({ ...legalColumns(d), edited: 1 }).where('ref', '=', d.ref).execute();
  return { saved: true, before: { ref: d.ref, short: row!.short_name, full: row!.full_name, amendedBy: JSON.parse(row!.amended_by) as string[] } };
}

export async function takeShippedLegalDocument(db: Db, ref: string): Promise<boolean> {
  const row = await db.selectFrom('legal_documents').select('shipped').where('ref', '=', ref).executeTakeFirst();
  if (!row || row.shipped === '') return false;
  await db.updateTable('legal_documents').set({ ...legalColumns(JSON.parse(row.shipped) as LegalDocument), edited: 0 }).where('ref', '=', ref).execute();
  return true;
}
