import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { type Catalog, type Draft, type IntakeForm, intakeChannels, type Session } from '../../../../electron/contract/schemas';
import { CheckField, SelectField, TextField } from '../../components/Field';
import { call } from '../../lib/api';
import { useHotkeys } from '../../lib/hotkeys';
import { blankForm, blankVehicle, draftTitle, hasContent } from './form-state';
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
        setNotice({ kind: 'info', text: vi.form.draftRestored });
      }
      focusFirst();
    }, (e: Error) => setNotice({ kind: 'error', text: e.message }));
  }, [autosave.settle]);

  const update = <K extends keyof IntakeForm>(key: K) => (value: IntakeForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setLocation = <K extends keyof IntakeForm['location']>(key: K) => (value: string) =>
    setForm((f) => ({ ...f, location: { ...f.location, [key]: value } }));

  const startNew = async (nextDraft: Draft | null) => {
    await autosave.settle(nextDraft?.id ?? null);
    setForm(nextDraft?.form ?? blankForm(session, new Date()));
    await refreshDrafts();
    focusFirst();
  };

  const save = async () => {
    if (saving) return;
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
  useHotkeys({
    'Control+s': () => void save(),
    'Control+n': () => void startNew(null),
    'Alt+n': () => void startNew(null),
    'Alt+v': addVehicle,
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
            <TextField type="datetime-local" label={vi.form.receivedAt} value={form.receivedAt} onChange={update('receivedAt')} />
            <TextField label={vi.form.callerPhone} value={form.callerPhone} onChange={update('callerPhone')} inputMode="tel" />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionViolation}</legend>
          <ViolationPicker types={catalog.violationTypes} value={form.violationCodes} onChange={update('violationCodes')} />
          <div className="row">
            <TextField type="datetime-local" label={vi.form.occurredAt} value={form.occurredAt} onChange={update('occurredAt')} />
            <CheckField label={vi.form.occurredApprox} checked={form.occurredApprox} onChange={update('occurredApprox')} />
            <CheckField className="ongoing" label={vi.form.ongoing} checked={form.ongoing} onChange={update('ongoing')} />
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
            <TextField className="short" label={vi.form.houseNumber} value={form.location.houseNumber} onChange={setLocation('houseNumber')} />
            <TextField label={vi.form.intersection} value={form.location.intersection} onChange={setLocation('intersection')} />
            <TextField className="short" label={vi.form.kmMarker} value={form.location.kmMarker} onChange={setLocation('kmMarker')} placeholder="Km 12+300" />
          </div>
          <div className="row">
            <SelectField label={vi.form.province} value={form.location.provinceCode}
              onChange={(v) => setForm((f) => ({ ...f, location: { ...f.location, provinceCode: v, communeCode: '' } }))}
              options={[{ value: '', label: vi.form.choose }, ...catalog.provinces.map((p) => ({ value: p.code, label: p.name }))]} />
            <SelectField label={vi.form.commune} value={form.location.communeCode} onChange={setLocation('communeCode')}
              options={[{ value: '', label: vi.form.choose }, ...communes.map((c) => ({ value: c.code, label: c.name }))]} />
            <TextField label={vi.form.gps} value={form.location.gps} onChange={setLocation('gps')} placeholder="14.3545, 108.0076" />
          </div>
        </fieldset>

        <fieldset>
          <legend>{vi.form.sectionVehicles}</legend>
          {form.vehicles.map((v, i) => (
            <VehicleFields key={i} index={i} vehicle={v}
              onChange={(nv) => setForm((f) => ({ ...f, vehicles: f.vehicles.map((x, j) => (j === i ? nv : x)) }))}
              onRemove={form.vehicles.length > 1 ? () => setForm((f) => ({ ...f, vehicles: f.vehicles.filter((_, j) => j !== i) })) : undefined} />
          ))}
          <button type="button" className="link" onClick={addVehicle}>{vi.form.addVehicle}</button>
        </fieldset>

        <ReporterFields reporter={form.reporter} onChange={update('reporter')} />

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
