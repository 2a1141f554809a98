import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

// The station processes the tests start (the command line, the hostile suite's desks) run from one JavaScript file
// each: built once per run by vitest's and Playwright's global setup. The command line is the shipped one
// (`npm run build:cli`, out/cli/station.mjs, as `npm run serve` runs it); the tests' own scripts are bundled here, two
// folders below the root as it is. Compiling the sources with tsx at every start was most of the time of the suites
// that start hundreds of processes.

const root = join(import.meta.dirname, '..', '..');
const entries = {
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
export function bundled(name: keyof typeof entries | 'station'): string {
  return name === 'station' ? join(root, 'out', 'cli', 'station.mjs') : join(root, 'out', 'test-bundles', `${name}.mjs`);
}

export default async function buildBundles(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' });
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
    outdir: join(root, 'out', 'test-bundles'), outExtension: { '.js': '.mjs' },
    bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error',
  });
}
