import { type Dispatch, type RefObject, type SetStateAction, useEffect, useRef } from 'react';
import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
import type { IntakeForm } from '../../../../electron/contract/schemas';

/**
 * The receipt time a new blank form was given (issue 8.3); null once the call has started or for a draft.
 * The page sets it when it starts a new form or restores a draft.
 */
export function useReceiptTime(
  initial: string,
  dirty: boolean,
  setForm: Dispatch<SetStateAction<IntakeForm>>,
  receivedAtInput: RefObject<HTMLInputElement | null>,
) {
  const presetReceivedAt = useRef<string | null>(initial);

  // The call starts with the officer's first keystroke, not when the blank form was made: a form left open
  // between calls must not give the next call a receipt time from before it rang. Set unless the officer set it.
  useEffect(() => {
    const preset = presetReceivedAt.current;
    if (!dirty || preset === null) return;
    presetReceivedAt.current = null;
    setForm((f) => (f.receivedAt === preset ? { ...f, receivedAt: utcIsoToLocal(new Date()) } : f));
  }, [dirty, setForm]);

  // Meanwhile a blank form shows the time now, not the time it was made (unless the officer is editing it).
  useEffect(() => {
    if (dirty) return undefined;
    const timer = setInterval(() => {
      const preset = presetReceivedAt.current;
      const now = utcIsoToLocal(new Date());
      if (preset === null || preset === now || document.activeElement === receivedAtInput.current) return;
      presetReceivedAt.current = now;
      setForm((f) => (f.receivedAt === preset ? { ...f, receivedAt: now } : f));
    }, 15_000);
    return () => clearInterval(timer);
  }, [dirty, setForm, receivedAtInput]);

  return presetReceivedAt;
}
