import { once } from 'node:events';
import { listPlaces } from '../../db/queries/catalog';
import { openStation } from '../../electron/host/open-station';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { createReport } from '../../electron/services/intake/reports';
import { signInForTest } from '../support/station';

// Process B of register-lock.test.ts: another desk saving reports one after the other, as an officer would.
// `tsx tests/hostile/save-reports.ts <dataDir> <count>` opens the station and prints `ready`; on a line from
// stdin it saves <count> reports, printing `save <json>` for each (start as epoch ms, latency in ms, and the
// error when refused), then `done`.

const [dataDir, countArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: save-reports.ts <dataDir> <count>');
const count = Number(countArg ?? '200');

const host = await openStation({ dataDir });
await signInForTest(host);
const { communes } = await listPlaces(host.station.db);
const forms = [...demoForms(count, { seed: 4242, until: host.station.now(), days: 1, communes })];
console.log('ready');
await once(process.stdin.setEncoding('utf8'), 'data');
for (const [i, form] of forms.entries()) {
  const start = Date.now();
  const t0 = performance.now();
  let error: string | null = null;
  try {
    await createReport(host.station, null, form);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  console.log(`save ${JSON.stringify({ i, start, ms: performance.now() - t0, error })}`);
}
console.log('done');
await host.close();
process.exit(0);
