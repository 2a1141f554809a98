import { afterEach, describe, expect, it } from 'vitest';
import { openStation, type StationHost } from '../../electron/host/open-station';
import { backends, officerWithAccount, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// Two admins at two desks, each taking the admin role from the other at the same moment: one of them must be
// refused, or the station is left with no admin (on PostgreSQL each transaction would see the other admin still
// there). Each round also counts the admins left. PostgreSQL only: on SQLite the desks are processes whose writes
// BEGIN IMMEDIATE puts one after the other, and two desks inside one test process would only wait on each other's
// busy timeout (better-sqlite3 waits synchronously), which proves nothing.

const figures = Object.assign(hostileFigures('last-admin-race'), { rounds: 0, bothSaved: 0, stationsWithoutAdmin: 0 });
const ROUNDS = 6;

describe.each(backends.filter((b) => b === 'postgres'))('two admins demoting each other at once on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  let desk2: StationHost | null = null;
  afterEach(async () => { await desk2?.close(); desk2 = null; await t?.close(); t = null; });

  it(`one of the two saves is refused and an admin remains, ${ROUNDS} rounds`, async () => {
    t = await tempStation(undefined, backend);
    const password = 'mật khẩu quản trị thứ hai';
    const second = await officerWithAccount(t.host, 'Quản trị thứ hai', { login: 'quantri2', password, roles: ['admin'] });
    desk2 = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z') });
    await desk2.handlers['auth:signIn']({ login: 'quantri2', password });
    const first = (await t.host.handlers['session:get']({})).officer.id;
    const entry = (id: number, name: string, admin: boolean) => ({ id, fullName: name, rank: '', roles: admin ? ['admin' as const, 'duty' as const] : ['duty' as const], active: true, login: '', password: '' });
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      figures.rounds += 1;
      figures.processesRaced += 2;
      const results = await Promise.allSettled([
        t.host.handlers['admin:saveOfficer'](entry(second, 'Quản trị thứ hai', false)),
        desk2.handlers['admin:saveOfficer'](entry(first, 'Cán bộ trực ban Phòng CSGT', false)),
      ]);
      const admins = await t.station.db.selectFrom('officers').select('id').where('roles', 'like', '%admin%').where('active', '=', 1).execute();
      const saved = results.filter((r) => r.status === 'fulfilled').length;
      if (saved === 2) figures.bothSaved += 1;
      if (admins.length === 0) figures.stationsWithoutAdmin += 1;
      outcomes.push(`${saved} saved, ${admins.length} admin(s)`);
      // Both admins again for the next round, by whichever desk still is one (its session is still valid).
      const desk = admins.some((a) => a.id === first) ? t.host : desk2;
      for (const [id, name] of [[first, 'Cán bộ trực ban Phòng CSGT'], [second, 'Quản trị thứ hai']] as const) await desk.handlers['admin:saveOfficer'](entry(id, name, true));
    }
    expect(outcomes).toEqual(Array.from({ length: ROUNDS }, () => '1 saved, 1 admin(s)'));
  }, 60_000);
});
