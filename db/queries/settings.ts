import { PostgresAdapter, sql } from 'kysely';
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

/** Brings a claim's time up to date while its work goes on (a long backup): false when this desk no longer holds it. */
export async function renewSetting(db: Db, name: string, mine: string, renewed: string): Promise<boolean> {
  const r = await db.updateTable('station_settings').set({ value: renewed }).where('name', '=', name).where('value', '=', mine).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The database's own clock, for what desks on several machines compare (claims and intents going stale): one clock
 * for all of them, where the machines' own may be hours apart. A record's time stays the desk's (station.now()).
 */
export async function databaseNow(db: Db): Promise<Date> {
  const query = db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<{ now: string }>`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`
    : sql<{ now: string }>`select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as now`;
  return new Date((await query.execute(db)).rows[0]!.now);
}
