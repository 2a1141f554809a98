import { useCallback, useEffect, useRef, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Catalog, Draft, IntakeForm, Session } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { useHotkeys } from '../../lib/hotkeys';
import { CallSection, type FieldUpdate, ViolationSection } from './CallSections';
import { blankForm, blankVehicle, draftAge, fieldLabel, hasContent } from './form-state';
import { IntakeSide } from './IntakeSide';
import { PlaceFields } from './PlaceFields';
import { ReporterFields } from './ReporterFields';
import { useDraftAutosave } from './use-draft-autosave';
import { useFieldErrors } from './use-field-errors';
import { useReceiptTime } from './use-receipt-time';
import { VehiclesSection } from './VehiclesSection';

// A refusal's text follows the fields still wrong (it goes once they are all fixed), so it is built when shown.
type Notice = { kind: 'ok' | 'error' | 'info'; text: string; reportId?: number; refusal?: boolean } | null;

/** The intake form and its shell: save, next call, discard, drafts, hotkeys and the notice above the form. */
export function IntakePage(props: { session: Session; catalog: Catalog; active: boolean; onOpen: (id: number) => void }) {
  const { session, catalog } = props;
  const [form, setForm] = useState<IntakeForm>(() => blankForm(session, new Date()));
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  // Each new form (next call, another draft) remounts the typed-text fields: nothing half-typed carries over.
  const [generation, setGeneration] = useState(0);
  const firstField = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = hasContent(form);
  const autosave = useDraftAutosave(form, dirty);
  const errors = useFieldErrors(form, catalog.violationTypes, formRef);
  const presetReceivedAt = useReceiptTime(form.receivedAt, dirty, setForm, errors.timeInputs.receivedAt);

  const focusFirst = () => firstField.current?.querySelector('select')?.focus();

  const restoredNotice = (draft: Draft): Notice => ({
    kind: 'info',
    text: `${vi.form.draftRestored} ${vi.intakeCheck.draftRestored(draftAge(draft.updatedAt, new Date()), formatStationTime(draft.updatedAt))}`,
  });

  const refreshDrafts = useCallback(async () => setDrafts(await call('draft:list', {})), []);

  // On start, the newest open draft comes back: nothing typed before a crash is lost.
  useEffect(() => {
    call('draft:list', {}).then(async (list) => {
      setDrafts(list);
      const newest = list[0] && await call('draft:open', { id: list[0].id });
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

  const update: FieldUpdate = (key) => (value) => setForm((f) => ({ ...f, [key]: value }));

  const startNew = async (listed: Draft | null) => {
    // The list leaves the reporter out: the draft is opened whole (an audited look) to type on.
    const nextDraft = listed && await call('draft:open', { id: listed.id });
    await autosave.settle(nextDraft?.id ?? null, nextDraft?.form);
    const next = nextDraft?.form ?? blankForm(session, new Date());
    presetReceivedAt.current = nextDraft ? null : next.receivedAt;
    setForm(next);
    setGeneration((g) => g + 1);
    errors.reset();
    if (nextDraft) setNotice(restoredNotice(nextDraft));
    await refreshDrafts();
    focusFirst();
  };

  const save = async () => {
    if (saving) return;
    const refusal = errors.refuse();
    if (refusal) {
      setNotice(refusal.blocked ? { kind: 'error', text: refusal.blocked } : { kind: 'error', text: '', refusal: true });
      errors.inputOf(refusal.focus)?.focus();
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

  // Alt+V adds a vehicle and puts the focus in its plate (issue 8.5), once it is on the page.
  const focusVehicle = useRef<number | null>(null);
  const addVehicle = () => setForm((f) => {
    focusVehicle.current = f.vehicles.length;
    return { ...f, vehicles: [...f.vehicles, blankVehicle()] };
  });
  useEffect(() => {
    if (focusVehicle.current === null) return;
    errors.inputOf(`vehicles.${focusVehicle.current}.plate`)?.focus();
    focusVehicle.current = null;
  });

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

  const otherDrafts = drafts.filter((d) => d.id !== autosave.currentId());
  const draftLine = autosave.state.kind === 'saving' ? vi.form.draftSaving
    : autosave.state.kind === 'saved' ? vi.form.draftSaved(formatStationTime(autosave.state.at))
      : autosave.state.kind === 'failed' ? autosave.state.message : '';
  const sectionProps = { form, update, errors, generation, rare };

  return (
    <div className="intake">
      <form ref={formRef} className="intake-form" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label={vi.form.heading}>
        <h1>{vi.form.heading}</h1>
        {notice && (!notice.refusal || errors.stillWrong.length > 0) && (
          <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.refusal ? vi.intakeCheck.refused(errors.stillWrong.map(fieldLabel)) : notice.text}
            {notice.reportId && <button type="button" className="link" tabIndex={-1} onClick={() => props.onOpen(notice.reportId!)}>{vi.form.openSaved}</button>}
          </p>
        )}
        {form.ongoing && <p className="urgent" role="alert">{vi.form.urgentBanner}</p>}

        <CallSection {...sectionProps} firstField={firstField} hotlines={props.session.unit.hotlines} />
        <ViolationSection {...sectionProps} violationTypes={catalog.violationTypes} />
        <PlaceFields location={form.location} catalog={catalog} errorOf={errors.errorOf} generation={generation} rare={rare}
          onChange={(patch) => setForm((f) => ({ ...f, location: { ...f.location, ...patch } }))} />

        <VehiclesSection vehicles={form.vehicles} onAdd={addVehicle} errorOf={errors.errorOf} rare={rare}
          onChange={(change) => setForm((f) => ({ ...f, vehicles: change(f.vehicles) }))} />

        <ReporterFields reporter={form.reporter} onChange={update('reporter')} callerPhone={form.callerPhone} rare={rare} errorOf={errors.errorOf} />
        <button type="button" className="link" onClick={toggleAllFields} tabIndex={-1} aria-pressed={allFields}>{vi.form.allFields(allFields)}</button>

        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>{vi.form.save}</button>
          <button type="button" onClick={() => void startNew(null)}>{vi.form.next}</button>
          {dirty && <button type="button" className="danger" onClick={() => void discard()}>{vi.form.discard}</button>}
          <span className="draft-state" role="status">{draftLine}</span>
        </div>
      </form>

      <IntakeSide form={form} otherDrafts={otherDrafts} onOpen={props.onOpen} onOpenDraft={(d) => void startNew(d)} />
    </div>
  );
}
