import { useId, useState } from 'react';
import { formatDay, stationYear } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { NewDayOff } from '../../../../electron/contract/schemas';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';

const weekday = (day: string) => vi.calendar.weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()];

/**
 * The year's days that are not working days (besides weekends): the holidays the station computes and the
 * days off the Government announces, which an officer adds and removes here (each edit is audited). Every
 * deadline is read again after an edit (lib/api.ts), so a report's deadline follows at once.
 */
export function DaysOffPage() {
  const [year, setYear] = useState(() => stationYear(new Date()));
  const days = useStation('calendar:daysOff', { year });
  const bases = useStation('catalog:get', {}).data?.legalBases;
  const [day, setDay] = useState('');
  const [dayProblem, setDayProblem] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const id = useId();
  const c = vi.calendar;
  const input = NewDayOff.safeParse({ day, name, source });
  const run = async (action: () => Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    try {
      await action();
      setNotice(done);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const add = () => {
    if (!input.success || dayProblem) return;
    void run(async () => {
      await call('calendar:addDayOff', input.data);
      setYear(Number(input.data.day.slice(0, 4)));
      setDay('');
      setName('');
      setSource('');
    }, c.added(formatDay(input.data.day)));
  };
  return (
    <section className="days-off" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{c.heading(year)}</h1>
      <p className="muted">{bases && c.intro(bases.workingDays, bases.holidays)}</p>
      <div className="row">
        <button type="button" onClick={() => setYear((y) => y - 1)}>{c.previousYear}</button>
        <button type="button" onClick={() => setYear((y) => y + 1)}>{c.nextYear}</button>
      </div>
      {days.error && <p className="notice error" role="alert">{days.error.message}</p>}
      {days.data && days.data.length === 0 && <p className="muted">{c.none}</p>}
      {days.data && days.data.length > 0 && (
        <table>
          <thead>
            <tr><th scope="col">{c.day}</th><th scope="col">{c.weekday}</th><th scope="col">{c.name}</th><th scope="col">{c.kindLabel}</th><th scope="col">{c.source}</th><th scope="col">{c.removeShort}</th></tr>
          </thead>
          <tbody>
            {days.data.map((d) => (
              <tr key={`${d.kind}-${d.day}-${d.id ?? d.name}`}>
                <td>{formatDay(d.day)}</td>
                <td>{weekday(d.day)}</td>
                <td>{d.name}</td>
                <td>{c.kind[d.kind]}</td>
                <td>{d.source}</td>
                <td>
                  {d.id !== null && (
                    <button type="button" aria-label={c.remove(formatDay(d.day))}
                      onClick={() => { if (window.confirm(c.confirmRemove(formatDay(d.day), d.name))) void run(() => call('calendar:removeDayOff', { id: d.id! }), c.removed(formatDay(d.day))); }}>
                      {c.removeShort}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="row" aria-label={c.addHeading} onSubmit={(e) => { e.preventDefault(); add(); }}>
        <TimeField mode="date" required allowFuture label={c.day} value={day} onChange={setDay} onProblem={setDayProblem} />
        <div className="field wide">
          <label htmlFor={`${id}-name`}>{c.name}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-source`}>{c.source}</label>
          <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={!input.success || dayProblem !== null}>{c.add}</button>
      </form>
      {notice && <p className="notice" role="status">{notice}</p>}
      {error && <p className="notice error" role="alert">{error}</p>}
    </section>
  );
}
