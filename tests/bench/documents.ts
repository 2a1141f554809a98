import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPlaces } from '../../db/queries/catalog';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { openStation } from '../../electron/host/open-station';
import { issueRegister, previewDocument } from '../../electron/services/documents/issue';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { createReport } from '../../electron/services/intake/reports';

// `npm run bench` (documents part): a one-page intake form (median of 30 warm runs; target < 150 ms) and
// the register of 2,000 reports (median of 3; target < 3 s), through the real services and pdfmake.

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-bench-docs-'));
  const host = await openStation({ dataDir });
  try {
    const { communes } = await listPlaces(host.station.db);
    const now = host.station.now();
    let lastId = 0;
    for (const form of demoForms(2000, { seed: 11, until: now, days: 20, communes })) lastId = (await createReport(host.station, null, form)).id;
    const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: '', name: 'Lê Thị Hoa' };
    const formTimes: number[] = [];
    for (let i = 0; i < 35; i++) {
      const t0 = performance.now();
      await previewDocument(host.station, lastId, { kind: 'intake_form', params: { signer } });
      if (i >= 5) formTimes.push(performance.now() - t0);
    }
    const from = utcIsoToLocal(new Date(now.getTime() - 21 * 86_400_000)).slice(0, 10);
    const to = utcIsoToLocal(now).slice(0, 10);
    const registerTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await issueRegister(host.station, { from, to }, i === 0 ? null : 'bench');
      registerTimes.push(performance.now() - t0);
    }
    const f = median(formTimes);
    const r = median(registerTimes);
    console.log('Documents benchmark (real services, pdfmake, Liberation Serif)');
    console.log(`  one-page intake form, warm:   median ${f.toFixed(0)} ms (target < 150 ms): ${f < 150 ? 'met' : 'NOT met'}`);
    console.log(`  register of 2,000 reports:    median ${(r / 1000).toFixed(2)} s (target < 3 s): ${r < 3000 ? 'met' : 'NOT met'}`);
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
