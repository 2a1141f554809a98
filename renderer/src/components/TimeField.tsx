import { type Ref, useEffect, useId, useRef, useState } from 'react';
import { formatLocalEntry, parseTimeEntry, type TimeEntryMode, type TimeEntryRefusal } from '../../../electron/contract/domain/time-entry';
import { vi } from '../../../electron/contract/messages.vi';

const refusals: Record<TimeEntryMode, Record<TimeEntryRefusal, string>> = {
  datetime: vi.timeEntry.refused,
  date: { ...vi.timeEntry.refused, ...vi.timeEntry.refusedDate },
};

export interface TimeFieldProps {
  label: string;
  mode: TimeEntryMode;
  /** The canonical station-time value: "YYYY-MM-DDTHH:mm" ('datetime') or "YYYY-MM-DD" ('date'); '' for none. */
  value: string;
  onChange: (local: string) => void;
  /** The Vietnamese reason while the text typed is not understood, null once it is: the page refuses to save meanwhile. */
  onProblem?: (problem: string | null) => void;
  required?: boolean;
  allowFuture?: boolean;
  /** Show the refusal now, not only after the officer leaves the field (the page refused a save). */
  reveal?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  tabIndex?: number;
}

/**
 * The one date/time input of the station: typed as the desk says it ("8h30", "hôm qua 20h", "01122026 0830"),
 * read in station time, echoed beside ("→ 08:30 01/12/2026"), never in the browser's locale. A text input, so
 * one Tab stop and no locale-driven picker. The text typed stays as typed; it is read on each change (the echo
 * follows the typing), and a refusal turns the field red once the officer leaves it or presses Enter.
 */
export function TimeField(props: TimeFieldProps) {
  const { label, mode, value, onChange, required = false, allowFuture = false } = props;
  const id = useId();
  const [text, setText] = useState(() => formatLocalEntry(value));
  const [problem, setProblem] = useState<string | null>(null);
  const [left, setLeft] = useState(false);
  // The value this field last gave or was given: a different one coming in is a new form or a restored draft.
  const [known, setKnown] = useState(value);
  if (value !== known) {
    setKnown(value);
    setText(formatLocalEntry(value));
    setProblem(null);
    setLeft(false);
  }

  const onProblem = useRef(props.onProblem);
  onProblem.current = props.onProblem;
  useEffect(() => { onProblem.current?.(problem); }, [problem]);
  useEffect(() => () => onProblem.current?.(null), []);

  const read = (typed: string) => {
    setText(typed);
    setLeft(false);
    const result = typed.trim() === '' && !required
      ? { ok: true as const, local: '' }
      : parseTimeEntry(typed, new Date(), mode, { allowFuture });
    const refusal = result.ok ? null : refusals[mode][result.reason];
    // Told to the page in the same event, not in an effect: a Ctrl+S right after the keystroke sees it.
    setProblem(refusal);
    onProblem.current?.(refusal);
    if (!result.ok) return;
    if (result.local !== value) {
      setKnown(result.local);
      onChange(result.local);
    }
  };

  const shown = problem !== null && (left || props.reveal === true);
  const echo = problem === null && value !== '' && text.trim() !== formatLocalEntry(value) ? vi.timeEntry.understood(formatLocalEntry(value)) : '';
  const note = shown ? problem : echo;
  return (
    <div className={`field time ${props.className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={props.inputRef} value={text} autoComplete="off" spellCheck={false} tabIndex={props.tabIndex}
        placeholder={mode === 'date' ? vi.timeEntry.placeholderDate : vi.timeEntry.placeholder}
        aria-invalid={shown || undefined} aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => read(e.target.value)}
        onBlur={() => setLeft(true)}
        onKeyDown={(e) => {
          // Enter reads the entry; it does not send the whole form half-typed.
          if (e.key === 'Enter') { e.preventDefault(); setLeft(true); }
        }} />
      <div id={`${id}-note`} className={`note ${shown ? 'time-refused' : 'time-echo'}`} aria-live="polite">{note}</div>
    </div>
  );
}
