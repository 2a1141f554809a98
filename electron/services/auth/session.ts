import { randomUUID } from 'node:crypto';
import { accountById, accountByLogin, anyAccount, recordFailedSignIn, recordSignIn, setCredentials } from '../../../db/queries/accounts';
import { setUpStation } from '../../../db/queries/units';
import { addAuditEvent } from '../../../db/queries/audit';
import { allows, type Permission, permissions, roles } from '../../contract/domain/permissions';
import { formatStationTime } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { AuthState, SignIn, StationSetup } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';
import { periodicCheckpoint } from '../audit/chain';
import { unitValues } from '../admin/unit';
import { unwrapForOfficer } from '../keys/keyring';
import { hashPassword, verifyPassword } from './passwords';

// Who is at the desk. One session per running station (a desk app, or `station serve` for one browser): no
// channel but signing in works without it. It ends when the officer signs out, when their password changes
// or their account is switched off (checked on every call), and locks after the idle minutes or on request;
// the same password unlocks it. Five wrong passwords in a row lock the account for fifteen minutes.

export const FAILED_LIMIT = 5;
const LOCKOUT_MS = 15 * 60_000;

interface Session { officerId: number; epoch: number; lastActivity: number; locked: boolean }

let decoyHash: Promise<string> | null = null;
/** A hash of nothing anyone types, checked against when the login is unknown. */
const decoy = () => (decoyHash ??= hashPassword(randomUUID()).then((h) => h.hash));

export type Auth = ReturnType<typeof createAuth>;

/**
 * `idleMinutes`: the minutes without a call before the screen locks, asked when it matters (the admin may change
 * it for every desk at once). `elapsed`: a monotonic clock in milliseconds for the idle time (the wall clock may
 * jump with NTP or a changed time zone; a desk left alone for ten minutes is ten minutes of real time).
 */
export function createAuth(station: Station, options: { idleMinutes: () => Promise<number>; elapsed?: () => number }) {
  const elapsed = options.elapsed ?? (() => performance.now());
  let session: Session | null = null;
  const at = () => station.now().toISOString();
  const audit = (officerId: number, action: string, detail: Record<string, unknown> = {}) =>
    addAuditEvent(station.db, { at: at(), officerId, reportId: null, action, detail });

  async function state(recoveryKey: string | null = null): Promise<AuthState> {
    const account = session ? await accountById(station.db, session.officerId) : null;
    return {
      hasAccounts: await anyAccount(station.db),
      officer: account && session ? { id: account.id, fullName: account.fullName, rank: account.rank, login: account.login, roles: account.roles } : null,
      locked: session?.locked ?? false,
      idleMinutes: await options.idleMinutes(),
      recoveryKey,
    };
  }

  /** Opens the session and unwraps the data key with the password's key; returns the recovery key if this made the station's key. */
  async function open(account: { id: number; unitId: number; sessionEpoch: number; roles: string[] }, kek: Buffer): Promise<string | null> {
    session = { officerId: account.id, epoch: account.sessionEpoch, lastActivity: elapsed(), locked: false };
    station.officerId = account.id;
    station.unitId = account.unitId;
    const { keys, recoveryKey } = await unwrapForOfficer(station, account.id, kek, allows('keys', account.roles));
    station.keys = keys;
    return recoveryKey;
  }

  /** A password for an account, with the data key wrapped under it when this desk holds the key (one transaction). */
  async function setPassword(officerId: number, login: string, password: string, newRoles?: string[]): Promise<Buffer> {
    const { hash, kek } = await hashPassword(password);
    const keys = station.keys;
    await setCredentials(station.db, {
      officerId, login, passwordHash: hash, roles: newRoles, wrap: keys ? { keyId: keys.id, wrapped: keys.wrap(kek), at: at() } : null,
    });
    return kek;
  }

  /** The session ends or locks: the desk's memory forgets the data key. */
  function close(ended: boolean) {
    if (ended) session = null;
    else if (session) session.locked = true;
    station.keys = null;
  }

  /** The password of an account, counting a wrong one towards the lockout. */
  async function checkPassword(login: string, password: string) {
    const account = await accountByLogin(station.db, login);
    if (!account) {
      // As slow as a wrong password, so the time taken does not tell which logins exist.
      await verifyPassword(password, await decoy());
      // No officer to write the line against: the log keeps it (the login typed, never the password).
      station.log(`sign-in refused: unknown login ${JSON.stringify(login.slice(0, 40))}`);
      throw new StationError('rejected', vi.auth.wrongPassword);
    }
    if (account.lockedUntil && account.lockedUntil > at()) {
      await audit(account.id, 'auth.sign-in-refused', { lockedUntil: account.lockedUntil });
      throw new StationError('rejected', vi.auth.accountLocked(formatStationTime(account.lockedUntil)));
    }
    const kek = await verifyPassword(password, account.passwordHash);
    if (!kek) {
      const until = new Date(station.now().getTime() + LOCKOUT_MS).toISOString();
      const failed = await recordFailedSignIn(station.db, account.id, FAILED_LIMIT, until);
      await audit(account.id, 'auth.sign-in-failed', { attempt: failed });
      throw new StationError('rejected', failed >= FAILED_LIMIT ? vi.auth.accountLocked(formatStationTime(until)) : vi.auth.wrongPassword);
    }
    await recordSignIn(station.db, account.id);
    return { account, kek };
  }

  return {
    state,

    /**
     * First run only: the unit and its admin's account, with a password the admin chooses (there is no default
     * one). The first officer holds every role until the admin screen shares them out (a small desk may keep it so).
     */
    async setup({ unit, account: input }: StationSetup): Promise<AuthState> {
      if (await anyAccount(station.db)) throw new StationError('rejected', vi.auth.alreadySetUp);
      const values = await unitValues(station, unit);
      const { hash, kek } = await hashPassword(input.password); // before the transaction: no slow work inside it
      const made = await setUpStation(station.db, values, { fullName: input.fullName, rank: input.rank, login: input.login, passwordHash: hash, roles: [...roles] });
      if (made === null) throw new StationError('rejected', vi.auth.alreadySetUp);
      const id = made.officerId;
      await audit(id, 'admin.station-set-up', { unit: values.name, parentName: values.parentName, provinceCode: values.provinceCode, communeCode: values.communeCode });
      await audit(id, 'auth.account-created', { login: input.login });
      const recoveryKey = await open((await accountById(station.db, id))!, kek);
      await audit(id, 'auth.signed-in');
      return state(recoveryKey);
    },

    async signIn(input: SignIn): Promise<AuthState> {
      const { account, kek } = await checkPassword(input.login, input.password);
      const recoveryKey = await open(account, kek);
      await audit(account.id, 'auth.signed-in');
      await periodicCheckpoint(station);
      return state(recoveryKey);
    },

    async signOut(): Promise<AuthState> {
      if (session) await audit(session.officerId, 'auth.signed-out');
      close(true);
      return state();
    },

    async lock(): Promise<AuthState> {
      if (session && !session.locked) {
        close(false);
        await audit(session.officerId, 'auth.locked');
      }
      return state();
    },

    /** The signed-in officer's own password unlocks; another officer signs in instead. */
    async unlock(password: string): Promise<AuthState> {
      if (!session) throw new StationError('signed-out', vi.auth.signedOut);
      const account = await accountById(station.db, session.officerId);
      if (!account) { close(true); throw new StationError('signed-out', vi.auth.signedOut); }
      const { kek } = await checkPassword(account.login, password);
      await open(account, kek);
      await audit(account.id, 'auth.unlocked');
      return state();
    },

    /** Takes effect at once: every session opened with the old password ends (this one is opened again). */
    async changePassword(current: string, next: string): Promise<AuthState> {
      await this.check();
      const account = (await accountById(station.db, session!.officerId))!;
      await checkPassword(account.login, current);
      const kek = await setPassword(account.id, account.login, next);
      await audit(account.id, 'auth.password-changed');
      await open((await accountById(station.db, account.id))!, kek);
      return state();
    },

    /** Whether the signed-in officer's roles hold a permission (a channel open to all that does more for some). */
    async holds(permission: Permission): Promise<boolean> {
      const account = session ? await accountById(station.db, session.officerId) : null;
      return account !== null && allows(permission, account.roles);
    },

    /**
     * Before any other channel: someone is signed in, with the password they signed in with, the screen is not
     * locked, and their roles hold what the channel needs.
     */
    async check(permission: Permission = 'read', what = ''): Promise<void> {
      if (!session) throw new StationError('signed-out', vi.auth.signedOut);
      const account = await accountById(station.db, session.officerId);
      if (!account || account.sessionEpoch !== session.epoch) {
        close(true);
        throw new StationError('signed-out', vi.auth.sessionEnded);
      }
      const now = elapsed();
      // The shortest lock is a minute: within one, no need to ask the database what the lock is.
      const idle = now - session.lastActivity;
      if (!session.locked && idle > 60_000 && idle > (await options.idleMinutes()) * 60_000) {
        close(false);
        await audit(account.id, 'auth.locked', { idle: true });
      }
      if (session.locked) throw new StationError('locked', vi.auth.lockedScreen);
      session.lastActivity = now;
      station.officerId = account.id;
      if (!allows(permission, account.roles)) {
        // An attempt beyond one's roles is itself worth a line: who tried what (the channel or file), from which desk.
        await audit(account.id, 'auth.forbidden', { permission, what });
        throw new StationError('forbidden', vi.auth.forbidden(vi.auth.permission[permission], permissions[permission].map((r) => vi.auth.role[r]).join(', ')));
      }
    },
  };
}
