import type { Db } from '../connection';

// Settings every desk of the station shares, by name (issue 11.2): read on each use, so a change reaches every desk.

export async function stationSetting(db: Db, name: string): Promise<string | null> {
  return (await db.selectFrom('station_settings').select('value').where('name', '=', name).executeTakeFirst())?.value ?? null;
}

export async function setStationSetting(db: Db, name: string, value: string): Promise<void> {
  await db.insertInto('station_settings').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute();
}
