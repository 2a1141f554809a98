import { useId, useMemo, useState } from 'react';
import { fold } from '../../../../electron/contract/domain/text';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ViolationType } from '../../../../electron/contract/schemas';

/**
 * Several violation types by keyboard: type to filter (without diacritics), arrows to move, Enter to add,
 * Backspace on an empty box to remove the last one. The list opens only while typing (or on ↓) and closes on
 * Enter, Esc, Tab and when the box loses focus: it never stays over the fields below.
 */
export function ViolationPicker(props: { types: ViolationType[]; value: string[]; onChange: (codes: string[]) => void }) {
  const { types, value, onChange } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const id = useId();
  const matches = useMemo(() => {
    const q = fold(query.trim());
    return types.filter((t) => !value.includes(t.code) && (q === '' || fold(t.name).includes(q)));
  }, [types, value, query]);
  const names = new Map(types.map((t) => [t.code, t.name]));

  const close = () => {
    setOpen(false);
    setActive(0);
  };
  const add = (code: string) => {
    onChange([...value, code]);
    setQuery('');
    close();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, matches.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = matches[active];
      if (pick && open) add(pick.code);
      else close();
    } else if (e.key === 'Escape' || e.key === 'Tab') { close(); }
    else if (e.key === 'Backspace' && query === '' && value.length > 0) onChange(value.slice(0, -1));
  };

  return (
    <div className="picker">
      <label htmlFor={id}>{vi.form.violationTypes}</label>
      <ul className="chips" aria-live="polite">
        {value.map((code) => (
          <li key={code} className="chip">
            {names.get(code) ?? code}
            <button type="button" tabIndex={-1} aria-label={vi.form.removeViolation(names.get(code) ?? code)}
              onClick={() => onChange(value.filter((c) => c !== code))}>×</button>
          </li>
        ))}
      </ul>
      <input id={id} role="combobox" aria-expanded={open} aria-controls={`${id}-list`} autoComplete="off"
        value={query} onChange={(e) => { setQuery(e.target.value); setActive(0); setOpen(true); }}
        onKeyDown={onKeyDown} onBlur={close} />
      {open && (
        <ul id={`${id}-list`} role="listbox" className="options">
          {matches.length === 0 && <li className="muted">{vi.form.violationNone}</li>}
          {matches.map((t, i) => (
            <li key={t.code} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); add(t.code); }}>
              {t.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
