import { renumberCommune } from './facts';
import type { Db } from '../connection';
import { inChunks } from '../prepared';
import { applyCatalog } from './catalog-versions';

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
      await renumberCommune(trx, old.code, today);
      await trx.deleteFrom('communes').where('code', '=', old.code).execute();
    }
  });
}

/** What the catalog says of a violation type, as its columns (also what `shipped` keeps, as JSON). */
const violationColumns = (v: ViolationTypeRow) => ({
  name: v.name, legal_ref: v.legalRef, article_car: v.articleCar, article_motorbike: v.articleMotorbike,
  fine_car_from: v.fineCarFrom ?? null, fine_car_to: v.fineCarTo ?? null, fine_motorbike_from: v.fineMotorbikeFrom ?? null,
  fine_motorbike_to: v.fineMotorbikeTo ?? null, effective_from: v.effectiveFrom, effective_until: v.effectiveUntil ?? null,
});

/** A version of the shipped violation types (catalog-versions.ts); `shipped` keeps their columns. */
export async function upsertViolationTypes(db: Db, catalog: { version: string; items: ViolationTypeRow[] }, at: string): Promise<void> {
  await applyCatalog(db, { name: 'violation-types', version: catalog.version, at }, 'violation_types', 'code', catalog.items.map((v, position) => ({
    key: v.code, columns: violationColumns(v), shipped: violationColumns(v), onInsert: { active: 1, position },
  })));
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

// The legal texts the violation types cite (legalRef → how a document names it), kept like the other catalogs.

export interface LegalDocument { ref: string; short: string; full: string; amendedBy: string[] }

const legalColumns = (d: LegalDocument) => ({ short_name: d.short, full_name: d.full, amended_by: JSON.stringify(d.amendedBy) });

/** A version of the shipped legal texts (catalog-versions.ts); `shipped` keeps the text as the catalog has it. */
export async function upsertLegalDocuments(db: Db, catalog: { version: string; items: LegalDocument[] }, at: string): Promise<void> {
  await applyCatalog(db, { name: 'legal-documents', version: catalog.version, at }, 'legal_documents', 'ref',
    catalog.items.map((d) => ({ key: d.ref, columns: legalColumns(d), shipped: d })));
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
