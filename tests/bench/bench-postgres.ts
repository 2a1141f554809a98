import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, openPostgres, openSqlite } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { COUNT, file, prepareDatabase } from './bench-database';

// The benchmarks' 1,000,000 reports on PostgreSQL: the SQLite bench database (bench-database.ts) copied row for row
// into a database of its own (station_bench_<count>) on the server BENCH_PG_URL (else STATION_TEST_PG_URL) names,
// migrated by the station's own migrations, through psql's \copy. Built once and reused while it holds as many
// reports and the same migrations as the SQLite one.

export const pgServer = process.env.BENCH_PG_URL ?? process.env.STATION_TEST_PG_URL;
const name = `station_bench_${COUNT}`;

function urlOf(database: string): string {
  const url = new URL(pgServer!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgServer });
  await client.connect();
  try { return await run(client); } finally { await client.end(); }
}

/** A value as one CSV field psql's \copy reads back as it was: NULL bare, text quoted, bytes as bytea hex. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return `"\\x${value.toString('hex')}"`;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `"${String(value).replaceAll('"', '""')}"`;
}

/** Streams one SQLite table into the PostgreSQL table of the same name, the columns both have. */
async function copyTable(raw: ReturnType<typeof openSqlite>['raw'], url: string, table: string, columns: string[]): Promise<number> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const child = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} (${list}) from stdin with (format csv)`], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  let rows = 0;
  let chunk: string[] = [];
  const write = (text: string) => new Promise<void>((resolve) => { if (child.stdin.write(text)) resolve(); else child.stdin.once('drain', resolve); });
  for (const row of raw.prepare(`select ${list} from ${table}`).raw().iterate() as Iterable<unknown[]>) {
    chunk.push(row.map(field).join(','));
    rows++;
    if (chunk.length === 5000) { await write(`${chunk.join('\n')}\n`); chunk = []; }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  child.stdin.end();
  if ((await done) !== 0) throw new Error(`psql \\copy of ${table} failed`);
  return rows;
}

async function reusable(): Promise<boolean> {
  const exists = await onServer(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (!exists) return false;
  const db = await openPostgres(urlOf(name));
  try {
    const reports = Number((await sql<{ n: string }>`select count(*) as n from reports`.execute(db)).rows[0]!.n);
    const applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.length;
    const { raw } = openSqlite(file);
    const wanted = (raw.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
    raw.close();
    return reports === COUNT && applied === wanted;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

/** The PostgreSQL bench database, built from the SQLite one when missing or stale; its connection string. */
export async function preparePostgres(): Promise<string> {
  if (!pgServer) throw new Error('BENCH_PG_URL or STATION_TEST_PG_URL must name a PostgreSQL server (a role allowed to create databases)');
  await prepareDatabase();
  const url = urlOf(name);
  if (await reusable()) return url;
  console.log(`  copying ${file} into PostgreSQL database ${name}`);
  const started = performance.now();
  await onServer((c) => c.query(`drop database if exists ${name} with (force)`));
  await onServer((c) => c.query(`create database ${name}`));
  const db: Db = await openPostgres(url);
  await migrateToLatest(db);
  // Tables in the order the migrations made them: a table refers only to tables made before it.
  const tables = (await sql<{ table: string }>`select relname as table from pg_class
    where relkind = 'r' and relnamespace = 'public'::regnamespace and relname not like 'kysely_%' order by oid`.execute(db)).rows.map((r) => r.table);
  const { raw } = openSqlite(file);
  for (const table of tables) {
    const pgColumns = (await sql<{ column: string }>`select column_name as column from information_schema.columns
      where table_schema = 'public' and table_name = ${table}`.execute(db)).rows.map((r) => r.column);
    const sqliteColumns = new Set((raw.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
    const columns = pgColumns.filter((c) => sqliteColumns.has(c));
    const rows = await copyTable(raw, url, table, columns);
    if (pgColumns.includes('id')) await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
    console.log(`    ${table}: ${rows.toLocaleString('en')} rows`);
  }
  raw.close();
  await sql`analyze`.execute(db);
  await db.destroy();
  console.log(`  copied in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return url;
}
