import type { Db } from '../connection';
import { inChunks } from '../prepared';

export interface ViolationTypeRow {
  code: string;
  name: string;
  legalRef: string;
  articleCar: string | null;
  articleMotorbike: string | null;
  effectiveFrom: string;
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

export async function upsertViolationTypes(db: Db, items: ViolationTypeRow[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [position, v] of items.entries()) {
      await trx.insertInto('violation_types')
        .values({
          code: v.code, name: v.name, legal_ref: v.legalRef, article_car: v.articleCar,
          article_motorbike: v.articleMotorbike, effective_from: v.effectiveFrom, active: 1, position,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
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
