import type { Db } from '../../../db/connection';
import { addDayOff, announcedDaysOff, removeDayOff, seedDaysOff } from '../../../db/queries/calendar';
import daysOffData from '../../../resources/catalogs/days-off.json' with { type: 'json' };
import { publicHolidays, type WorkingCalendar, workingCalendar } from '../../contract/domain/calendar';
import { formatDay } from '../../contract/domain/time';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { DayOff, NewDayOff } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';

// The law's calendar for the station's deadlines: computed holidays plus the announced days off kept in the
// database. Read once per call (the due list judges every open report against the same calendar).

/** The working calendar as it stands now: one query, whatever number of deadlines it then serves. */
export async function stationCalendar(db: Db): Promise<WorkingCalendar> {
  return workingCalendar(await announcedDaysOff(db));
}

/** Seeds resources/catalogs/days-off.json: each day once, so a day an officer removed stays removed. */
export async function seedAnnouncedDaysOff(db: Db, at: string): Promise<void> {
  await seedDaysOff(db, daysOffData.items, at);
}

/** A year's days that are not working days besides weekends, each labelled: computed holidays and announced days. */
export async function daysOffOfYear(station: Station, year: number): Promise<DayOff[]> {
  const holidays: DayOff[] = publicHolidays(year).map((h) => ({
    day: h.day, kind: 'holiday', id: null, source: '',
    name: h.code === 'tet' ? vi.calendar.tetDay(h.lunarDay ?? 1) : vi.calendar.holiday[h.code],
  }));
  const announced: DayOff[] = (await announcedDaysOff(station.db, year)).map((d) => ({ day: d.day, kind: 'announced', id: d.id, name: d.name, source: d.source }));
  return [...holidays, ...announced].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.kind === 'holiday' ? -1 : 1));
}

export async function addAnnouncedDayOff(station: Station, input: NewDayOff): Promise<DayOff[]> {
  // A public holiday is already off (computed): listing it twice would say two things about one day.
  if (publicHolidays(Number(input.day.slice(0, 4))).some((h) => h.day === input.day)) {
    throw new StationError('rejected', vi.calendar.alreadyOff(formatDay(input.day)));
  }
  const added = await addDayOff(station.db, {
    day: input.day, name: nfc(input.name), source: nfc(input.source), at: station.now().toISOString(), officerId: station.officerId,
  });
  if (!added) throw new StationError('rejected', vi.calendar.alreadyOff(formatDay(input.day)));
  return daysOffOfYear(station, Number(input.day.slice(0, 4)));
}

export async function removeAnnouncedDayOff(station: Station, id: number): Promise<DayOff[]> {
  const day = await removeDayOff(station.db, { id, at: station.now().toISOString(), officerId: station.officerId });
  if (!day) throw new StationError('not-found', vi.error.notFound);
  return daysOffOfYear(station, Number(day.slice(0, 4)));
}
