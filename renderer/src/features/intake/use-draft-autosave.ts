import { useCallback, useEffect, useRef, useState } from 'react';
import type { IntakeForm } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';

export type DraftState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

const DEBOUNCE_MS = 300;

/**
 * Saves the form as a draft shortly after each change, so a crash or a power cut loses at most the
 * last fraction of a second of typing. Saves run one after another, each with the form and draft id
 * of the moment it runs. `settle()` cancels what is pending and waits for the save in flight: call it
 * before the report is saved, so no late draft save brings back a draft the report has replaced.
 * An empty form is never kept (issue 8.3): a draft the officer empties is discarded, and a form the same as the
 * one on file (a draft just opened) is not saved again, so a draft's time stays the time it was last typed in.
 */
export function useDraftAutosave(form: IntakeForm, dirty: boolean) {
  const [state, setState] = useState<DraftState>({ kind: 'idle' });
  const draftId = useRef<number | null>(null);
  const latest = useRef({ form, dirty });
  latest.current = { form, dirty };
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onFile = useRef<string | null>(null);

  const save = useCallback((): Promise<void> => {
    chain.current = chain.current.then(async () => {
      const { form: f, dirty: d } = latest.current;
      if (!d) {
        const id = draftId.current;
        if (id === null) return;
        draftId.current = null;
        onFile.current = null;
        setState({ kind: 'idle' });
        try {
          await call('draft:discard', { id });
        } catch (e) {
          setState({ kind: 'failed', message: (e as Error).message });
        }
        return;
      }
      const text = JSON.stringify(f);
      if (text === onFile.current && draftId.current !== null) return;
      setState({ kind: 'saving' });
      try {
        const saved = await call('draft:save', { id: draftId.current, form: f });
        draftId.current = saved.id;
        onFile.current = text;
        setState({ kind: 'saved', at: saved.updatedAt });
      } catch (e) {
        setState({ kind: 'failed', message: (e as Error).message });
      }
    });
    return chain.current;
  }, []);

  useEffect(() => {
    if (!dirty && draftId.current === null) return undefined;
    timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [form, dirty, save]);

  /** Waits for pending saves, then points the autosave at another draft (null: a new one) holding `nextForm`. */
  const settle = useCallback(async (nextId: number | null = draftId.current, nextForm?: IntakeForm) => {
    clearTimeout(timer.current);
    await chain.current;
    if (nextId !== draftId.current || nextForm) onFile.current = nextForm ? JSON.stringify(nextForm) : null;
    draftId.current = nextId;
    setState({ kind: 'idle' });
  }, []);

  return { state, settle, currentId: () => draftId.current };
}
