import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';

// `npm run security:electron`: Doyensec's electronegativity over the Electron shell's source (electron/main,
// electron/preload, the renderer's index.html with its CSP, package.json). Fails when a finding above LOW is not
// justified in electronegativity.json, when a justification no longer matches a finding (so stale ones go),
// when a file in scope cannot be parsed (a file the scanner skips would pass unseen), or when a file silences a
// check inline with an `eng-disable` comment (the scanner honours them; the reasons belong in the config).

const root = resolve(import.meta.dirname, '..', '..');
const SCOPE = ['electron/main', 'electron/preload', 'renderer/index.html', 'package.json'];
// Fetches Electron's release list from GitHub (the machine is offline, and the fetch crashes the scanner);
// the Electron version is kept current through package.json instead.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const Justification = z.object({
  check: z.string().regex(/^[A-Z0-9_]+$/),
  /** Relative path, or "N/A" for a global check. */
  file: z.string().min(1),
  /** Optional: a piece of the flagged source line, to pin the justification to one place in the file. */
  match: z.string().min(1).optional(),
  reason: z.string().min(20),
});
const Config = z.object({ justified: z.array(Justification) });
type Justification = z.infer<typeof Justification>;

const Level = z.object({ name: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']), value: z.number() });
const Issue = z.object({
  id: z.string(),
  file: z.string(),
  sample: z.string().optional(),
  location: z.object({ line: z.number(), column: z.number() }),
  severity: Level,
  confidence: z.object({ name: z.string() }),
  description: z.string(),
});
const Result = z.object({
  globalChecks: z.number(),
  atomicChecks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(Issue),
});
type Issue = z.infer<typeof Issue>;

const require = createRequire(import.meta.url);
// The scanner fetches its message translations from S3 on every run (through `got`), and on an offline machine
// the fetch's retry throws after the scan. Its own copy of `got` is replaced by one that answers "not found" at
// once: the bundled English messages are used and nothing leaves the machine.
const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
const offlineGot = (): Promise<{ statusCode: number; body: string }> => Promise.resolve({ statusCode: 404, body: '' });
require.cache[scannerRequire.resolve('got')] = { exports: offlineGot } as unknown as NodeJS.Module;
const run = scannerRequire('./runner.js') as (options: object, forCli: boolean) => Promise<unknown>;
const electronVersion = z.object({ version: z.string() }).parse(require('electron/package.json')).version;
const config = Config.parse(JSON.parse(readFileSync(join(root, 'electronegativity.json'), 'utf8')));

process.exitCode = await scan();

/** The scanner takes one folder: the files in scope are copied into one, keeping their paths. */
async function scan(): Promise<number> {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    for (const path of SCOPE) cpSync(join(root, path), join(stage, path), { recursive: true });
    const started = performance.now();
    const result = Result.parse(await run({
      input: stage,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    }, false));
    // Parse errors carry the staged path; findings are already relative to it.
    for (const error of result.errors) error.file = relative(stage, error.file);
    const silenced = readdirSync(stage, { recursive: true, encoding: 'utf8' })
      .filter((path) => statSync(join(stage, path)).isFile() && /eng-disable/.test(readFileSync(join(stage, path), 'utf8')));
    return report(result, silenced, performance.now() - started);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function covers(j: Justification, issue: Issue): boolean {
  return j.check === issue.id && j.file === issue.file && (j.match === undefined || (issue.sample ?? '').includes(j.match));
}

function where(issue: Issue): string {
  return issue.file === 'N/A' ? '(global)' : `${issue.file}:${issue.location.line}`;
}

function report(result: z.infer<typeof Result>, silenced: string[], ms: number): number {
  const failures = silenced.map((path) => `${path} silences a check inline (eng-disable): justify it in electronegativity.json`);
  for (const error of result.errors) {
    if (!error.tolerable) failures.push(`cannot parse ${error.file}: ${error.message}`);
  }
  const bySeverity = new Map<string, number>();
  for (const issue of result.issues) bySeverity.set(issue.severity.name, (bySeverity.get(issue.severity.name) ?? 0) + 1);

  console.log(`electronegativity ${SCOPE.join(', ')} (Electron ${electronVersion}): ${result.atomicChecks} atomic + `
    + `${result.globalChecks} global checks, ${Math.round(ms)} ms`);
  console.log(`findings: ${['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map((s) => `${s} ${bySeverity.get(s) ?? 0}`).join(', ')}`);

  const used = new Set<Justification>();
  const sorted = [...result.issues].sort((a, b) => b.severity.value - a.severity.value || where(a).localeCompare(where(b)));
  for (const issue of sorted) {
    const justification = config.justified.find((j) => covers(j, issue));
    if (justification) used.add(justification);
    const line = `${issue.severity.name}/${issue.confidence.name} ${issue.id} ${where(issue)}`;
    if (justification) console.log(`  justified  ${line}\n             ${justification.reason}`);
    else if (issue.severity.value > 1) failures.push(`${line}: ${issue.description} (${issue.sample ?? ''})`);
    else console.log(`  not gated  ${line}: ${issue.description}`);
  }
  for (const j of config.justified) {
    if (!used.has(j)) failures.push(`stale justification in electronegativity.json: ${j.check} ${j.file}${j.match ? ` "${j.match}"` : ''}`);
  }
  if (failures.length === 0) {
    console.log(`ok: no finding above LOW without a justification (${used.size} justified)`);
    return 0;
  }
  console.error(`FAILED (${failures.length}):`);
  for (const failure of failures) console.error(`  ${failure}`);
  return 1;
}
