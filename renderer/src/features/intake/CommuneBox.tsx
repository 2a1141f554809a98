import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Commune } from '../../../../electron/contract/schemas';
import { useStation } from '../../lib/api';
import { matchCommunes } from './form-state';

/**
 * The commune of the chosen province, by typing part of its name without "Xã/Phường" and without diacritics
 * ("kon tum", "ky lua"). The choice follows the highlighted match as the officer types or moves with the arrows,
 * so Enter, Tab or even Ctrl+S keep it; one Tab stop. A caller's old address ("thị trấn Đồng Đăng, huyện Cao Lộc",
 * "kroong") also offers today's commune it went into (the official conversion table, asked of the station), named
 * with the old one and whether all of it went in; choosing it keeps the caller's words beside today's commune.
 */
export function CommuneBox(props: {
  communes: Commune[]; provinceCode: string; value: string; callerWords: string; onChange: (code: string, callerWords: string) => void;
}) {
  const { communes, value, callerWords, onChange: choose } = props;
  const id = useId();
  const [query, setQuery] = useState<string | null>(null); // null: not typing, the box shows the chosen name
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const asking = query !== null && query.trim().length >= 3 && props.provinceCode !== '';
  const answer = useStation('catalog:formerCommunes', { query: query ?? '', provinceCode: props.provinceCode }, asking);
  // Only the answer for what is typed now (not the last one, kept on screen while the next comes).
  const former = answer.isPlaceholderData ? undefined : answer.data;
  const matches = useMemo(() => {
    const today = (query === null ? communes : matchCommunes(communes, query)).map((c) => ({ key: c.code, code: c.code, label: c.name }));
    const old = asking ? (former ?? []).map((f, i) => ({ key: `${f.code}-${i}`, code: f.code, label: vi.communeFilter.former(f.formerName, f.formerDistrict, f.name, f.whole) })) : [];
    return [...today, ...old];
  }, [communes, query, former, asking]);
  const chosen = communes.find((c) => c.code === value);
  // The caller's words beside today's commune: what is typed, when it names an old place that went into the commune
  // chosen ("thị trấn Đồng Đăng" → Xã Đồng Đăng, whether the officer picks the old name's line or today's); none when
  // it does not; unchanged when nothing is being typed (arrows over a chosen commune, a draft opened again).
  const wordsFor = useCallback((code: string) => {
    if (query === null) return callerWords;
    return asking && (former ?? []).some((f) => f.code === code) ? query.trim() : '';
  }, [query, asking, former, callerWords]);
  const onChange = useCallback((code: string) => choose(code, wordsFor(code)), [choose, wordsFor]);
  // Settled as the old names for what is typed arrive (a save may come before the officer leaves the box).
  useEffect(() => {
    if (query !== null && value !== '' && wordsFor(value) !== callerWords) choose(value, wordsFor(value));
  }, [query, value, callerWords, wordsFor, choose]);
  const unmatched = query !== null && query.trim() !== '' && matches.length === 0;
  // An old name matches nothing of today's list at first: when the station's answer comes, the choice follows it.
  useEffect(() => {
    if (query !== null && value === '' && matches[active]) onChange(matches[active].code);
  }, [matches, active, query, value, onChange]);

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
    if (matches[next] && matches[next].code !== value) onChange(matches[next].code);
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
        aria-activedescendant={open && matches[active] ? `${id}-${matches[active].key}` : undefined}
        aria-describedby={unmatched && !open ? `${id}-note` : undefined} autoComplete="off" spellCheck={false}
        placeholder={vi.communeFilter.placeholder} value={query ?? chosen?.name ?? ''}
        onChange={(e) => type(e.target.value)} onKeyDown={onKeyDown} onBlur={close} />
      {open && (
        <ul id={`${id}-list`} role="listbox" className="options">
          {matches.length === 0 && <li className="muted">{vi.communeFilter.none}</li>}
          {matches.map((c, i) => (
            <li key={c.key} id={`${id}-${c.key}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); onChange(c.code); setQuery(null); setOpen(false); }}>
              {c.label}
            </li>
          ))}
        </ul>
      )}
      {unmatched && !open && <div id={`${id}-note`} className="note warn">{vi.communeFilter.notInCatalog(query)}</div>}
    </div>
  );
}
