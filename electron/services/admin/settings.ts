import { addAuditEvent } from '../../../db/queries/audit';
import { setStationSetting, stationSetting } from '../../../db/queries/settings';
import { vi } from '../../contract/messages.vi';
import type { StationSettings } from '../../contract/schemas';
import { lastBackup } from '../backup/schedule';
import { tools } from '../evidence/tools';
import type { Station } from '../station';

// The settings tab (issue 11.2). What every desk shares is kept in the database and changed here: the idle lock.
// What belongs to one machine (its data folder, its evidence folder, the ffmpeg and ffprobe it runs) is shown, not
// changed: a path set from a screen would let whoever holds an admin password run any program on the desk, so the
// machine's administrator sets them in its settings.json (README).

export async function idleMinutes(station: Pick<Station, 'db'>, deskDefault: number): Promise<number> {
  const kept = await stationSetting(station.db, 'idle_minutes');
  return kept === null ? deskDefault : Number(kept);
}

/** This machine's own settings (settings.json), as the host read them. */
export interface Desk { dataDir: string; evidenceDir: string; deskIdleMinutes: number; backupDir: string | null; backupEveryHours: number | null }

export async function stationSettings(station: Station, desk: Desk): Promise<StationSettings> {
  return {
    idleMinutes: await idleMinutes(station, desk.deskIdleMinutes),
    desk: { dataDir: desk.dataDir, evidenceDir: desk.evidenceDir, ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe },
    // The last scheduled backup of the station, whichever desk ran it.
    backup: { dir: desk.backupDir, everyHours: desk.backupEveryHours, last: await lastBackup(station.db) },
  };
}

export async function saveStationSettings(station: Station, input: { idleMinutes: number }, desk: Desk) {
  const before = await idleMinutes(station, desk.deskIdleMinutes);
  await setStationSetting(station.db, 'idle_minutes', String(input.idleMinutes));
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'admin.settings-saved',
    detail: { idleMinutes: { from: before, to: input.idleMinutes }, summary: vi.admin.settings.summary(before, input.idleMinutes) },
  });
  return stationSettings(station, desk);
}
