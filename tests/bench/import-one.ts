import { basename } from 'node:path';
import { openStation } from '../../electron/host/open-station';
import { importFiles } from '../../electron/services/evidence/import';
import { scanFolder } from '../../electron/services/evidence/scan';
import { createReport } from '../../electron/services/intake/reports';
import { signInForTest } from '../support/station';

// Child process of the import benchmark: imports one folder into a fresh station and prints its peak
// memory (max RSS), so nothing else the benchmark holds is counted.
const [folder, dataDir] = process.argv.slice(2) as [string, string];
const host = await openStation({ dataDir });
await signInForTest(host);
const { id: reportId } = await createReport(host.station, null, {
  channel: 'usb', receivedAt: '2026-11-23T09:00', hotline: '', callerPhone: '', violationCodes: [], occurredAt: '', occurredApprox: false,
  ongoing: false, description: 'Benchmark',
  location: { road: '', houseNumber: '', intersection: '', kmMarker: '', provinceCode: '', communeCode: '', gps: '', callerWords: '' },
  vehicles: [], reporter: { anonymous: true, fullName: '', birthYear: '', cccd: '', address: '', phone: '', wantsFeedback: false },
});
const started = performance.now();
const results = await importFiles(host.station, { reportId, files: (await scanFolder(folder)).files, sourceLabel: basename(folder) });
const ms = performance.now() - started;
await host.close();
console.log(JSON.stringify({ ms, ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, maxRssKiB: process.resourceUsage().maxRSS }));
