import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrationProvider } from './migrations';

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  check(await new Migrator({ db, provider: migrationProvider }).migrateToLatest());
}

/** For tests and repairs: bring a database to one named migration. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  check(await new Migrator({ db, provider: migrationProvider }).migrateTo(name));
}
