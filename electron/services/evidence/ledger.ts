import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../../../db/connection';
import { addStoreIntents, clearStoreIntents, unrecordedPaths } from '../../../db/queries/evidence';
import { claimSetting, databaseNow, releaseSetting } from '../../../db/queries/settings';
import type { StoreLedger } from './store';

// The evidence store's ledger (issue 13.2): desks sharing a store (a folder on a NAS) agree through the station's
// database. Times here are the database's clock, for staleness only (an intent or a cleaning claim left by a desk
// that died): desks on several machines compare them, and their own clocks may be hours apart.

/** An intent or a cleaning claim older than this was left by a desk that died. */
const STALE_MS = 3600_000;

export function storeLedger(db: Db): StoreLedger {
  const owner = `${hostname()} ${process.pid} ${randomUUID().slice(0, 8)}`;
  const staleBefore = (now: Date) => new Date(now.getTime() - STALE_MS).toISOString();
  let claim = '';
  return {
    async intend(sha256s) {
      await addStoreIntents(db, sha256s, owner, (await databaseNow(db)).toISOString());
      return () => clearStoreIntents(db, sha256s, owner);
    },
    unrecorded: async (paths) => unrecordedPaths(db, paths, staleBefore(await databaseNow(db))),
    async mayClean() {
      const now = await databaseNow(db);
      claim = `${now.toISOString()} ${owner}`;
      return claimSetting(db, 'store.cleaning', claim, staleBefore(now));
    },
    cleaned: () => releaseSetting(db, 'store.cleaning', claim),
  };
}
