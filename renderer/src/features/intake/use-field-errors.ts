import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { formProblems } from '../../../../electron/contract/domain/intake-check';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Catalog, IntakeForm } from '../../../../electron/contract/schemas';
import { inPageOrder, type TimeKey, timeKeys } from './form-state';

/** Why a save was refused: the one time not understood (its own sentence), or the fields still wrong, named. */
export type Refusal = { focus: string; blocked: string | null };

/**
 * The field errors of the intake form: the times the TimeFields could not read, and the fields a refused save
 * named, each of whose messages goes as soon as that field is fixed (issue 8.5).
 */
export function useFieldErrors(form: IntakeForm, violationTypes: Catalog['violationTypes'], formRef: RefObject<HTMLFormElement | null>) {
  const [timeProblems, setTimeProblems] = useState<Partial<Record<TimeKey, string>>>({});
  const [revealTimes, setRevealTimes] = useState(false);
  const timeInputs = { receivedAt: useRef<HTMLInputElement>(null), occurredAt: useRef<HTMLInputElement>(null) };
  const [refused, setRefused] = useState<ReadonlySet<string> | null>(null);
  const knownViolations = useMemo(() => new Set(violationTypes.map((t) => t.code)), [violationTypes]);
  const problems = useMemo(() => (refused ? formProblems(form, knownViolations).filter((p) => refused.has(p.field)) : []),
    [form, knownViolations, refused]);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const stillWrong = inPageOrder([...timeKeys.filter((k) => timeProblems[k]), ...problems.map((p) => p.field)]);

  const timeProblem = (key: TimeKey) => (problem: string | null) =>
    setTimeProblems((p) => ((p[key] ?? null) === problem ? p : { ...p, [key]: problem ?? undefined }));

  /** The input of a field path: the time fields by their refs, the others by their name. */
  const inputOf = (field: string): HTMLElement | null => {
    if (field === 'receivedAt' || field === 'occurredAt') return timeInputs[field].current;
    if (field === 'violationCodes') return formRef.current?.querySelector('.picker input') ?? null;
    return formRef.current?.querySelector(`[name="${CSS.escape(field)}"]`) ?? null;
  };

  /**
   * Before a save: null when the form may go. A time the station did not understand is never saved as no time
   * (the TimeField shows why); with the station's own refusals (the same rules the service applies), every
   * field is named and the focus goes to the first on the page.
   */
  const refuse = (): Refusal | null => {
    const unread = timeKeys.filter((k) => timeProblems[k]);
    const found = formProblems(form, knownViolations);
    if (unread.length === 0 && found.length === 0) {
      setRefused(null);
      return null;
    }
    const fields = inPageOrder([...unread, ...found.map((p) => p.field)]);
    setRevealTimes(unread.length > 0);
    setRefused(new Set(found.map((p) => p.field)));
    const only = unread.length === 1 && found.length === 0 ? unread[0] : undefined;
    return { focus: fields[0]!, blocked: only ? vi.timeEntry.blocked(vi.form[only], timeProblems[only]!) : null };
  };

  /** A new form starts with no errors. */
  const reset = () => {
    setTimeProblems({});
    setRevealTimes(false);
    setRefused(null);
  };

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

  return { errorOf, stillWrong, timeInputs, timeProblem, revealTimes, inputOf, refuse, reset };
}

export type FieldErrors = ReturnType<typeof useFieldErrors>;
