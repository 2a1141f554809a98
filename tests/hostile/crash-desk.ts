import { listPlaces } from '../../db/queries/catalog';
import { openStation } from '../../electron/host/open-station';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { issueDocument } from '../../electron/services/documents/issue';
import { importFiles } from '../../electron/services/evidence/import';
import { scanFolder } from '../../electron/services/evidence/scan';
import { createReport } from '../../electron/services/intake/reports';
import { signInForTest } from '../support/station';

// A desk for crash-harness.test.ts, killed (SIGKILL) at random moments: `tsx tests/hostile/crash-desk.ts <dataDir>
// <mediaDir> <seed>` opens the station, prints `ready`, then works until killed: saves a report, imports a file of
// the media folder into every other one, issues the intake form of every third. Each line `ack …` is printed only
// after the call returned, so it is a promise the station made: `ack report <code>`, `ack import <code> <sha256>`,
// `ack doc <id> <sha256>`. (Writes to a pipe are synchronous on Linux: a line printed is delivered.)

const [dataDir, mediaDir, seedArg] = process.argv.slice(2);
if (!dataDir || !mediaDir) throw new Error('usage: crash-desk.ts <dataDir> <mediaDir> <seed>');
const seed = Number(seedArg ?? '1');

const host = await openStation({ dataDir });
await signInForTest(host);
const { station } = host;
const { communes } = await listPlaces(station.db);
const files = (await scanFolder(mediaDir)).files;
const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: '', name: 'Lê Thị Hoa' };
console.log('ready');
let i = 0;
for (const form of demoForms(100_000, { seed, until: station.now(), days: 1, communes })) {
  const { id, code } = await createReport(station, null, form);
  console.log(`ack report ${code}`);
  if (i % 2 === 0) {
    const file = files[(i / 2 + seed) % files.length]!;
    for (const r of await importFiles(station, { reportId: id, files: [file], sourceLabel: 'USB' })) {
      if (r.ok) console.log(`ack import ${code} ${r.sha256}`);
    }
  }
  if (i % 3 === 0) {
    const doc = await issueDocument(station, id, { kind: 'intake_form', params: { signer } }, null);
    console.log(`ack doc ${doc.id} ${doc.sha256}`);
  }
  i++;
}
