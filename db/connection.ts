import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database as Schema } from './schema';

export type Db = Kysely<Schema>;

/** A save waits at most this long for another desk's write. */
export const SAVE_WAIT_MS = 5000;

/**
 * The embedded default: one SQLite file. WAL lets the list read while a save writes; FULL sync because
 * these are police records (a power cut must not lose a saved report); foreign keys on.
 */
export function openSqlite(file: string): { db: Db; raw: Database.Database } {
  const raw = new Database(file);
  // First: several desks may open a new file at once, and switching it to WAL waits for the others.
  raw.pragma(`busy_timeout = ${SAVE_WAIT_MS}`);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  // A deleted draft or report leaves no readable identity in the file's free pages.
  raw.pragma('secure_delete = ON');
  return { db: new Kysely<Schema>({ dialect: new StationSqliteDialect({ database: withStatementCache(raw) }) }), raw };
}

/**
 * SQLite does run DDL inside a transaction, but Kysely's adapter says it does not, so its Migrator runs
 * the migrations with no transaction and no lock: two desks starting at once both create "units". Declared
 * transactional, the Migrator runs in one transaction, and BEGIN IMMEDIATE (below) makes the others wait.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class StationSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Kysely prepares a statement for every query, and compiling SQL costs more than running an indexed
 * look-up: keep the most recently used statements, keyed by their SQL text.
 */
function withStatementCache(raw: Database.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(text) {
      // Kysely opens transactions with a plain BEGIN, which takes the write lock only at the first write:
      // a transaction that read first then finds another desk wrote meanwhile fails at once ("database is
      // locked") instead of waiting. BEGIN IMMEDIATE takes the lock up front and waits busy_timeout for it.
      // SQLite rolls a transaction back by itself on some errors (a full disk: SQLITE_FULL); Kysely's ROLLBACK
      // after it would fail ("no transaction is active") and hide the error that says what happened.
      const sql = text === 'begin' ? 'begin immediate' : text === 'rollback' && !raw.inTransaction ? 'select 1 where 0' : text;
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = raw.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * How long a SQLite statement waits for another desk's write lock. Several desks starting on a new data folder
 * migrate and seed one after another, each waiting longer than a save ever should.
 */
export async function setBusyTimeout(db: Db, ms: number): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql.raw(`pragma busy_timeout = ${Math.trunc(ms)}`).execute(db);
}

/**
 * Empties SQLite's write-ahead log into the database file (whose deleted rows secure_delete has zeroed): the log
 * still holds pages as they were written. PostgreSQL's old row versions go with its vacuum.
 */
export async function emptyWal(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`pragma wal_checkpoint(truncate)`.execute(db);
}

/**
 * Reads that must agree with one another, in one snapshot: a read-only repeatable-read transaction on PostgreSQL (its
 * default, read committed, lets another desk's commit fall between two statements); a read transaction on SQLite.
 */
export function readSnapshot<T>(db: Db, read: (trx: Db) => Promise<T>): Promise<T> {
  const trx = db.transaction();
  return (db.getExecutor().adapter instanceof PostgresAdapter ? trx.setIsolationLevel('repeatable read').setAccessMode('read only') : trx).execute(read);
}

/** A station sharing one database across desks: the same queries on PostgreSQL. */
export async function openPostgres(connectionString: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, max: 4 });
  // A connection resting in the pool can be ended by the server (a restart, an admin, the network): the pool drops it
  // and opens another at the next query. Unheard, its error would end the desk's process.
  pool.on('error', () => {});
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}
