import { afterEach, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/host/open-station';
import { backends, tempStation, TEST_UNIT, testSetup } from '../support/station';
import { hostileFigures } from './figures';

// Two desks on one data folder (or one PostgreSQL database) at their first run, both creating "the" admin at
// the same moment: exactly one account may come of it, the other desk is told to sign in.

const figures = Object.assign(hostileFigures('first-admin-race'), { adminsCreated: 0, rounds: 0 });

describe.each(backends)('first run on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  it('two desks setting up the admin at once: one account, the other refused', async () => {
    for (let round = 0; round < 3; round++) {
      t = await tempStation(undefined, backend, { signedIn: false });
      const desk2 = await openStation({ dataDir: t.dataDir });
      try {
        figures.processesRaced += 2;
        figures.rounds += 1;
        const results = await Promise.allSettled([
          t.host.handlers['auth:setup'](testSetup({ fullName: 'Quản trị một', rank: '', login: 'quantri1', password: 'một câu dài dễ nhớ' })),
          desk2.handlers['auth:setup']({ ...testSetup({ fullName: 'Quản trị hai', rank: '', login: 'quantri2', password: 'một câu dài khác' }), unit: { ...TEST_UNIT, name: 'Công an phường Kon Tum' } }),
        ]);
        const accounts = await t.station.db.selectFrom('officers').select('login').where('password_hash', 'is not', null).execute();
        figures.adminsCreated += accounts.length;
        expect(accounts).toHaveLength(1);
        // Each desk set up its own unit: one unit only, the winner's.
        expect(await t.station.db.selectFrom('units').select('id').execute()).toHaveLength(1);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'rejected' } });
      } finally {
        await desk2.close();
      }
      await t.close();
      t = null;
    }
  }, 60_000);
});
