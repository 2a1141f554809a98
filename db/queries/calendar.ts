import type { Db } from '../connection';
import { addAuditEvent } from './audit';

// Announced days off (table days_off, migration 0010). Removed days keep their row, marked removed_at.

export interface AnnouncedDayOffRow { id: number; day: string; name: string; source: string }

/** Every announced day off in force, in day order: what a deadline computation needs, read once per call. */
export async function announcedDaysOff(db: Db, year?: number): Promise<AnnouncedDayOffRow[]> {
  let q = db.selectFrom('days_off').select(['id', 'day', 'name', 'source']).where('removed_at', 'is', null);
  if (year !== undefined) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return q.orderBy('day').execute();
}

/** Seeds the data file's days once each: a day already known (even removed since) is left as it is. */
export async function seedDaysOff(db: Db, items: readonly { day: string; name: string; source: string }[], at: string): Promise<void> {
  if (items.length === 0) return;
  await db.insertInto('days_off')
    .values(items.map((i) => ({ day: i.day, name: i.name, source: i.source, added_at: at })))
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
}

/** Adds an announced day off (a removed one comes back with the new name) and its audit line, together. */
export async function addDayOff(db: Db, d: { day: string; name: string; source: string; at: string; officerId: number }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('days_off').select(['id', 'removed_at']).where('day', '=', d.day).executeTakeFirst();
    if (existing && existing.removed_at === null) return false;
    if (existing) {
      await trx.updateTable('days_off').set({ name: d.name, source: d.source, added_at: d.at, removed_at: null }).where('id', '=', existing.id).execute();
    } else {
      await trx.insertInto('days_off').values({ day: d.day, name: d.name, source: d.source, added_at: d.at }).execute();
    }
    await addAuditEvent(trx, {
      at: d.at, officerId: d.officerId, reportId: null, action: 'calendar.day-off-added',
      detail: { day: d.day, name: d.name, source: d.source },
    });
    return true;
  });
}

/** Removes an announced day off and writes the audit line; the day it was, or null when there is none to remove. */
export async function removeDayOff(db: Db, d: { id: number; at: string; officerId: number }): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('days_off').select(['day', 'name']).where('id', '=', d.id).where('removed_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    await trx.updateTable('days_off').set({ removed_at: d.at }).where('id', '=', d.id).execute();
    await addAuditEvent(trx, {
      at: d.at, officerId: d.officerId, reportId: null, action: 'calendar.day-off-removed',
      detail: { day: row.day, name: row.name },
    });
    return row.day;
  });
}

/** The calendar's audit lines, newest first (for tests and the admin). */
export async function calendarAudit(db: Db) {
  const rows = await db.selectFrom('audit_events').select(['at', 'officer_id', 'action', 'detail'])
    .where('action', 'like', 'calendar.%').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ at: r.at, officerId: r.officer_id, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
