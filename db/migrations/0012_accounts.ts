import type { Kysely } from 'kysely';

// Officers sign in: a login, a password hash (scrypt, in its own self-describing string), failed attempts
// and the time a lockout ends, and an epoch that a password change moves on (a session opened before the
// change is no longer honoured). Roles: space-separated names (a person may hold several).

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, dflt] of [
    ['login', 'text', null], ['password_hash', 'text', null], ['locked_until', 'text', null],
    ['failed_sign_ins', 'integer', 0], ['session_epoch', 'integer', 0], ['roles', 'text', ''],
  ] as const) {
    await db.schema.alterTable('officers').addColumn(name, type, (c) => (dflt === null ? c : c.notNull().defaultTo(dflt))).execute();
  }
  // SQLite cannot add a UNIQUE column: the uniqueness of logins is an index (NULLs, officers without an account, repeat freely).
  await db.schema.createIndex('officers_login').unique().on('officers').column('login').execute();
}
