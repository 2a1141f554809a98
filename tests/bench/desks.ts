import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { openStation } from '../../electron/host/open-station';
import { writeSettings } from '../../electron/host/settings';
import { signInForTest } from '../support/station';
import { pgServer } from './bench-postgres';

// `npm run bench:desks` (issue 13.6): desks saving reports at once, each a process of its own saving through the
// intake service as an officer's desk does (tests/hostile/save-reports.ts: the demo's calls, one after the other,
// each save timed). The baseline, in the same run: one desk on the embedded SQLite. Then 4 desks on one PostgreSQL
// database (BENCH_PG_URL or STATION_TEST_PG_URL), and 4 desks on one SQLite file for comparison. Printed: reports
// per second (all saves over the wall time from the start signal to the last save) and p50/p99 of a save.

const SAVES = Number(process.env.BENCH_DESK_SAVES ?? 600);
const root = resolve(import.meta.dirname, '..', '..');
const dir = resolve(process.env.BENCH_DIR ?? '.bench', 'desks');

type Run = { name: string; desks: number; saves: number; seconds: number; p50: number; p99: number; refused: number };

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgServer });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

/** A fresh station: migrated, set up, its officer given an account (the desks sign in as it). */
async function freshStation(name: string, postgres: boolean): Promise<string> {
  const dataDir = join(dir, name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (postgres) {
    const database = `station_bench_${name.replace(/\W/g, '_')}`;
    await onServer(`drop database if exists ${database} with (force)`);
    await onServer(`create database ${database}`);
    const url = new URL(pgServer!);
    url.pathname = `/${database}`;
    writeSettings(dataDir, { databaseUrl: url.toString() });
  }
  const host = await openStation({ dataDir });
  await signInForTest(host);
  await host.close();
  return dataDir;
}

/** `desks` processes on one data folder, each saving `each` reports once all are ready. */
async function race(name: string, dataDir: string, desks: number, each: number): Promise<Run> {
  const times: number[] = [];
  let refused = 0;
  let last = 0;
  const children = Array.from({ length: desks }, () => spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/hostile/save-reports.ts'), dataDir, String(each)], { cwd: root }));
  const ready = children.map((c) => new Promise<void>((resolveReady) => {
    createInterface({ input: c.stdout }).on('line', (line) => {
      if (line === 'ready') resolveReady();
      if (!line.startsWith('save ')) return;
      const s = JSON.parse(line.slice(5)) as { start: number; ms: number; error: string | null };
      if (s.error) refused++;
      else times.push(s.ms);
      last = Math.max(last, s.start + s.ms);
    });
    c.stderr.resume();
  }));
  const exited = children.map((c) => new Promise<void>((r) => c.once('exit', () => r())));
  await Promise.all(ready);
  const started = Date.now();
  for (const c of children) c.stdin.write('go\n');
  await Promise.all(exited);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN;
  return { name, desks, saves: times.length, seconds: (last - started) / 1000, p50: at(0.5), p99: at(0.99), refused };
}

async function main(): Promise<void> {
  console.log(`Benchmark: desks saving reports at once, ${SAVES} saves in all per run`);
  const runs: Run[] = [];
  runs.push(await race('one desk, SQLite (baseline)', await freshStation('sqlite-1', false), 1, SAVES));
  if (pgServer) runs.push(await race('4 desks, one PostgreSQL database', await freshStation('postgres-4', true), 4, SAVES / 4));
  else console.log('  no PostgreSQL server named (BENCH_PG_URL or STATION_TEST_PG_URL): SQLite only');
  runs.push(await race('4 desks, one SQLite file', await freshStation('sqlite-4', false), 4, SAVES / 4));
  const base = runs[0]!;
  console.log(`\n  ${'run'.padEnd(36)} ${'saves'.padStart(6)} ${'refused'.padStart(8)} ${'reports/s'.padStart(10)} ${'× baseline'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const r of runs) {
    const rate = r.saves / r.seconds;
    console.log(`  ${r.name.padEnd(36)} ${String(r.saves).padStart(6)} ${String(r.refused).padStart(8)} ${rate.toFixed(1).padStart(10)} ${(rate / (base.saves / base.seconds)).toFixed(2).padStart(10)}× ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
