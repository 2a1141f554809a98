import { once } from 'node:events';
import type { KyselyPlugin } from 'kysely';
import { openStation } from '../../electron/host/open-station';
import { signInForTest } from '../support/station';
import { issueRegister } from '../../electron/services/documents/issue';

// Process A of register-lock.test.ts: a desk issuing the register of a period.
// `tsx tests/hostile/issue-register.ts <dataDir> <from> <to>` opens the station and prints `ready`; on a line
// from stdin it issues the register, printing `numbered <epoch ms>` when the register's number is being taken
// (the render follows at once) and `issued <epoch ms> <json>` when the document is recorded.

const [dataDir, from, to] = process.argv.slice(2);
if (!dataDir || !from || !to) throw new Error('usage: issue-register.ts <dataDir> <from> <to>');

// Sees the number being taken whatever transaction it runs in: a committed counter row would not show a
// render that holds the transaction open (the very fault under test).
const numberWatch: KyselyPlugin = {
  transformQuery({ node }) {
    if (node.kind === 'UpdateQueryNode' && JSON.stringify(node).includes('"document_counters"')) console.log(`numbered ${Date.now()}`);
    return node;
  },
  transformResult: async ({ result }) => result,
};

const host = await openStation({ dataDir });
await signInForTest(host);
const station = { ...host.station, db: host.station.db.withPlugin(numberWatch) };
console.log('ready');
await once(process.stdin.setEncoding('utf8'), 'data');
const issued = await issueRegister(station, { from, to }, 'hostile');
console.log(`issued ${Date.now()} ${JSON.stringify(issued)}`);
await host.close();
process.exit(0);
