import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { type Catalog, type Commune, type Draft, type IntakeForm, intakeChannels, type Session } from '../../../../electron/contract/schemas';
import { CheckField, SelectField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { call } from '../../lib/api';
import { useHotkeys } from '../../lib/hotkeys';
import { blankForm, blankVehicle, draftTitle, hasContent, matchCommunes, type TimeKey, timeKeys } from './form-state';
import { RelatedPanel } from './RelatedPanel';
import { ReporterFields } from './ReporterFields';
import { useDraftAutosave } from './use-draft-autosave';
import { DueList } from '../workflow/DueList';
import { VehicleFields } from './VehicleFields';
import { ViolationPicker } from './ViolationPicker';

type Notice = { kind: 'ok' | 'error' | 'info'; text: string; reportId?: number } | null;

export function IntakePage(props: { session: Session; catalog: Catalog; active: boolean; onOpen: (id: number) => void }) {
  const { session, catalog } = props;
  const [form, setForm] = useState<IntakeForm>(() => blankForm(session, new Date()));
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  // Each new form (next call, another draft) remounts the typed-text fields: nothing half-typed carries over.
  const [generation, setGeneration] = useState(0);
  const [timeProblems, setTimeProblems] = useState<Partial<Record<TimeKey, string>>>({});
  const [revealTimes, setRevealTimes] = useState(false);
  const timeInputs = { receivedAt: useRef<HTMLInputElement>(null), occurredAt: useRef<HTMLInputElement>(null) };
  const firstField = useRef<HTMLDivElement>(null);
  const dirty = hasContent(form);
  const autosave = useDraftAutosave(form, dirty);

  const focusFirst = () => firstField.current?.querySelector('select')?.focus();

  const refreshDrafts = useCallback(async () => setDrafts(await call('draft:list', {})), []);

  // On start, the newest open draft comes back: nothing typed before a crash is lost.
  useEffect(() => {
    call('draft:list', {}).then(async (list) => {
      setDrafts(list);
      const newest = list[0];
      if (newest) {
        await autosave.settle(newest.id);
        setForm(newest.form);
        setGeneration((g) => g + 1);
        setNotice({ kind: 'info', text: vi.form.draftRestored });
      }
      focusFirst();
    }, (e: Error) => setNotice({ kind: 'error', text: e.message }));
  }, [autosave.settle]);

  const update = <K extends keyof IntakeForm>(key: K) => (value: IntakeForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setLocation = <K extends keyof IntakeForm['location']>(key: K) => (value: string) =>
    setForm((f) => ({ ...f, location: { ...f.location, [key]: value } }));

  const timeProblem = (key: TimeKey) => (problem: string | null) =>
    setTimeProblems((p) => ((p[key] ?? null) === problem ? p : { ...p, [key]: problem ?? undefined }));

  const startNew = async (nextDraft: Draft | null) => {
    await autosave.settle(nextDraft?.id ?? null);
    setForm(nextDraft?.form ?? blankForm(session, new Date()));
    setGeneration((g) => g + 1);
    setTimeProblems({});
    setRevealTimes(false);
    await refreshDrafts();
    focusFirst();
  };

  const save = async () => {
    if (saving) return;
    // A time the station did not understand is never saved as no time: name the field and go back to it.
    const unread = timeKeys.find((k) => timeProblems[k]);
    if (unread) {
      setRevealTimes(true);
      setNotice({ kind: 'error', text: vi.timeEntry.blocked(vi.form[unread], timeProblems[unread]!) });
      timeInputs[unread].current?.focus();
      return;
    }
    setSaving(true);
    try {
      await autosave.settle();
      const saved = await call('report:create', { draftId: autosave.currentId(), form });
      setNotice({ kind: 'ok', text: vi.form.saved(saved.code), reportId: saved.id });
      await startNew(null);
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const discard = async () => {
    const id = autosave.currentId();
    if (!window.confirm(vi.form.confirmDiscard)) return;
    await autosave.settle(null);
    if (id !== null) await call('draft:discard', { id });
    await startNew(null);
  };

  const addVehicle = () => setForm((f) => ({ ...f, vehicles: [...f.vehicles, blankVehicle()] }));
  // The quick Tab path goes through the fields of a standard call only (issue 8.2: ≤ 15 Tabs); Alt+M puts every
  // field in it, and the choice is kept on this desk. The others stay one click away.
  const [allFields, setAllFields] = useState(() => localStorage.getItem('station.allFields') === '1');
  const rare = allFields ? 0 : -1;
  const toggleAllFields = () => setAllFields((on) => {
    localStorage.setItem('station.allFields', on ? '0' : '1');
    return !on;
  });
  useHotkeys({
    'Control+s': () => void save(),
    'Control+n': () => void startNew(null),
    'Alt+n': () => void startNew(null),
    'Alt+v': addVehicle,
    'Alt+m': toggleAllFields,
    'Alt+k': () => update('ongoing')(!form.ongoing),
    'Alt+a': () => update('reporter')({ ...form.reporter, anonymous: !form.reporter.anonymous, wantsFeedback: false }),
  }, props.active);

  const communes = useMemo(
    () => catalog.communes.filter((c) => c.provinceCode === form.location.provinceCode),
    [catalog.communes, form.location.provinceCode],
  );
  const otherDrafts = drafts.filter((d) => d.id !== autosave.currentId());
  const draftLine = autosave.state.kind === 'saving' ? vi.form.draftSaving
    : autosave.state.kind === 'saved' ? vi.form.draftSaved(formatStationTime(autosave.state.at))
      : autosave.state.kind === 'failed' ? autosave.state.message : '';

  return (
    <div className="intake">
      <form className="intake-form" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label={vi.form.heading}>
        <h1>{vi.form.heading}</h1>
        {notice && (
          <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
            {notice.reportId && <button type="button" className="link" tabIndex={-1} onClick={() => props.onOpen(notice.reportId!)}>{vi.form.openSaved}</button>}
          </p>
        )}
        {form.ongoing && <p className="urgent" role="alert">{vi.form.urgentBanner}</p>}

        <fieldset>
          <legend>{vi.form.sectionCall}</legend>
          <div className="row" ref={firstField}>
            <SelectField label={vi.form.channel} value={form.channel}
              onChange={(v) => update('channel')(v as IntakeForm['channel'])}
              options={intakeChannels.map((c) => ({ value: c, label: vi.channel[c] }))} />
            <TimeField key={`receivedAt-${generation}`} mode="datetime" required label={vi.form.receivedAt} value={form.receivedAt}
              onChange={update('receivedAt')} onProblem={timeProblem('receivedAt')} reveal={revealTimes} inputRef={timeInputs.receivedAt} tabIndex={rare} />
            <TextField label={vi.form.callerPhone} value={form.callerPhone} onChange={update('callerPhone')} inputMode="tel" />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionViolation}</legend>
          <ViolationPicker key={`violations-${generation}`} types={catalog.violationTypes} value={form.violationCodes} onChange={update('violationCodes')} />
          <div className="row">
            <TimeField key={`occurredAt-${generation}`} mode="datetime" label={vi.form.occurredAt} value={form.occurredAt}
              onChange={update('occurredAt')} onProblem={timeProblem('occurredAt')} reveal={revealTimes} inputRef={timeInputs.occurredAt} />
            <CheckField label={vi.form.occurredApprox} checked={form.occurredApprox} onChange={update('occurredApprox')} tabIndex={rare} />
            <CheckField className="ongoing" label={vi.form.ongoing} checked={form.ongoing} onChange={update('ongoing')} tabIndex={rare} />
          </div>
          <div className="field wide">
            <label htmlFor="description">{vi.form.description}</label>
            <textarea id="description" rows={3} value={form.description} onChange={(e) => update('description')(e.target.value)} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionPlace}</legend>
          <div className="row">
            <TextField className="wide" label={vi.form.road} value={form.location.road} onChange={setLocation('road')} />
            <TextField className="short" label={vi.form.houseNumber} value={form.location.houseNumber} onChange={setLocation('houseNumber')} tabIndex={rare} />
            <TextField label={vi.form.intersection} value={form.location.intersection} onChange={setLocation('intersection')} tabIndex={rare} />
            <TextField className="short" label={vi.form.kmMarker} value={form.location.kmMarker} onChange={setLocation('kmMarker')} placeholder="Km 12+300" />
          </div>
          <div className="row">
            <SelectField label={vi.form.province} value={form.location.provinceCode}
              onChange={(v) => setForm((f) => ({ ...f, location: { ...f.location, provinceCode: v, communeCode: '' } }))}
              options={[{ value: '', label: vi.form.choose }, ...catalog.provinces.map((p) => ({ value: p.code, label: p.name }))]} tabIndex={rare} />
            <CommuneBox key={`commune-${generation}-${form.location.provinceCode}`} communes={communes}
              value={form.location.communeCode} onChange={setLocation('communeCode')} />
            <TextField label={vi.form.gps} value={form.location.gps} onChange={setLocation('gps')} placeholder="14.3545, 108.0076" tabIndex={rare} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionVehicles}</legend>
          {form.vehicles.map((v, i) => (
            <VehicleFields key={i} index={i} vehicle={v} rare={rare}
              onChange={(nv) => setForm((f) => ({ ...f, vehicles: f.vehicles.map((x, j) => (j === i ? nv : x)) }))}
              onRemove={form.vehicles.length > 1 ? () => setForm((f) => ({ ...f, vehicles: f.vehicles.filter((_, j) => j !== i) })) : undefined} />
          ))}
          <button type="button" className="link" onClick={addVehicle} tabIndex={rare}>{vi.form.addVehicle}</button>
        </fieldset>

        <ReporterFields reporter={form.reporter} onChange={update('reporter')} callerPhone={form.callerPhone} rare={rare} />
        <button type="button" className="link" onClick={toggleAllFields} tabIndex={-1} aria-pressed={allFields}>{vi.form.allFields(allFields)}</button>

        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>{vi.form.save}</button>
          <button type="button" onClick={() => void startNew(null)}>{vi.form.next}</button>
          {dirty && <button type="button" className="danger" onClick={() => void discard()}>{vi.form.discard}</button>}
          <span className="draft-state" role="status">{draftLine}</span>
        </div>
      </form>

      <div className="side">
        <RelatedPanel plates={form.vehicles.map((v) => v.plate)} callerPhone={form.callerPhone} onOpen={props.onOpen} />
        <aside className="due-side"><DueList onOpen={props.onOpen} /></aside>
        {otherDrafts.length > 0 && (
          <aside className="drafts">
            <h2>{vi.form.draftsOpen(otherDrafts.length)}</h2>
            <ul>
              {otherDrafts.map((d) => (
                <li key={d.id}>
                  <span>{formatStationTime(d.updatedAt)} — {draftTitle(d.form) || vi.form.draftUntitled}</span>
                  <button type="button" className="link" onClick={() => void startNew(d)}>{vi.form.draftOpen}</button>
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
    </div>
  );
}

/**
 * The commune of the chosen province, by typing part of its name without "Xã/Phường" and without diacritics
 * ("kon tum", "ky lua"). The choice follows the highlighted match as the officer types or moves with the arrows,
 * so Enter, Tab or even Ctrl+S keep it; one Tab stop.
 */
function CommuneBox(props: { communes: Commune[]; value: string; onChange: (code: string) => void }) {
  const { communes, value, onChange } = props;
  const id = useId();
  const [query, setQuery] = useState<string | null>(null); // null: not typing, the box shows the chosen name
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (query === null ? communes : matchCommunes(communes, query)), [communes, query]);
  const chosen = communes.find((c) => c.code === value);
  const unmatched = query !== null && query.trim() !== '' && matches.length === 0;

  const type = (text: string) => {
    setQuery(text);
    setOpen(true);
    setActive(0);
    onChange(text.trim() === '' ? '' : matchCommunes(communes, text)[0]?.code ?? '');
  };
  const move = (step: number) => {
    const from = open ? active : Math.max(0, matches.findIndex((c) => c.code === value));
    const next = Math.min(Math.max(from + (open ? step : 0), 0), matches.length - 1);
    setOpen(true);
    setActive(next);
    if (matches[next]) onChange(matches[next].code);
  };
  const close = () => {
    setOpen(false);
    if (!unmatched) setQuery(null);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
    else if (e.key === 'Enter') { e.preventDefault(); close(); }
    else if (e.key === 'Escape' && open) { e.preventDefault(); close(); }
  };

  return (
    <div className="field picker commune">
      <label htmlFor={id}>{vi.form.commune}</label>
      <input id={id} role="combobox" aria-autocomplete="list" aria-expanded={open} aria-controls={`${id}-list`}
        aria-activedescendant={open && matches[active] ? `${id}-${matches[active].code}` : undefined}
        aria-describedby={unmatched && !open ? `${id}-note` : undefined} autoComplete="off" spellCheck={false}
        placeholder={vi.communeFilter.placeholder} value={query ?? chosen?.name ?? ''}
        onChange={(e) => type(e.target.value)} onKeyDown={onKeyDown} onBlur={close} />
      {open && (
        <ul id={`${id}-list`} role="listbox" className="options">
          {matches.length === 0 && <li className="muted">{vi.communeFilter.none}</li>}
          {matches.map((c, i) => (
            <li key={c.code} id={`${id}-${c.code}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); onChange(c.code); setQuery(null); setOpen(false); }}>
              {c.name}
            </li>
          ))}
        </ul>
      )}
      {unmatched && !open && <div id={`${id}-note`} className="note warn">{vi.communeFilter.notInCatalog(query)}</div>}
    </div>
  );
}
