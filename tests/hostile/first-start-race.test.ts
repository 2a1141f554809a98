import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { writeSettings } from '../../electron/host/settings';
import agencies from '../../resources/catalogs/agencies.json' with { type: 'json' };
import places from '../../resources/catalogs/places.json' with { type: 'json' };
import { dropDatabase, postgresUrl } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// Issue 7, point 6: two desks starting fresh at once; in 3 of 6 simultaneous first starts one desk died on
// "table units already exists". Must hold: migrations run under a lock; 10 simultaneous starts on one new data
// folder all come up, and the database holds each preset unit and each migration exactly once. The same on a
// shared PostgreSQL database (10 desks, each its own data folder, one new database) when STATION_TEST_PG_URL is set.

const root = join(import.meta.dirname, '..', '..');
const DESKS = 10;
const ROUNDS = Number(process.env.HOSTILE_FIRST_START_ROUNDS ?? 3);
const START_MS = 60_000;

const figures = hostileFigures('first-start-race');
Object.assign(figures, { rounds: 0, failures: 0, sqliteFailures: 0, postgresFailures: 0, duplicates: 0 });
const dir = mkdtempSync(join(tmpdir(), 'station-first-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Start { code: number | string | null; output: string }

/** `station migrate --data <dataDir>` for every folder given, all spawned in the same tick. */
async function startAtOnce(dataDirs: string[]): Promise<Start[]> {
  figures.processesRaced += dataDirs.length;
  return Promise.all(dataDirs.map((dataDir) => new Promise<Start>((resolve) => {
    const child = spawn(process.execPath, [bundled('station'), 'migrate', '--data', dataDir], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { output += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { output += c; });
    const timer = setTimeout(() => { figures.hangs++; child.kill('SIGKILL'); }, START_MS);
    child.once('exit', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? signal, output: output.trim() }); });
  })));
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * What the first starts left: units and officers (none: the first run's admin makes them), preset agencies,
 * provinces and executed migrations, by how often each appears.
 */
async function census(query: Query) {
  const keys = async (text: string) => (await query(text)).map((r) => String(Object.values(r)[0]));
  const count = (list: string[]) => Object.fromEntries([...new Set(list)].sort().map((k) => [k, list.filter((x) => x === k).length]));
  return {
    units: (await keys('select id from units')).length + (await keys('select id from officers')).length,
    agencies: count(await keys('select preset_key from agencies where preset_key is not null')),
    provinces: count(await keys('select code from provinces')),
    migrations: count(await keys('select name from kysely_migration')),
  };
}

async function sqliteCensus(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await census(async (text) => db.prepare(text).all() as Record<string, unknown>[]);
  } finally {
    db.close();
  }
}

/** Read with one client, ended (closed) before the database is dropped. */
async function postgresCensus(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await census(async (text) => (await client.query(text)).rows as Record<string, unknown>[]);
  } finally {
    await client.end();
  }
}

const once = (keys: string[]) => Object.fromEntries([...keys].sort().map((k) => [k, 1]));
const expected = {
  units: 0,
  agencies: once(agencies.items.map((a) => a.key)),
  provinces: once(places.provinces.map((p) => p.code)),
  migrations: once(Object.keys(migrations)),
};

interface Round { failed: string[]; found: Awaited<ReturnType<typeof sqliteCensus>> }

function tally(backend: 'sqlite' | 'postgres', starts: Start[], found: Awaited<ReturnType<typeof sqliteCensus>>) {
  figures.rounds! += 1;
  const failed = starts.filter((s) => s.code !== 0);
  figures.failures! += failed.length;
  figures[`${backend}Failures`]! += failed.length;
  figures.duplicates! += [...Object.values(found.agencies), ...Object.values(found.provinces), ...Object.values(found.migrations)].filter((n) => n > 1).length;
  return failed.map((s) => `exit ${s.code}: ${s.output.split('\n').slice(-3).join(' | ')}`);
}

it(`SQLite: ${DESKS} simultaneous first starts on one new data folder all come up, ${ROUNDS} rounds`, async () => {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = join(dir, `sqlite-${round}`);
    const starts = await startAtOnce(Array.from({ length: DESKS }, () => dataDir));
    const found = await sqliteCensus(join(dataDir, 'station.sqlite'));
    rounds.push({ failed: tally('sqlite', starts, found), found });
  }
  // Every round is run and counted before judging, so the printed figures say how often the race is lost.
  expect(rounds.map((r) => r.failed)).toEqual(rounds.map(() => []));
  expect(rounds.map((r) => r.found)).toEqual(rounds.map(() => expected));
}, 40_000 * ROUNDS);

it.runIf(postgresUrl)(`PostgreSQL: ${DESKS} desks starting at once on one new shared database all come up, ${ROUNDS} rounds`, async () => {
  const rounds: Round[] = [];
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const database = `station_test_${randomBytes(6).toString('hex')}`;
      await admin.query(`create database ${database}`);
      const url = new URL(postgresUrl!);
      url.pathname = `/${database}`;
      try {
        const dataDirs = Array.from({ length: DESKS }, (_, desk) => {
          const dataDir = join(dir, `pg-${round}-${desk}`);
          mkdirSync(dataDir, { recursive: true });
          writeSettings(dataDir, { databaseUrl: url.toString() });
          return dataDir;
        });
        const starts = await startAtOnce(dataDirs);
        const found = await postgresCensus(url.toString());
        rounds.push({ failed: tally('postgres', starts, found), found });
      } finally {
        await dropDatabase(database);
      }
    }
  } finally {
    await admin.end();
  }
  expect(rounds.map((r) => r.failed)).toEqual(rounds.map(() => []));
  expect(rounds.map((r) => r.found)).toEqual(rounds.map(() => expected));
}, 40_000 * ROUNDS);
