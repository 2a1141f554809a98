import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// The desk's own settings (which unit, when the screen locks…), kept beside the database in the data folder.

export const Settings = z.object({
  /** postgres://… when the station shares one database across desks; else the local SQLite file. */
  databaseUrl: z.string().optional(),
  /** Where evidence files are kept; default: the evidence folder in the data folder. */
  evidenceDir: z.string().optional(),
  /** Minutes without a call before the screen locks (default DEFAULT_IDLE_MINUTES). */
  idleMinutes: z.number().int().min(1).max(240).optional(),
  /** Re-read every source after its copy and compare hashes (off by default: it doubles the reads of slow sticks). */
  verifySource: z.boolean().optional(),
  /** Scheduled backups into this folder (services/backup/schedule.ts): every `everyHours`, the newest `keep` kept. */
  backup: z.object({
    dir: z.string().min(1),
    everyHours: z.number().min(1).max(24 * 31).default(24),
    keep: z.number().int().min(1).max(1000).default(14),
  }).optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_IDLE_MINUTES = 10;

export function defaultDataDir(): string {
  return process.env.STATION_DATA_DIR ?? join(homedir(), '.local', 'share', 'tram-tiep-nhan');
}

export function readSettings(dataDir: string): Settings {
  const file = join(dataDir, 'settings.json');
  if (!existsSync(file)) return {};
  return Settings.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Written to a temporary file then renamed, so a crash never leaves half a settings file. */
export function writeSettings(dataDir: string, settings: Settings): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'settings.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
