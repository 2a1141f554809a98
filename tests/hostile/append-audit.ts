import { once } from 'node:events';
import { openStation } from '../../electron/host/open-station';
import { createReport } from '../../electron/services/intake/reports';
import { noteReport } from '../../electron/services/workflow/cases';
import { form, signInForTest } from '../support/station';

// A desk of audit-tamper.test.ts's race: `tsx tests/hostile/append-audit.ts <dataDir> <count> <lanes>` opens the
// station, prints `ready`, and on a line from stdin writes <count> audit lines through the real services (a report
// saved, then notes on it), <lanes> at a time (on PostgreSQL each lane may hold its own connection), printing
// `done <json>` with the lines written, the errors, and when it started and ended (epoch ms).

const [dataDir, countArg, lanesArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: append-audit.ts <dataDir> <count> <lanes>');
const count = Number(countArg ?? '100');
const lanes = Number(lanesArg ?? '4');

const host = await openStation({ dataDir });
await signInForTest(host);
console.log('ready');
await once(process.stdin.setEncoding('utf8'), 'data');
const start = Date.now();
let written = 0;
const errors: string[] = [];
await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
  let reportId: number | null = null;
  for (let i = lane; i < count; i += lanes) {
    // A desk writes between other work: a pause of a few ms lets the other desk's lines in between.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
    try {
      if (reportId === null) reportId = (await createReport(host.station, null, form({ description: `Làn ${lane} của tiến trình ${process.pid}` }))).id;
      else await noteReport(host.station, reportId, `Ghi chú ${i} của tiến trình ${process.pid}`);
      written++;
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
}));
console.log(`done ${JSON.stringify({ written, errors, start, end: Date.now() })}`);
await host.close();
process.exit(0);
