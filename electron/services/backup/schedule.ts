import { hostname } from 'node:os';
import type { Db } from '../../../db/connection';
import { claimSetting, databaseNow, releaseSetting, renewSetting, setStationSetting, stationSetting } from '../../../db/queries/settings';
import type { Log } from '../../host/dispatch';
import { type BackupSource, backupStation, pruneBackups } from './backup';

// Scheduled backups (issue 13.3): a desk whose settings.json names a backup folder backs the station up when the
// last backup is older than its period (default every 24 hours, keeping the newest 14 database copies). Desks sharing
// one database take turns through it: the one that claims the `backup.claim` setting (one statement, compare and set)
// runs the backup, renewing its claim while it runs; the others see `backup.last` and wait for the next period. A
// failure is retried after an hour. Claims are timed by the database's clock (the desks' own may be hours apart).

export interface BackupPlan {
  dir: string;
  everyHours: number;
  keep: number;
}

export interface LastBackup {
  at: string;
  ok: boolean;
  manifest?: string;
  /** Evidence files the backup could not copy whole (named in the desk's log). */
  unreadable?: number;
  error?: string;
}

const RETRY_MS = 3600_000;
/** A running backup renews its claim this often; a claim not renewed for three times as long is a dead desk's. */
const RENEW_MS = 10 * 60_000;
const CLAIM_STALE_MS = 3 * RENEW_MS;

export async function lastBackup(db: Db): Promise<LastBackup | null> {
  const value = await stationSetting(db, 'backup.last');
  return value ? (JSON.parse(value) as LastBackup) : null;
}

/** Starts the schedule: looks now, then every `checkEveryMs`. stop() waits for a backup under way. */
export function scheduleBackups(o: { db: Db; plan: BackupPlan; source: () => BackupSource; log: Log; now: () => Date; checkEveryMs?: number }) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runIfDue(o).catch((err: unknown) => o.log(`scheduled backup: ${(err as Error).message}`)).finally(() => { running = null; });
  };
  const timer = setInterval(tick, o.checkEveryMs ?? 10 * 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

async function runIfDue({ db, plan, source, log, now }: { db: Db; plan: BackupPlan; source: () => BackupSource; log: Log; now: () => Date }): Promise<void> {
  const last = await lastBackup(db);
  const at = now();
  if (last && at.getTime() - Date.parse(last.at) < (last.ok ? plan.everyHours * 3600_000 : RETRY_MS)) return;
  const desk = `${hostname()} ${process.pid}`;
  const clock = await databaseNow(db);
  let mine = `${clock.toISOString()} ${desk}`;
  if (!(await claimSetting(db, 'backup.claim', mine, new Date(clock.getTime() - CLAIM_STALE_MS).toISOString()))) return;
  let renewing = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = renewing.then(async () => {
      const renewed = `${(await databaseNow(db)).toISOString()} ${desk}`;
      if (await renewSetting(db, 'backup.claim', mine, renewed)) mine = renewed;
      else log('scheduled backup: its claim was taken by another desk (a desk on an earlier version?); this backup goes on');
    }).catch((err: unknown) => log(`scheduled backup: claim not renewed: ${(err as Error).message}`));
  }, RENEW_MS);
  let outcome: LastBackup;
  try {
    const r = await backupStation(source(), plan.dir);
    await pruneBackups(plan.dir, plan.keep);
    for (const u of r.unreadable) log(`scheduled backup: evidence ${u.sha256} ${u.problem}`);
    outcome = { at: at.toISOString(), ok: true, manifest: r.manifestPath, unreadable: r.unreadable.length };
  } catch (err) {
    log(`scheduled backup failed: ${(err as Error).stack ?? String(err)}`);
    outcome = { at: at.toISOString(), ok: false, error: (err as Error).message.slice(0, 300) };
  }
  clearInterval(renewal);
  await renewing;
  await setStationSetting(db, 'backup.last', JSON.stringify(outcome));
  await releaseSetting(db, 'backup.claim', mine);
}
