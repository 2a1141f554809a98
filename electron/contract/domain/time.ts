// Station time. Vietnam keeps UTC+07:00 all year (no daylight saving), so local wall time converts to
// and from UTC with a fixed offset; instants are stored as UTC ISO strings.

export const STATION_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = STATION_OFFSET_MINUTES * 60_000;

/** "2026-11-23T14:05" (a datetime-local value, station time) → "2026-11-23T07:05:00.000Z". */
export function localToUtcIso(local: string): string {
  const [date, time = '00:00'] = local.split('T') as [string, string?];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS).toISOString();
}

/** A UTC instant → the station's wall-clock parts. */
function stationParts(instant: string | Date) {
  const t = new Date(new Date(instant).getTime() + OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: t.getUTCFullYear(),
    date: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`,
    dmy: `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`,
    hm: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`,
  };
}

/** A UTC instant → a datetime-local value in station time. */
export function utcIsoToLocal(instant: string | Date): string {
  const p = stationParts(instant);
  return `${p.date}T${p.hm}`;
}

/** "14:05 23/11/2026", the way the desk writes times. */
export function formatStationTime(instant: string): string {
  const p = stationParts(instant);
  return `${p.hm} ${p.dmy}`;
}

export function stationYear(instant: string | Date): number {
  return stationParts(instant).year;
}

/** The UTC bounds [from, to) of the station's calendar day holding the instant. */
export function stationDayBounds(instant: Date): { from: string; to: string } {
  const from = localToUtcIso(`${stationParts(instant).date}T00:00`);
  return { from, to: new Date(new Date(from).getTime() + 86_400_000).toISOString() };
}
