import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createStationKey, keyWrapOf, markPendingSealed, pendingCallers, pendingDocuments, pendingDrafts, pendingReporters,
  sealCallers, sealDocument, sealDrafts, sealReporters, setRecoveryWrap, stationKey,
} from '../../../db/queries/keys';
import { accountByLogin, setCredentials } from '../../../db/queries/accounts';
import { addAuditEvent } from '../../../db/queries/audit';
import { phoneKey } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import { hashPassword } from '../auth/passwords';
import type { Station } from '../station';
import { type IdentityKeys, identityKeys, newDataKey, newRecoveryKey, type Purpose, recoveryKek, unwrapDataKey } from './sealing';

// Where the station's data key comes from. It is made at an admin's first sign-in (the first run's admin, or the
// first admin to sign in after an upgrade from a version without it), wrapped under that officer's password key and under a
// recovery key shown once; then each right password unwraps it into the desk's memory, and signing out or
// locking the screen forgets it. An officer given a password by someone holding the key gets their own wrap.
//
// The OS keystore (Electron's safeStorage) is deliberately not a wrap: it would open the identities to anyone
// who can log on to the desk's Windows account, without an officer's password.

/** The keys of the session, or a refusal naming why a service that needs them cannot go on. */
export function heldKeys(station: Station): IdentityKeys {
  if (!station.keys) throw new StationError('rejected', vi.keys.notHeld);
  return station.keys;
}

/**
 * A sealed value opened, or refused by name: changed outside the station, sealed under another station's key, or
 * still pending from an earlier version (`what` names the row in the log).
 */
export function openSealed(station: Station, purpose: Purpose, sealed: string, what: string): string {
  const keys = heldKeys(station);
  try {
    return keys.open(purpose, sealed);
  } catch {
    station.log(`${what}: the sealed value does not open`);
    throw new StationError('rejected', vi.keys.damaged);
  }
}

/**
 * After a right password: the data key for this officer, and the recovery key to show if this sign-in made the
 * station's key. Null keys when the officer has no wrap (an account given a password without the key). Only an
 * admin (`mayMakeKey`) makes the station's key: its recovery key opens every identity and resets any password.
 */
export async function unwrapForOfficer(station: Station, officerId: number, kek: Buffer, mayMakeKey: boolean): Promise<{ keys: IdentityKeys | null; recoveryKey: string | null }> {
  // The station's key first, then the wrap: a wrap is written with the key (one transaction), so a desk that sees
  // no key yet either makes it or, losing to another desk, reads the wrap that desk made.
  const existing = await stationKey(station.db);
  let wrap = await keyWrapOf(station.db, officerId);
  if (!wrap && mayMakeKey && !existing) {
    const made = identityKeys(newDataKey());
    const recovery = newRecoveryKey();
    const created = await createStationKey(station.db, {
      keyId: made.id, recoveryWrap: made.wrap(recovery.kek), officerId, wrapped: made.wrap(kek), at: station.now().toISOString(),
    });
    if (created) {
      await sealPendingOnce(station, made);
      return { keys: made, recoveryKey: recovery.text };
    }
    // Another desk made the station's key at the same moment, perhaps signed in as this very officer.
    wrap = await keyWrapOf(station.db, officerId);
  }
  let keys: IdentityKeys | null = null;
  if (wrap) {
    const dataKey = unwrapDataKey(wrap.wrapped, kek);
    const opened = dataKey && identityKeys(dataKey);
    const kept = await stationKey(station.db);
    // A wrap of another key (a row copied from another station) opens nothing here.
    if (opened && opened.id === kept?.keyId) keys = opened;
    else station.log(`data key: the wrap of officer ${officerId} does not open the station's key`);
    if (keys && !kept?.pendingSealed) await sealPendingOnce(station, keys);
  }
  return { keys, recoveryKey: null };
}

/** Sealing what an earlier version kept plain never costs a sign-in (nor the recovery key just made): a failure is logged and tried again at the next. */
async function sealPendingOnce(station: Station, keys: IdentityKeys): Promise<void> {
  try {
    await sealPending(station, keys);
  } catch (err) {
    station.log(`sealing earlier plain values failed (tried again at the next sign-in): ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The data key opened with the recovery key (the admin forgot their password); null if it is not the right one. */
export async function unwrapWithRecovery(station: Station, typed: string): Promise<IdentityKeys | null> {
  const kek = recoveryKek(typed);
  const row = await stationKey(station.db);
  if (!kek || !row) return null;
  const dataKey = unwrapDataKey(row.recoveryWrap, kek);
  return dataKey ? identityKeys(dataKey) : null;
}

/** A new recovery key (the old one lost or seen): the same data key wrapped again, no row touched. */
export async function rotateRecoveryKey(station: Station, keys: IdentityKeys): Promise<string> {
  const recovery = newRecoveryKey();
  await setRecoveryWrap(station.db, keys.wrap(recovery.kek));
  await addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'keys.recovery-rotated', detail: {} });
  return recovery.text;
}

/**
 * An officer forgot their password (the admin, usually): the recovery key opens the data key, the account gets the
 * new password with its wrap (its lockout lifted, its sessions ended), and a new recovery key replaces the one
 * just typed. Returns the new recovery key to show once.
 */
export async function recoverAccount(station: Station, a: { login: string; recoveryKey: string; password: string }): Promise<string> {
  const account = await accountByLogin(station.db, a.login);
  if (!account) throw new StationError('not-found', vi.cli.unknownLogin(a.login));
  const keys = await unwrapWithRecovery(station, a.recoveryKey);
  if (!keys) throw new StationError('rejected', (await stationKey(station.db)) ? vi.keys.badRecoveryKey : vi.keys.noStationKey);
  const { hash, kek } = await hashPassword(a.password);
  const at = station.now().toISOString();
  await setCredentials(station.db, { officerId: account.id, login: account.login, passwordHash: hash, wrap: { keyId: keys.id, wrapped: keys.wrap(kek), at } });
  await addAuditEvent(station.db, { at, officerId: account.id, reportId: null, action: 'auth.password-recovered', detail: {} });
  station.officerId = account.id;
  return rotateRecoveryKey(station, keys);
}

/**
 * Seals what an earlier version kept in plain text: reporters' identities, callers' numbers, drafts, and issued
 * documents (each file sealed beside the plain one, the row pointed at it, then the plain file removed). In
 * batches, each written in its own short transaction; the sealing itself runs outside them. Runs once.
 */
export async function sealPending(station: Station, keys: IdentityKeys): Promise<void> {
  const { db } = station;
  // Each table is walked once by id (a row that cannot be read is logged and left, never read again in the pass).
  for (let rows = await pendingReporters(db, 0); rows.length > 0; rows = await pendingReporters(db, rows.at(-1)!.id)) {
    await sealReporters(db, rows.flatMap((r) => {
      try {
        const identity = JSON.parse(r.identity.slice(3)) as { fullName: string; birthYear: number | null; cccd: string; address: string; phone: string };
        return [{ id: r.id, ...sealedReporter(keys, identity) }];
      } catch {
        station.log(`sealing: reporter ${r.id} is not readable JSON; left as it is`);
        return [];
      }
    }));
  }
  for (let rows = await pendingCallers(db, 0); rows.length > 0; rows = await pendingCallers(db, rows.at(-1)!.id)) {
    await sealCallers(db, rows.map((r) => ({ id: r.id, sealed: keys.seal('caller', r.caller_phone), mac: keys.mac('phone', phoneKey(r.caller_phone)) })));
  }
  for (let rows = await pendingDrafts(db, 0); rows.length > 0; rows = await pendingDrafts(db, rows.at(-1)!.id)) {
    await sealDrafts(db, rows.map((r) => ({ id: r.id, form: keys.seal('draft', r.form) })));
  }
  const dir = documentsDir(station);
  for (let rows = await pendingDocuments(db, 0); rows.length > 0; rows = await pendingDocuments(db, rows.at(-1)!.id)) {
    for (const d of rows) {
      const plain = join(dir, d.file_name);
      const fileName = d.file_name.replace(/\.pdf$/, '.sealed');
      const bytes = await readFile(plain).catch(() => null);
      // Gone: another desk signing in at the same moment sealed it (its row follows), or it was lost before (the
      // reprint says so). Either way nothing plain is left to seal.
      if (bytes === null) { station.log(`sealing: document ${d.id} has no plain file ${d.file_name}`); continue; }
      await keepSealed(dir, fileName, keys.sealBytes('document', bytes));
      await sealDocument(db, d.id, fileName, keys.seal('document-params', d.params));
      await rm(plain, { force: true });
    }
  }
  // A pass cut off between sealing a PDF (its row then names the sealed file) and removing the plain one left that
  // plain PDF behind: whatever plain PDF has its sealed twin goes.
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const f of files.filter((name) => name.endsWith('.pdf') && files.includes(name.replace(/\.pdf$/, '.sealed')))) await rm(join(dir, f), { force: true });
  await markPendingSealed(db);
}

/** A reporter as kept: the identity sealed, its phone and identity number as blind indexes. */
export function sealedReporter(keys: IdentityKeys, r: { fullName: string; birthYear: number | null; cccd: string; address: string; phone: string }) {
  return {
    identity: keys.seal('reporter', JSON.stringify({ fullName: r.fullName, birthYear: r.birthYear, cccd: r.cccd, address: r.address, phone: r.phone })),
    cccdMac: keys.mac('cccd', r.cccd),
    phoneMac: keys.mac('phone', phoneKey(r.phone)),
  };
}

export const documentsDir = (station: Station) => join(station.store.root, 'documents');

/**
 * Writes a sealed file under a temporary name of this process's own, flushed, then renames it and makes it
 * read-only. One already there is kept: its name is the SHA-256 of the PDF it opens to (another desk sealed the
 * same PDF), and a read-only file cannot be renamed over everywhere.
 */
export async function keepSealed(dir: string, fileName: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (existsSync(join(dir, fileName))) return;
  const tmp = join(dir, `${fileName}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, bytes, { flush: true });
  await rename(tmp, join(dir, fileName));
  await chmod(join(dir, fileName), 0o444);
}
