import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReport } from '../../electron/services/intake/reports';
import { backends, form, pgAdmin, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// The PostgreSQL server ends a desk's connections while they rest in its pool (a restart, an administrator, a network
// cut): the desk goes on with new ones at its next save, and its process does not die of an unheard error.

const figures = Object.assign(hostileFigures('database restart'), { savesAfter: 0 });

describe.each(backends.filter((b) => b === 'postgres'))('%s: connections ended by the server', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  afterAll(async () => { await t?.close(); });

  it('the desk saves again after the server ended every connection of its pool', async () => {
    t = await tempStation(undefined, backend);
    await Promise.all(Array.from({ length: 4 }, () => createReport(t.station, null, form())));
    const database = new URL(JSON.parse(readFileSync(join(t.dataDir, 'settings.json'), 'utf8')).databaseUrl).pathname.slice(1);
    await pgAdmin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`);
    figures.requestsTried++;
    // The idle connections learn of it on their own; give the pool a moment to hear them.
    await new Promise((r) => setTimeout(r, 300));
    for (let k = 0; k < 3; k++) {
      const { code } = await createReport(t.station, null, form());
      expect(code).toMatch(/^PA-2026-/);
      figures.savesAfter++;
    }
  });
});
