import type { Db } from '../connection';
import { type KeyWrap, putWrap } from './keys';

// Officers' accounts: who may sign in, with what, and how many attempts they have left.

export interface AccountRow {
  id: number;
  unitId: number;
  fullName: string;
  rank: string;
  login: string;
  passwordHash: string;
  lockedUntil: string | null;
  failedSignIns: number;
  sessionEpoch: number;
  roles: string[];
}

const rolesOf = (text: string) => text.split(' ').filter(Boolean);

/** Whether any officer of any unit can sign in yet (none: the first run creates the admin). */
export async function anyAccount(db: Db): Promise<boolean> {
  return (await db.selectFrom('officers').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
}

const ACCOUNT = ['id', 'unit_id', 'full_name', 'rank', 'login', 'password_hash', 'locked_until', 'failed_sign_ins', 'session_epoch', 'roles'] as const;

async function account(db: Db, by: 'login' | 'id', value: string | number): Promise<AccountRow | null> {
  const r = await (by === 'login'
    ? db.selectFrom('officers').select(ACCOUNT).where('login', '=', value as string)
    : db.selectFrom('officers').select(ACCOUNT).where('id', '=', value as number))
    .where('active', '=', 1).where('password_hash', 'is not', null)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id, unitId: r.unit_id, fullName: r.full_name, rank: r.rank, login: r.login!, passwordHash: r.password_hash!,
    lockedUntil: r.locked_until, failedSignIns: r.failed_sign_ins, sessionEpoch: r.session_epoch, roles: rolesOf(r.roles),
  };
}

export const accountByLogin = (db: Db, login: string) => account(db, 'login', login);

/** The account a session was opened on, as it stands now (checked on every call: one read by key). */
export const accountById = (db: Db, id: number) => account(db, 'id', id);

/**
 * Gives an officer a login and a password (a new hash also ends their open sessions), and with it the data key
 * wrapped under the new password's key, in one transaction: a password never changes without its wrap.
 */
export async function setCredentials(db: Db, c: Credentials & { officerId: number; roles?: string[] }) {
  await db.transaction().execute((trx) => writeCredentials(trx, c.officerId, c, c.roles));
}

export interface Credentials { login: string; passwordHash: string; wrap: Omit<KeyWrap, 'officerId'> | null }

/** Inside a caller's transaction: the login, the hash (ending open sessions) and the wrap, or no wrap at all. */
export async function writeCredentials(trx: Db, officerId: number, c: Credentials, roles?: string[]) {
  await trx.updateTable('officers')
    .set((eb) => ({
      login: c.login, password_hash: c.passwordHash, failed_sign_ins: 0, locked_until: null, session_epoch: eb('session_epoch', '+', 1),
      ...(roles ? { roles: roles.join(' ') } : {}),
    }))
    .where('id', '=', officerId)
    .execute();
  // Without the key at hand, a wrap under the old password would never open again: it goes.
  if (c.wrap) await putWrap(trx, { ...c.wrap, officerId });
  else await trx.deleteFrom('key_wraps').where('officer_id', '=', officerId).execute();
}

/** One more wrong password; at `limit` the account is locked until `lockUntil`. Returns the attempts counted. */
export async function recordFailedSignIn(db: Db, id: number, limit: number, lockUntil: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { failed_sign_ins: failed } = await trx.updateTable('officers').set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
      .where('id', '=', id).returning('failed_sign_ins').executeTakeFirstOrThrow();
    if (failed >= limit) await trx.updateTable('officers').set({ locked_until: lockUntil, failed_sign_ins: 0 }).where('id', '=', id).execute();
    return failed;
  });
}

export async function recordSignIn(db: Db, id: number): Promise<void> {
  await db.updateTable('officers').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute();
}
