import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formProblems } from '../../../../electron/contract/domain/intake-check';
import { formatStationTime, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { type Catalog, type Commune, type Draft, type IntakeForm, intakeChannels, type Session } from '../../../../electron/contract/schemas';
import { CheckField, SelectField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { call } from '../../lib/api';
import { useHotkeys } from '../../lib/hotkeys';
import { blankForm, blankVehicle, draftAge, draftTitle, fieldLabel, hasContent, inPageOrder, matchCommunes, type TimeKey, timeKeys } from './form-state';
import { RelatedPanel } from './RelatedPanel';
import { ReporterFields } from './ReporterFields';
import { useDraftAutosave } from './use-draft-autosave';
import { DueList } from '../workflow/DueList';
import { VehicleFields } from './VehicleFields';
import { ViolationPicker } from './ViolationPicker';

// A refusal's text follows the fields still wrong (it goes once they are all fixed), so it is built when shown.
type Notice = { kind: 'ok' | 'error' | 'info'; text: string; reportId?: number; refusal?: boolean } | null;

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
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = hasContent(form);
  const autosave = useDraftAutosave(form, dirty);
  // The receipt time a new blank form was given; null once the call has started or for a draft (issue 8.3).
  const presetReceivedAt = useRef<string | null>(form.receivedAt);
  // The fields a refused save named; each one's message goes as soon as that field is fixed (issue 8.5).
  const [refused, setRefused] = useState<ReadonlySet<string> | null>(null);
  const knownViolations = useMemo(() => new Set(catalog.violationTypes.map((t) => t.code)), [catalog.violationTypes]);
  const problems = useMemo(() => (refused ? formProblems(form, knownViolations).filter((p) => refused.has(p.field)) : []),
    [form, knownViolations, refused]);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const stillWrong = inPageOrder([...timeKeys.filter((k) => timeProblems[k]), ...problems.map((p) => p.field)]);

  const focusFirst = () => firstField.current?.querySelector('select')?.focus();

  // The call starts with the officer's first keystroke, not when the blank form was made: a form left open
  // between calls must not give the next call a receipt time from before it rang. Set unless the officer set it.
  useEffect(() => {
    const preset = presetReceivedAt.current;
    if (!dirty || preset === null) return;
    presetReceivedAt.current = null;
    setForm((f) => (f.receivedAt === preset ? { ...f, receivedAt: utcIsoToLocal(new Date()) } : f));
  }, [dirty]);

  // Meanwhile a blank form shows the time now, not the time it was made (unless the officer is editing it).
  useEffect(() => {
    if (dirty) return undefined;
    const timer = setInterval(() => {
      const preset = presetReceivedAt.current;
      const now = utcIsoToLocal(new Date());
      if (preset === null || preset === now || document.activeElement === timeInputs.receivedAt.current) return;
      presetReceivedAt.current = now;
      setForm((f) => (f.receivedAt === preset ? { ...f, receivedAt: now } : f));
    }, 15_000);
    return () => clearInterval(timer);
  }, [dirty]);

  const restoredNotice = (draft: Draft): Notice => ({
    kind: 'info',
    text: `${vi.form.draftRestored} ${vi.intakeCheck.draftRestored(draftAge(draft.updatedAt, new Date()), formatStationTime(draft.updatedAt))}`,
  });

  const refreshDrafts = useCallback(async () => setDrafts(await call('draft:list', {})), []);

  // On start, the newest open draft comes back: nothing typed before a crash is lost.
  useEffect(() => {
    call('draft:list', {}).then(async (list) => {
      setDrafts(list);
      const newest = list[0];
      if (newest) {
        await autosave.settle(newest.id, newest.form);
        // A restored draft keeps its receipt time: it is when that call started; the notice says how old it is.
        presetReceivedAt.current = null;
        setForm(newest.form);
        setGeneration((g) => g + 1);
        setNotice(restoredNotice(newest));
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
    await autosave.settle(nextDraft?.id ?? null, nextDraft?.form);
    const next = nextDraft?.form ?? blankForm(session, new Date());
    presetReceivedAt.current = nextDraft ? null : next.receivedAt;
    setForm(next);
    setGeneration((g) => g + 1);
    setTimeProblems({});
    setRevealTimes(false);
    setRefused(null);
    if (nextDraft) setNotice(restoredNotice(nextDraft));
    await refreshDrafts();
    focusFirst();
  };

  /** The input of a field path: the time fields by their refs, the others by their name. */
  const inputOf = (field: string): HTMLElement | null => {
    if (field === 'receivedAt' || field === 'occurredAt') return timeInputs[field].current;
    if (field === 'violationCodes') return formRef.current?.querySelector('.picker input') ?? null;
    return formRef.current?.querySelector(`[name="${CSS.escape(field)}"]`) ?? null;
  };

  const save = async () => {
    if (saving) return;
    // A time the station did not understand is never saved as no time (the TimeField shows why); with the
    // station's own refusals (the same rules the service applies), every field is named and the focus goes to
    // the first on the page.
    const unread = timeKeys.filter((k) => timeProblems[k]);
    const found = formProblems(form, knownViolations);
    if (unread.length > 0 || found.length > 0) {
      const fields = inPageOrder([...unread, ...found.map((p) => p.field)]);
      setRevealTimes(unread.length > 0);
      setRefused(new Set(found.map((p) => p.field)));
      const only = unread.length === 1 && found.length === 0 ? unread[0] : undefined;
      setNotice(only ? { kind: 'error', text: vi.timeEntry.blocked(vi.form[only], timeProblems[only]!) } : { kind: 'error', text: '', refusal: true });
      inputOf(fields[0]!)?.focus();
      return;
    }
    setRefused(null);
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

  // Alt+V adds a vehicle and puts the focus in its plate (issue 8.5), once it is on the page.
  const focusVehicle = useRef<number | null>(null);
  const addVehicle = () => setForm((f) => {
    focusVehicle.current = f.vehicles.length;
    return { ...f, vehicles: [...f.vehicles, blankVehicle()] };
  });
  useEffect(() => {
    if (focusVehicle.current === null) return;
    inputOf(`vehicles.${focusVehicle.current}.plate`)?.focus();
    focusVehicle.current = null;
  });

  // The time inputs belong to TimeField, which shows its own refusals; a refusal of the station's rules
  // (occurred after the receipt) is shown beside it and tied to its input here.
  useEffect(() => {
    for (const k of timeKeys) {
      const input = timeInputs[k].current;
      if (!input) continue;
      const ours = `${k}-refused`;
      const others = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x !== '' && x !== ours);
      const mine = errorOf(k) !== undefined;
      input.setAttribute('aria-describedby', [...(mine ? [ours] : []), ...others].join(' '));
      // Only the aria-invalid set here is taken back here: TimeField keeps its own for the text it cannot read.
      if (mine) {
        input.setAttribute('aria-invalid', 'true');
        input.dataset.refused = '1';
      } else if (input.dataset.refused) {
        delete input.dataset.refused;
        if (!timeProblems[k]) input.removeAttribute('aria-invalid');
      }
      if (input.getAttribute('aria-describedby') === '') input.removeAttribute('aria-describedby');
    }
  });
  const timeError = (k: TimeKey) => {
    const e = errorOf(k);
    return e ? <div id={`${k}-refused`} className="note time-refused field-error">{e}</div> : null;
  };
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
      <form ref={formRef} className="intake-form" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label={vi.form.heading}>
        <h1>{vi.form.heading}</h1>
        {notice && (!notice.refusal || stillWrong.length > 0) && (
          <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.refusal ? vi.intakeCheck.refused(stillWrong.map(fieldLabel)) : notice.text}
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
            {timeError('receivedAt')}
            <TextField label={vi.form.callerPhone} name="callerPhone" error={errorOf('callerPhone')} value={form.callerPhone} onChange={update('callerPhone')} inputMode="tel" />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionViolation}</legend>
          <ViolationPicker key={`violations-${generation}`} types={catalog.violationTypes} value={form.violationCodes} onChange={update('violationCodes')} />
          {errorOf('violationCodes') && <div className="note time-refused field-error">{errorOf('violationCodes')}</div>}
          <div className="row">
            <TimeField key={`occurredAt-${generation}`} mode="datetime" label={vi.form.occurredAt} value={form.occurredAt}
              onChange={update('occurredAt')} onProblem={timeProblem('occurredAt')} reveal={revealTimes} inputRef={timeInputs.occurredAt} />
            {timeError('occurredAt')}
            <CheckField label={vi.form.occurredApprox} checked={form.occurredApprox} onChange={update('occurredApprox')} tabIndex={rare} />
            <CheckField className="ongoing" label={vi.form.ongoing} checked={form.ongoing} onChange={update('ongoing')} tabIndex={rare} />
          </div>
          <div className="field wide">
            <label htmlFor="description">{vi.form.description}</label>
            <textarea id="description" name="description" rows={3} value={form.description} onChange={(e) => update('description')(e.target.value)}
              aria-invalid={errorOf('description') ? true : undefined} aria-describedby={errorOf('description') ? 'description-refused' : undefined} />
            {errorOf('description') && <div id="description-refused" className="note time-refused field-error">{errorOf('description')}</div>}
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionPlace}</legend>
          <div className="row">
            <TextField className="wide" label={vi.form.road} name="location.road" error={errorOf('location.road')} value={form.location.road} onChange={setLocation('road')} />
            <TextField className="short" label={vi.form.houseNumber} name="location.houseNumber" error={errorOf('location.houseNumber')} value={form.location.houseNumber} onChange={setLocation('houseNumber')} tabIndex={rare} />
            <TextField label={vi.form.intersection} name="location.intersection" error={errorOf('location.intersection')} value={form.location.intersection} onChange={setLocation('intersection')} tabIndex={rare} />
            <TextField className="short" label={vi.form.kmMarker} name="location.kmMarker" error={errorOf('location.kmMarker')} value={form.location.kmMarker} onChange={setLocation('kmMarker')} placeholder="Km 12+300" />
          </div>
          <div className="row">
            <SelectField label={vi.form.province} value={form.location.provinceCode}
              onChange={(v) => setForm((f) => ({ ...f, location: { ...f.location, provinceCode: v, communeCode: '' } }))}
              options={[{ value: '', label: vi.form.choose }, ...catalog.provinces.map((p) => ({ value: p.code, label: p.name }))]} tabIndex={rare} />
            <CommuneBox key={`commune-${generation}-${form.location.provinceCode}`} communes={communes}
              value={form.location.communeCode} onChange={setLocation('communeCode')} />
            <TextField label={vi.form.gps} name="location.gps" error={errorOf('location.gps')} value={form.location.gps} onChange={setLocation('gps')} placeholder="14.3545, 108.0076" tabIndex={rare} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionVehicles}</legend>
          {form.vehicles.map((v, i) => (
            <VehicleFields key={i} index={i} vehicle={v} rare={rare} errorOf={errorOf}
              onChange={(nv) => setForm((f) => ({ ...f, vehicles: f.vehicles.map((x, j) => (j === i ? nv : x)) }))}
              onRemove={form.vehicles.length > 1 ? () => setForm((f) => ({ ...f, vehicles: f.vehicles.filter((_, j) => j !== i) })) : undefined} />
          ))}
          <button type="button" className="link" onClick={addVehicle} tabIndex={rare}>{vi.form.addVehicle}</button>
        </fieldset>

        <ReporterFields reporter={form.reporter} onChange={update('reporter')} callerPhone={form.callerPhone} rare={rare} errorOf={errorOf} />
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
