import { type KeyboardEvent, type PointerEvent, useEffect, useId, useRef, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { CustodyEvent, FoundFace, RedactionBox, RedactionStyle } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';

// Hiding what must not be published (bystanders' faces, uninvolved plates, screens, house numbers): the station
// proposes the faces it finds, the officer adds, moves, resizes and removes boxes over the picture (inside the
// zoomed stage, as the plate box is, so they follow zoom and pan), and saves a new item; the original stays as it is.

/** A box to hide, as fractions of the picture as shown: a face the station found, one drawn, or one of the copy saved before. */
interface Marked { key: number; box: RedactionBox; origin: 'face' | 'drawn' | 'saved' }

type Search = { state: 'finding' } | { state: 'found'; faces: number; saved: number } | { state: 'failed'; why: string };

/** Keyboard steps, as fractions of the picture: 1 %, with Shift 5 %. */
const STEP = 0.01;
const BIG_STEP = 0.05;
/** Smaller than this a box hides nothing a reader could recognise; a drag this short was a click. */
const MIN_SIZE = 0.005;
const ARROWS: Record<string, { x: number; y: number }> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

const clamp = (v: number, low: number, high: number) => Math.max(low, Math.min(high, v));
const moved = (b: RedactionBox, dx: number, dy: number): RedactionBox =>
  ({ ...b, left: clamp(b.left + dx, 0, 1 - b.width), top: clamp(b.top + dy, 0, 1 - b.height) });
/** Resized from its top left corner, kept inside the picture. */
const resized = (b: RedactionBox, dw: number, dh: number): RedactionBox =>
  ({ ...b, width: clamp(b.width + dw, MIN_SIZE, 1 - b.left), height: clamp(b.height + dh, MIN_SIZE, 1 - b.top) });
/** A face the detector found may reach past the picture's edge: only the part on the picture is kept. */
function onPicture(f: FoundFace): RedactionBox {
  const left = clamp(f.left, 0, 1);
  const top = clamp(f.top, 0, 1);
  return { left, top, width: clamp(f.left + f.width, 0, 1) - left, height: clamp(f.top + f.height, 0, 1) - top };
}
const percent = (b: RedactionBox) => ({ left: `${b.left * 100}%`, top: `${b.top * 100}%`, width: `${b.width * 100}%`, height: `${b.height * 100}%` });
/** Half or more of `b` lies inside `a`. */
function covers(a: RedactionBox, b: RedactionBox) {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 && w * h >= 0.5 * b.width * b.height;
}

/**
 * The boxes of one picture while `active`: on opening, the faces the station finds; `onSaved` when the redacted
 * copy is stored (with the source's custody log).
 */
export function useRedaction(reportId: number, evidenceId: number, active: boolean, onSaved: (message: string, custody: CustodyEvent[]) => void) {
  const [boxes, setBoxes] = useState<Marked[]>([]);
  const [style, setStyle] = useState<RedactionStyle>('blur');
  const [search, setSearch] = useState<Search>({ state: 'finding' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const keys = useRef(0);
  const hintId = useId();

  useEffect(() => {
    if (!active) return undefined;
    let live = true;
    setBoxes([]);
    setStyle('blur');
    setError('');
    setSearch({ state: 'finding' });
    call('evidence:findFaces', { reportId, evidenceId }).then(({ faces, saved }) => {
      if (!live) return;
      // The copy saved before comes back whole (to add to, not draw again); the faces it already hides are not proposed twice.
      const kept = saved?.boxes ?? [];
      const found = faces.map(onPicture).filter((b) => b.width >= MIN_SIZE && b.height >= MIN_SIZE && !kept.some((k) => covers(k, b)));
      if (saved) setStyle(saved.style);
      // Boxes drawn while the search ran keep their numbers: the others come after them.
      setBoxes((drawn) => [...drawn, ...kept.map((box) => ({ key: ++keys.current, box, origin: 'saved' as const })),
        ...found.map((box) => ({ key: ++keys.current, box, origin: 'face' as const }))]);
      setSearch({ state: 'found', faces: found.length, saved: kept.length });
    }, (e: Error) => live && setSearch({ state: 'failed', why: e.message }));
    return () => { live = false; };
  }, [active, reportId, evidenceId]);

  const save = async () => {
    // Not before the search has answered: a copy saved then would miss the faces still to come.
    if (search.state === 'finding' || saving) return;
    setSaving(true);
    setError('');
    try {
      const done = await call('evidence:redact', { reportId, evidenceId, boxes: boxes.map((m) => m.box), style });
      onSaved(vi.redaction.saved, done.custody);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return {
    boxes, style, setStyle, search, saving, error, hintId,
    save: () => void save(),
    /** A drawn box; its key, to focus it. */
    add(box: RedactionBox): number {
      const key = ++keys.current;
      setBoxes((all) => [...all, { key, box, origin: 'drawn' }]);
      return key;
    },
    change: (key: number, box: RedactionBox) => setBoxes((all) => all.map((m) => (m.key === key ? { ...m, box } : m))),
    remove: (key: number) => setBoxes((all) => all.filter((m) => m.key !== key)),
  };
}
export type Redaction = ReturnType<typeof useRedaction>;

interface Drag { id: number; from: { x: number; y: number }; mode: 'draw' | 'move' | 'resize'; key: number; was: RedactionBox | null }

/** The boxes over the picture: drag on the picture draws one, on a box moves it, on its corner resizes it. */
export function RedactionLayer({ r }: { r: Redaction }) {
  const layer = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const [draft, setDraft] = useState<RedactionBox | null>(null);
  // The box to focus once drawn, or the one after a removed box (null: none left, the dialog takes the focus).
  const focusNext = useRef<{ key: number | null } | null>(null);

  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    const el = layer.current!;
    (el.querySelector<HTMLElement>(`[data-key="${next.key}"]`) ?? el.closest<HTMLElement>('[role="dialog"]'))?.focus();
  });

  const at = (e: PointerEvent) => {
    const rect = layer.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - rect.left) / rect.width, 0, 1), y: clamp((e.clientY - rect.top) / rect.height, 0, 1) };
  };
  const span = (a: { x: number; y: number }, b: { x: number; y: number }): RedactionBox =>
    ({ left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) });
  const remove = (key: number) => {
    const i = r.boxes.findIndex((m) => m.key === key);
    focusNext.current = { key: (r.boxes[i + 1] ?? r.boxes[i - 1])?.key ?? null };
    r.remove(key);
  };
  const onKey = (e: KeyboardEvent, m: Marked) => {
    const arrow = ARROWS[e.key];
    if (arrow) {
      const step = e.shiftKey ? BIG_STEP : STEP;
      r.change(m.key, e.altKey ? resized(m.box, arrow.x * step, arrow.y * step) : moved(m.box, arrow.x * step, arrow.y * step));
    } else if (e.key === 'Delete' || e.key === 'Backspace') remove(m.key);
    else if (e.key === 'Enter') r.save();
    else return;
    e.preventDefault();
  };

  return (
    <div ref={layer} className="redaction-layer" data-testid="redaction-layer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        // The stage would pan: the drag is the boxes'.
        e.stopPropagation();
        const target = e.target as HTMLElement;
        if (target.closest('button')) return;
        // Without the mouse events that follow, the captured pointer's click would focus the dialog, not the box.
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const boxEl = target.closest<HTMLElement>('[data-key]');
        const m = boxEl ? r.boxes.find((x) => String(x.key) === boxEl.dataset.key) : undefined;
        if (m) {
          boxEl!.focus();
          drag.current = { id: e.pointerId, from: at(e), mode: target.hasAttribute('data-handle') ? 'resize' : 'move', key: m.key, was: m.box };
        } else {
          drag.current = { id: e.pointerId, from: at(e), mode: 'draw', key: 0, was: null };
        }
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d?.id !== e.pointerId) return;
        e.stopPropagation();
        const p = at(e);
        if (d.mode === 'draw') setDraft(span(d.from, p));
        else r.change(d.key, (d.mode === 'move' ? moved : resized)(d.was!, p.x - d.from.x, p.y - d.from.y));
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        if (d?.id !== e.pointerId) return;
        e.stopPropagation();
        drag.current = null;
        if (d.mode !== 'draw') return;
        setDraft(null);
        const box = span(d.from, at(e));
        if (box.width >= MIN_SIZE && box.height >= MIN_SIZE) focusNext.current = { key: r.add(box) };
      }}
      // A lost capture (the window lost focus, a touch cancelled) ends the drag where it is.
      onPointerCancel={() => { drag.current = null; setDraft(null); }}
      onLostPointerCapture={() => { drag.current = null; setDraft(null); }}>
      {r.boxes.map((m, i) => (
        <div key={m.key} data-key={m.key} role="group" tabIndex={0} className={`redaction-box ${r.style}`} style={percent(m.box)}
          aria-label={vi.redaction.box(i + 1, m.origin)} aria-describedby={r.hintId} onKeyDown={(e) => onKey(e, m)}>
          {/* Out of the Tab order (Delete does it from the box): one stop per box. */}
          <button type="button" tabIndex={-1} className="redaction-remove" aria-label={vi.redaction.remove(i + 1)} onClick={() => remove(m.key)}>×</button>
          <span className="redaction-handle" data-handle="" aria-hidden="true" />
        </div>
      ))}
      {draft && <div className="redaction-draft" style={percent(draft)} />}
    </div>
  );
}

/** Under the picture: what the search found, how to hide, save. */
export function RedactionPanel({ r, onCancel }: { r: Redaction; onCancel: () => void }) {
  const s = vi.redaction;
  const name = useId();
  const emptyId = useId();
  const empty = r.boxes.length === 0;
  return (
    <section className="redaction-panel" aria-label={s.heading}>
      <p role="status" className="redaction-search">
        {r.search.state === 'finding' ? s.finding : r.search.state === 'found' ? s.found(r.search.faces, r.search.saved) : ''}
      </p>
      {r.search.state === 'failed' && <p className="notice error" role="alert">{s.findFailed(r.search.why)}</p>}
      <p id={r.hintId} className="redaction-hint">{s.hint}</p>
      <div className="row">
        <fieldset className="redaction-style">
          <legend>{s.style}</legend>
          {(['blur', 'fill'] as const).map((style) => (
            <div key={style} className="check">
              <input id={`${name}-${style}`} type="radio" name={name} checked={r.style === style} onChange={() => r.setStyle(style)} />
              <label htmlFor={`${name}-${style}`}>{s[style]}</label>
            </div>
          ))}
        </fieldset>
        <span className="redaction-count">{s.count(r.boxes.length)}</span>
        <button type="button" className="primary" disabled={r.search.state === 'finding' || r.saving} aria-describedby={empty ? emptyId : undefined} onClick={r.save}>
          {r.saving ? s.saving : empty ? s.saveAsIs : s.save}
        </button>
        <button type="button" onClick={onCancel}>{s.cancel}</button>
        {empty && r.search.state !== 'finding' && <span id={emptyId}>{s.noBoxes}</span>}
      </div>
      {r.error && <p className="notice error" role="alert">{r.error}</p>}
    </section>
  );
}
