import { join } from 'node:path';
import { build } from 'esbuild';

// The station processes the tests start (the command line, the hostile suite's desks) run from one JavaScript file
// each, as `npm run serve` runs the command line: bundled once per test run by esbuild (vitest's and Playwright's
// global setup). Compiling the sources with tsx at every start was most of the time of the suites that start
// hundreds of processes. The bundles sit two folders below the root, as out/cli/station.mjs does, so the command
// line finds out/renderer and resources/ as it does when served.

const root = join(import.meta.dirname, '..', '..');
const entries = {
  station: 'electron/cli/index.ts',
  'append-audit': 'tests/hostile/append-audit.ts',
  'crash-desk': 'tests/hostile/crash-desk.ts',
  'issue-register': 'tests/hostile/issue-register.ts',
  'photo-facts-child': 'tests/hostile/photo-facts-child.ts',
  'save-reports': 'tests/hostile/save-reports.ts',
  // The import benchmark's station: its memory measured as it runs when shipped, not under tsx and its esbuild.
  'import-one': 'tests/bench/import-one.ts',
  'copy-floor': 'tests/bench/copy-floor.ts',
};

/** The bundled file of a script: `spawn(process.execPath, [bundled('station'), 'import', …])`. */
export function bundled(name: keyof typeof entries): string {
  return join(root, 'out', 'test-bundles', `${name}.mjs`);
}

export default async function buildBundles(): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
    outdir: join(root, 'out', 'test-bundles'), outExtension: { '.js': '.mjs' },
    bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error',
  });
}
