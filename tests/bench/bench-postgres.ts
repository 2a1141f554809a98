import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, openPostgres, openSqlite } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { COUNT, file, prepareDatabase } from './bench-database';

// The benchmarks' 1,000,000 reports on PostgreSQL: the SQLite bench database (bench-database.ts) copied row for row
// into a database of its own (station_bench_<count>) on the server BENCH_PG_URL (else STATION_TEST_PG_URL) names,
// migrated by the station's own migrations, through psql's \copy. Built once and reused while every table holds as
// many rows as the SQLite one's; an older one is migrated as a station would be.

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

/** The PostgreSQL bench database, built from the SQLite one when missing or stale; its connection string. */
export async function preparePostgres(): Promise<string> {
  if (!pgServer) throw new Error('BENCH_PG_URL or STATION_TEST_PG_URL must name a PostgreSQL server (a role allowed to create databases)');
  await prepareDatabase();
  const url = urlOf(name);
  const started = performance.now();
  // Made once; brought to the latest migration as a station upgrades it.
  const exists = await onServer(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (!exists) await onServer((c) => c.query(`create database ${name}`));
  const db: Db = await openPostgres(url);
  await migrateToLatest(db);
  // Tables in the order the migrations made them: a table refers only to tables made before it. A table holding as
  // many rows as the SQLite one is taken as copied (an interrupted copy goes on where it stopped); any other is
  // emptied (of what a migration put there, or half a copy), with the later tables referring to it, and copied.
  const tables = (await sql<{ table: string }>`select relname as table from pg_class
    where relkind = 'r' and relnamespace = 'public'::regnamespace and relname not like 'kysely_%' order by oid`.execute(db)).rows.map((r) => r.table);
  const { raw } = openSqlite(file);
  let copied = 0;
  for (const table of tables) {
    const want = (raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const have = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    if (have === want) continue;
    if (copied === 0) console.log(`  copying ${file} into PostgreSQL database ${name}`);
    await sql`truncate table ${sql.table(table)} cascade`.execute(db);
    const pgColumns = (await sql<{ column: string }>`select column_name as column from information_schema.columns
      where table_schema = 'public' and table_name = ${table}`.execute(db)).rows.map((r) => r.column);
    const sqliteColumns = new Set((raw.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
    const rows = await copyTable(raw, url, table, pgColumns.filter((c) => sqliteColumns.has(c)));
    if (pgColumns.includes('id')) await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
    console.log(`    ${table}: ${rows.toLocaleString('en')} rows`);
    copied++;
  }
  raw.close();
  if (copied > 0) {
    await sql`analyze`.execute(db);
    console.log(`  copied ${copied} tables in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await db.destroy();
  return url;
}
