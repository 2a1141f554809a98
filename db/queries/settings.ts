import type { Db } from '../connection';

// Settings every desk of the station shares, by name (issue 11.2): read on each use, so a change reaches every desk.

export async function stationSetting(db: Db, name: string): Promise<string | null> {
  return (await db.selectFrom('station_settings').select('value').where('name', '=', name).executeTakeFirst())?.value ?? null;
}

export async function setStationSetting(db: Db, name: string, value: string): Promise<void> {
  await db.insertInto('station_settings').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
}

/**
 * Takes a claim kept as a setting (its value begins with the time it was taken): true when this desk took it, the
 * claim being free or its holder's older than `staleBefore`. One statement: two desks never both take it.
 */
export async function claimSetting(db: Db, name: string, mine: string, staleBefore: string): Promise<boolean> {
  await db.insertInto('station_settings').values({ name, value: '' }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const r = await db.updateTable('station_settings').set({ value: mine })
    .where('name', '=', name).where((eb) => eb.or([eb('value', '=', ''), eb('value', '<', staleBefore)])).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a claim back, if this desk still holds it. */
export async function releaseSetting(db: Db, name: string, mine: string): Promise<void> {
  await db.updateTable('station_settings').set({ value: '' }).where('name', '=', name).where('value', '=', mine).execute();
}
