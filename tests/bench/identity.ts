import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listPlaces } from '../../db/queries/catalog';
import { openStation, type StationHost } from '../../electron/host/open-station';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { createReport } from '../../electron/services/intake/reports';
import type { IdentityKeys } from '../../electron/services/keys/sealing';
import { signInForTest } from '../support/station';

// `npm run bench:identity`: what sealing the reporters' identities costs a desk saving reports. Two stations on
// real SQLite files (synchronous FULL, as a desk runs), the same 10,000 demo reports (70 % with an identity,
// every one with a caller's number) saved through the real intake service; one seals with the station's data
// key (AES-256-GCM and two HMAC blind indexes per report), the other, the baseline measured in the same run,
// keeps the same values unsealed. They take turns in blocks of 250, which one goes first alternating.
// Target: sealed/plain ≤ 1.2 (issue 10).

const COUNT = Number(process.env.BENCH_SAVES ?? 10_000);
const BLOCK = 250;

/** The baseline: the same calls, no cipher (what the station stored before issue 10). */
const unsealed = (keys: IdentityKeys): IdentityKeys => ({
  ...keys,
  seal: (_purpose, plain) => plain,
  mac: (_kind, value) => value,
});

async function station(label: string, plain: boolean) {
  const dataDir = mkdtempSync(join(tmpdir(), `station-bench-${label}-`));
  const host: StationHost = await openStation({ dataDir });
  await signInForTest(host);
  if (plain) host.station.keys = unsealed(host.station.keys!);
  return { host, dataDir, ms: 0 };
}

async function main(): Promise<void> {
  const sealed = await station('sealed', false);
  const plain = await station('plain', true);
  const { communes } = await listPlaces(sealed.host.station.db);
  const forms = [...demoForms(COUNT, { seed: 11, until: sealed.host.station.now(), days: 30, communes })];
  const withIdentity = forms.filter((f) => !f.reporter.anonymous).length;
  console.log(`Benchmark: saving ${COUNT.toLocaleString('en')} reports (${withIdentity.toLocaleString('en')} with an identity), sealed and plain, in blocks of ${BLOCK}`);
  try {
    for (let start = 0, block = 0; start < forms.length; start += BLOCK, block++) {
      const slice = forms.slice(start, start + BLOCK);
      for (const s of block % 2 === 0 ? [sealed, plain] : [plain, sealed]) {
        const t0 = performance.now();
        for (const form of slice) await createReport(s.host.station, null, form);
        s.ms += performance.now() - t0;
      }
    }
    const sample = await sealed.host.station.db.selectFrom('reporters').select('identity').limit(1).executeTakeFirstOrThrow();
    if (!sample.identity.startsWith('s1:')) throw new Error('the sealed station did not seal');
    const ratio = sealed.ms / plain.ms;
    console.log(`  plain:  ${(plain.ms / 1000).toFixed(1)} s, ${(plain.ms / COUNT).toFixed(2)} ms a report`);
    console.log(`  sealed: ${(sealed.ms / 1000).toFixed(1)} s, ${(sealed.ms / COUNT).toFixed(2)} ms a report`);
    console.log(`  ratio sealed/plain: ${ratio.toFixed(3)}× — target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'}`);
  } finally {
    for (const s of [sealed, plain]) {
      await s.host.close();
      rmSync(s.dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
