import { hostname } from 'node:os';
import type { Db } from '../../../db/connection';
import { claimSetting, releaseSetting, setStationSetting, stationSetting } from '../../../db/queries/settings';
import type { Log } from '../../host/dispatch';
import { type BackupSource, backupStation, pruneBackups } from './backup';

// Scheduled backups (issue 13.3): a desk whose settings.json names a backup folder backs the station up when the
// last backup is older than its period (default every 24 hours, keeping the newest 14 database copies). Desks sharing
// one database take turns through it: the one that claims the `backup.claim` setting (one statement, compare and set)
// runs the backup; the others see `backup.last` and wait for the next period. A failure is retried after an hour.

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
/** A claim older than this belongs to a desk that died while backing up. */
const CLAIM_STALE_MS = 6 * 3600_000;

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
  const mine = `${at.toISOString()} ${hostname()} ${process.pid}`;
  if (!(await claimSetting(db, 'backup.claim', mine, new Date(at.getTime() - CLAIM_STALE_MS).toISOString()))) return;
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
  await setStationSetting(db, 'backup.last', JSON.stringify(outcome));
  await releaseSetting(db, 'backup.claim', mine);
}
