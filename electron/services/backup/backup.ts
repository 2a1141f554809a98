import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { z } from 'zod';
import { type Db, openPostgres, openSqlite } from '../../../db/connection';
import { allEvidence } from '../../../db/queries/evidence';
import { EvidenceStore } from '../evidence/store';
import { runTool } from '../evidence/tools';
import { utcIsoToLocal } from '../../contract/domain/time';
import { type RestoreRefusal, vi } from '../../contract/messages.vi';
import { StationError } from '../errors';

// Backups (issue 13.3). A backup folder holds, per backup, the database (SQLite's online backup, consistent while
// desks write; pg_dump of a shared PostgreSQL database, in the snapshot its manifest was read in) and a manifest
// naming its hash, every table's row count and every evidence file; the evidence files themselves go once into the
// folder's own evidence store (by hash, read-only, copied and hashed in one pass), so a daily backup copies only
// what is new. The manifest is written last: a backup without one is unfinished and never restored.

export const BACKUP_FORMAT = 'tram-tiep-nhan-backup/1';
const SHA256 = /^[0-9a-f]{64}$/;
const PG_TIMEOUT_MS = 6 * 3600_000;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    file: z.string().regex(/^station-\d{8}-\d{6}(-\d+)?\.(sqlite|dump)$/),
    sha256: z.string().regex(SHA256),
    size: z.number().int().nonnegative(),
  }),
  tables: z.record(z.string(), z.number().int().nonnegative()),
  evidence: z.array(z.object({
    sha256: z.string().regex(SHA256),
    size: z.number().int().nonnegative(),
  })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export interface BackupResult {
  manifestPath: string;
  manifest: BackupManifest;
  /** Evidence files copied into the folder this time (the rest were there from an earlier backup). */
  copied: number;
  /** Evidence the database names that the store could not give whole: missing, or its bytes changed. */
  unreadable: { sha256: string; problem: 'missing' | 'changed' }[];
}

/** Where a backup folder keeps the evidence files. */
const evidenceOf = (folder: string) => new EvidenceStore(join(folder, 'evidence'));
const storePathOf = (sha256: string) => `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_')).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { n } = (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!;
    counts[table] = Number(n);
  }
  return counts;
}

/** A PostgreSQL connection string without its password (which goes to pg_dump/pg_restore by environment, not argv). */
function pgArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** A name for this backup from the station's clock, unique in the folder. */
/**
 * A name no other backup has, taken by creating its database copy's `.part` file (exclusively: two desks backing up
 * into one folder in the same second get two names), the station user's alone from its first byte (the copy holds
 * what the station does, sealed identities among it), whatever the folder allows.
 */
async function takeBackupName(folder: string, now: Date, ext: string): Promise<string> {
  // Station time to the minute, and the seconds (the same in every whole-hour zone): "20261123-100509".
  const stamp = `${utcIsoToLocal(now).replace(/[-:]/g, '').replace('T', '-')}${String(now.getUTCSeconds()).padStart(2, '0')}`;
  for (let n = 1; ; n++) {
    const name = `station-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (existsSync(join(folder, `${name}.json`)) || existsSync(join(folder, `${name}.${ext}`))) continue;
    const taken = await writeFile(join(folder, `${name}.${ext}.part`), '', { mode: 0o600, flag: 'wx' }).then(() => true, (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return false;
      throw err;
    });
    if (taken) return name;
  }
}

export interface BackupSource {
  /** The desk's data folder (its station.sqlite), or the shared database's connection string. */
  dataDir: string;
  databaseUrl?: string;
  store: EvidenceStore;
  now: Date;
}

/** Backs the station up into `folder` (made if missing). Nothing already in the folder is overwritten. */
export async function backupStation(source: BackupSource, folder: string): Promise<BackupResult> {
  // A backup kept in the station's own folders is no backup (the evidence would be "copied" onto itself, and lost
  // with the disk): refused before anything is written.
  const real = async (path: string) => realpath(path).catch(() => resolve(path));
  const there = await real(folder);
  for (const own of [await real(source.dataDir), await real(source.store.root)]) {
    if (there === own || there.startsWith(`${own}${sep}`) || own.startsWith(`${there}${sep}`)) {
      throw new StationError('rejected', vi.cli.backupInsideStation(folder));
    }
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const kind = source.databaseUrl ? 'postgres' : 'sqlite';
  const ext = kind === 'sqlite' ? 'sqlite' : 'dump';
  const name = await takeBackupName(folder, source.now, ext);
  const file = `${name}.${ext}`;
  // The backup and pg_dump write into the file the name was taken with.
  const part = join(folder, `${file}.part`);
  let tables: Record<string, number>;
  let evidence: { sha256: string; size: number }[];
  try {
    if (kind === 'sqlite') {
      const live = new Database(join(source.dataDir, 'station.sqlite'), { readonly: true, fileMustExist: true });
      try { await live.backup(part); } finally { live.close(); }
      // Counted in the copy itself: the manifest says what the file holds.
      const { db } = openSqlite(part);
      try {
        tables = await rowCounts(db);
        evidence = (await allEvidence(db)).map((e) => ({ sha256: e.sha256, size: Number(e.size) }));
      } finally { await db.destroy(); }
    } else {
      // pg_dump reads the snapshot this read-only transaction exported, so the dump and the counts are one moment.
      const db = await openPostgres(source.databaseUrl!);
      try {
        ({ tables, evidence } = await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
          const { snapshot } = (await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(trx)).rows[0]!;
          const { dbname, env } = pgArgs(source.databaseUrl!);
          await runTool(process.env.STATION_PG_DUMP ?? 'pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${part}`, `--dbname=${dbname}`], PG_TIMEOUT_MS, 1024 * 1024, env);
          return { tables: await rowCounts(trx), evidence: (await allEvidence(trx)).map((e) => ({ sha256: e.sha256, size: Number(e.size) })) };
        }));
      } finally { await db.destroy(); }
    }
    await rename(part, join(folder, file));
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }

  // The evidence files not yet in the folder, each copied and hashed in one pass; a file whose bytes no longer match
  // its record is not copied (it is named in the result, as `station verify` would). A failure here (the folder's
  // disk full, a NAS gone) leaves no database copy without its manifest behind.
  const target = evidenceOf(folder);
  const unreadable: BackupResult['unreadable'] = [];
  let copied: number;
  try {
    copied = await copyEvidence(source.store, target, evidence, unreadable);
  } catch (err) {
    await rm(join(folder, file), { force: true });
    throw err;
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: source.now.toISOString(),
    database: { kind, file, sha256: await sha256Of(join(folder, file)), size: (await stat(join(folder, file))).size },
    tables,
    evidence,
  };
  const manifestPath = join(folder, `${name}.json`);
  await writeFile(`${manifestPath}.part`, JSON.stringify(manifest, null, 1), { mode: 0o600 });
  await rename(`${manifestPath}.part`, manifestPath);
  return { manifestPath, manifest, copied, unreadable };
}

/**
 * Copies evidence files from one store to another (a station's to its backup's, a backup's to a restored station's),
 * each hashed on the way against the record; those already there whole are skipped. Returns how many were copied;
 * the ones missing or changed in `source` go into `problems`.
 */
async function copyEvidence(source: EvidenceStore, target: EvidenceStore, evidence: { sha256: string; size: number }[], problems: BackupResult['unreadable']): Promise<number> {
  let copied = 0;
  for (const item of evidence) {
    const there = await stat(target.absolute(storePathOf(item.sha256))).catch(() => null);
    if (there?.size === item.size) continue;
    const from = source.absolute(storePathOf(item.sha256));
    if (!existsSync(from)) { problems.push({ sha256: item.sha256, problem: 'missing' }); continue; }
    const pending = await target.ingest(from);
    if (pending.sha256 !== item.sha256) {
      await target.discard([pending]);
      problems.push({ sha256: item.sha256, problem: 'changed' });
      continue;
    }
    await target.commit([pending], async () => undefined);
    copied++;
  }
  return copied;
}

/** The finished backups in a folder, newest first. */
export async function listBackups(folder: string): Promise<{ manifestPath: string; createdAt: string }[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const found: { manifestPath: string; createdAt: string }[] = [];
  for (const n of names.filter((x) => /^station-.*\.json$/.test(x))) {
    // A file that is not a manifest (empty, half-written by hand) is not a backup: skipped, never parsed into a crash.
    let text = await readFile(join(folder, n), 'utf8').catch(() => 'null');
    try { JSON.parse(text); } catch { text = 'null'; }
    const parsed = BackupManifest.safeParse(JSON.parse(text));
    if (parsed.success) found.push({ manifestPath: join(folder, n), createdAt: parsed.data.createdAt });
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Removes the database copies of all but the newest `keep` backups (evidence files stay: later backups name them). */
export async function pruneBackups(folder: string, keep: number): Promise<number> {
  const old = (await listBackups(folder)).slice(keep);
  for (const b of old) {
    // Another desk pruning the same folder may have taken it meanwhile.
    const m = BackupManifest.safeParse(JSON.parse(await readFile(b.manifestPath, 'utf8').catch(() => 'null')));
    await rm(b.manifestPath, { force: true });
    if (m.success) await rm(join(folder, basename(m.data.database.file)), { force: true });
  }
  return old.length;
}

export class RestoreRefused extends Error {
  constructor(readonly problem: RestoreRefusal) {
    super(`restore refused: ${problem.kind}`);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  evidenceRestored: number;
  /** Evidence the backup lacks or holds changed: the database names them, the store does not have them whole. */
  evidenceProblems: { sha256: string; problem: 'missing' | 'changed' }[];
}

/**
 * Drops what a restore put in a database it found empty and then refused (its rows did not match the manifest): the
 * manifest's tables and the migrations' own, so that it can be tried again.
 */
async function emptyDatabase(databaseUrl: string, tables: string[]): Promise<void> {
  const db = await openPostgres(databaseUrl);
  try {
    for (const name of [...tables, 'kysely_migration', 'kysely_migration_lock']) await db.schema.dropTable(name).ifExists().cascade().execute();
  } finally { await db.destroy(); }
}

/**
 * Restores a backup into an empty data folder: the SQLite file, or (PostgreSQL) the dump into an empty database the
 * admin made (the caller names it in the folder's settings); every table's rows are counted against the manifest; then
 * every evidence file is copied, each hashed against the manifest. The caller opens the station on the folder
 * afterwards (migrations, `station verify`, `station audit verify`).
 */
export async function restoreStation(manifestPath: string, dataDir: string, databaseUrl?: string): Promise<RestoreResult> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) throw new RestoreRefused({ kind: 'notEmpty' });
  let manifest: BackupManifest;
  try {
    manifest = BackupManifest.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
  } catch (err) {
    throw new RestoreRefused({ kind: 'manifest', detail: (err as Error).message.slice(0, 300) });
  }
  const folder = dirname(manifestPath);
  const dbFile = join(folder, basename(manifest.database.file));
  if (!existsSync(dbFile) || (await sha256Of(dbFile)) !== manifest.database.sha256) throw new RestoreRefused({ kind: 'databaseChanged' });
  if (manifest.database.kind === 'postgres' && !databaseUrl) throw new RestoreRefused({ kind: 'needsDatabaseUrl' });

  // A refusal from here on leaves the folder as it was found (empty, or not there).
  const existed = existsSync(dataDir);
  let restored = false;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    if (manifest.database.kind === 'sqlite') {
      const target = join(dataDir, 'station.sqlite');
      await copyFile(dbFile, `${target}.part`);
      if ((await sha256Of(`${target}.part`)) !== manifest.database.sha256) {
        await rm(`${target}.part`);
        throw new RestoreRefused({ kind: 'databaseChanged' });
      }
      await rename(`${target}.part`, target);
    } else {
      const db = await openPostgres(databaseUrl!);
      try {
        if ((await db.introspection.getTables()).length > 0) throw new RestoreRefused({ kind: 'databaseNotEmpty' });
      } finally { await db.destroy(); }
      const { dbname, env } = pgArgs(databaseUrl!);
      // In one transaction: a restore that fails leaves the database as empty as it was found.
      await runTool(process.env.STATION_PG_RESTORE ?? 'pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', `--dbname=${dbname}`, dbFile], PG_TIMEOUT_MS, 1024 * 1024, env);
      restored = true;
    }
    // Every table holds as many rows as the manifest says, before anything (a migration, the catalogs) adds to them.
    const db = databaseUrl && manifest.database.kind === 'postgres' ? await openPostgres(databaseUrl) : openSqlite(join(dataDir, 'station.sqlite')).db;
    try {
      const counts = await rowCounts(db);
      for (const [table, n] of Object.entries(manifest.tables)) {
        if (counts[table] !== n) throw new RestoreRefused({ kind: 'counts', table, expected: n, found: counts[table] ?? 0 });
      }
    } finally { await db.destroy(); }
  } catch (err) {
    if (existed) for (const name of await readdir(dataDir)) await rm(join(dataDir, name), { recursive: true, force: true });
    else await rm(dataDir, { recursive: true, force: true });
    // The database was found empty: what the restore put in it goes, so that it can be tried again (a failure to
    // empty it shows at the next try, as "not empty"; the refusal said here is the one that matters).
    if (restored) await emptyDatabase(databaseUrl!, Object.keys(manifest.tables)).catch(() => {});
    throw err;
  }

  const evidenceProblems: RestoreResult['evidenceProblems'] = [];
  const evidenceRestored = await copyEvidence(evidenceOf(folder), new EvidenceStore(join(dataDir, 'evidence')), manifest.evidence, evidenceProblems);
  return { manifest, evidenceRestored, evidenceProblems };
}
