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
 */
export function useDraftAutosave(form: IntakeForm, dirty: boolean) {
  const [state, setState] = useState<DraftState>({ kind: 'idle' });
  const draftId = useRef<number | null>(null);
  const latest = useRef({ form, dirty });
  latest.current = { form, dirty };
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const save = useCallback((): Promise<void> => {
    chain.current = chain.current.then(async () => {
      const { form: f, dirty: d } = latest.current;
      if (!d) return;
      setState({ kind: 'saving' });
      try {
        const saved = await call('draft:save', { id: draftId.current, form: f });
        draftId.current = saved.id;
        setState({ kind: 'saved', at: saved.updatedAt });
      } catch (e) {
        setState({ kind: 'failed', message: (e as Error).message });
      }
    });
    return chain.current;
  }, []);

  useEffect(() => {
    if (!dirty) return undefined;
    timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [form, dirty, save]);

  /** Waits for pending saves, then points the autosave at another draft (null: a new one). */
  const settle = useCallback(async (nextId: number | null = draftId.current) => {
    clearTimeout(timer.current);
    await chain.current;
    draftId.current = nextId;
    setState({ kind: 'idle' });
  }, []);

  return { state, settle, currentId: () => draftId.current };
}
