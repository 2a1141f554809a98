import type { RefObject } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { type Catalog, type IntakeForm, intakeChannels } from '../../../../electron/contract/schemas';
import { CheckField, SelectField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { FieldRefusal } from './FieldRefusal';
import type { FieldErrors } from './use-field-errors';
import { ViolationPicker } from './ViolationPicker';

/** Sets one field of the form. */
export type FieldUpdate = <K extends keyof IntakeForm>(key: K) => (value: IntakeForm[K]) => void;

interface SectionProps {
  form: IntakeForm;
  update: FieldUpdate;
  errors: FieldErrors;
  /** Each new form remounts the typed-text fields: nothing half-typed carries over. */
  generation: number;
  /** The tabIndex of the fields off the quick Tab path (issue 8.2). */
  rare: number;
}

/**
 * How the call came in: channel, receipt time, caller's phone, and which of the unit's published hotlines rang
 * when it has several. The first field takes the focus on a new form.
 */
export function CallSection(props: SectionProps & { firstField: RefObject<HTMLDivElement | null>; hotlines: string[] }) {
  const { form, update, errors, generation, rare, hotlines } = props;
  return (
    <fieldset>
      <legend>{vi.form.sectionCall}</legend>
      <div className="row" ref={props.firstField}>
        <SelectField label={vi.form.channel} value={form.channel}
          onChange={(v) => update('channel')(v as IntakeForm['channel'])}
          options={intakeChannels.map((c) => ({ value: c, label: vi.channel[c] }))} />
        <TimeField key={`receivedAt-${generation}`} mode="datetime" required label={vi.form.receivedAt} value={form.receivedAt}
          onChange={update('receivedAt')} onProblem={errors.timeProblem('receivedAt')} reveal={errors.revealTimes} inputRef={errors.timeInputs.receivedAt} tabIndex={rare} />
        <FieldRefusal id="receivedAt-refused" message={errors.errorOf('receivedAt')} />
        <TextField label={vi.form.callerPhone} name="callerPhone" error={errors.errorOf('callerPhone')} value={form.callerPhone} onChange={update('callerPhone')} inputMode="tel" />
        {form.channel === 'hotline' && hotlines.length > 1 && (
          <SelectField label={vi.form.hotline} value={form.hotline} onChange={update('hotline')} tabIndex={rare}
            options={[...(hotlines.includes(form.hotline) ? [] : [{ value: form.hotline, label: form.hotline || vi.form.choose }]), ...hotlines.map((h) => ({ value: h, label: h }))]} />
        )}
      </div>
    </fieldset>
  );
}

/** What happened: the violations, when, whether it is still going on, and the officer's description. */
export function ViolationSection(props: SectionProps & { violationTypes: Catalog['violationTypes'] }) {
  const { form, update, errors, generation, rare } = props;
  const descriptionError = errors.errorOf('description');
  return (
    <fieldset>
      <legend>{vi.form.sectionViolation}</legend>
      <ViolationPicker key={`violations-${generation}`} types={props.violationTypes} value={form.violationCodes} onChange={update('violationCodes')} />
      <FieldRefusal message={errors.errorOf('violationCodes')} />
      <div className="row">
        <TimeField key={`occurredAt-${generation}`} mode="datetime" label={vi.form.occurredAt} value={form.occurredAt}
          onChange={update('occurredAt')} onProblem={errors.timeProblem('occurredAt')} reveal={errors.revealTimes} inputRef={errors.timeInputs.occurredAt} />
        <FieldRefusal id="occurredAt-refused" message={errors.errorOf('occurredAt')} />
        <CheckField label={vi.form.occurredApprox} checked={form.occurredApprox} onChange={update('occurredApprox')} tabIndex={rare} />
        <CheckField className="ongoing" label={vi.form.ongoing} checked={form.ongoing} onChange={update('ongoing')} tabIndex={rare} />
      </div>
      <div className="field wide">
        <label htmlFor="description">{vi.form.description}</label>
        <textarea id="description" name="description" rows={3} value={form.description} onChange={(e) => update('description')(e.target.value)}
          aria-invalid={descriptionError ? true : undefined} aria-describedby={descriptionError ? 'description-refused' : undefined} />
        <FieldRefusal id="description-refused" message={descriptionError} />
      </div>
    </fieldset>
  );
}
