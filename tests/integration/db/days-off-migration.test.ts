import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from '../../../db/connection';
import { migrateTo, migrateToLatest } from '../../../db/migrate';
import { announcedDaysOff } from '../../../db/queries/calendar';
import { openStation } from '../../../electron/host/open-station';
import { backends, tempDataDir } from '../../support/station';

const folders: Awaited<ReturnType<typeof tempDataDir>>[] = [];
afterEach(async () => { for (const f of folders.splice(0)) await f.remove(); });

describe.each(backends)('%s', (backend) => {
  it('0010 adds an empty days_off table to a database left by 0009; the station seeds it once from the data file', async () => {
    const folder = await tempDataDir(backend);
    folders.push(folder);
    const db = folder.databaseUrl ? await openPostgres(folder.databaseUrl) : openSqlite(join(folder.dataDir, 'station.sqlite')).db;
    await migrateTo(db, '0009_document_settings');
    await migrateToLatest(db);
    expect(await announcedDaysOff(db)).toEqual([]);
    await db.insertInto('days_off').values({ day: '2026-09-01', name: 'Đã bỏ', source: '', added_at: '2026-01-01T00:00:00Z', removed_at: '2026-02-01T00:00:00Z' }).execute();
    await db.destroy();

    const host = await openStation({ dataDir: folder.dataDir, now: () => new Date('2026-11-23T03:00:00Z') });
    const days = await announcedDaysOff(host.station.db);
    // Seeded (14–15/02, 21–22/02/2026), but a day removed before is not brought back.
    expect(days.map((d) => d.day)).toEqual(['2026-02-14', '2026-02-15', '2026-02-21', '2026-02-22']);
    await host.close();
  });
});
