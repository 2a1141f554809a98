import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { CustodyEvent, PlateBox, PlateSuggestion } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';

// Reading a plate: the officer drags a box over the picture (it lies over the picture inside the zoomed
// stage, so the box follows zoom and pan), the station reads it offline and offers what it read; the
// officer accepts it, corrects it, or draws again. Nothing reaches the report before the officer accepts.

interface Drag { id: number; x: number; y: number }

/** The layer over the picture that takes the drag: the box as fractions of the picture. */
export function PlateBoxLayer(props: { box: PlateBox | null; onBox: (box: PlateBox) => void; onDraft: (box: PlateBox | null) => void }) {
  const layer = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const at = (e: PointerEvent) => {
    const r = layer.current!.getBoundingClientRect();
    return { x: Math.max(0, Math.min(1, (e.clientX - r.left) / r.width)), y: Math.max(0, Math.min(1, (e.clientY - r.top) / r.height)) };
  };
  const boxFrom = (e: PointerEvent): PlateBox => {
    const a = drag.current!;
    const b = at(e);
    return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
  };
  return (
    <div ref={layer} className="plate-layer" data-testid="plate-layer"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        // The stage would pan: the drag is the box's.
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { id: e.pointerId, ...at(e) };
        props.onDraft(null);
      }}
      onPointerMove={(e) => { if (drag.current?.id === e.pointerId) { e.stopPropagation(); props.onDraft(boxFrom(e)); } }}
      onPointerUp={(e) => {
        if (drag.current?.id !== e.pointerId) return;
        e.stopPropagation();
        const box = boxFrom(e);
        drag.current = null;
        if (box.width > 0.002 && box.height > 0.002) props.onBox(box);
      }}
      // A lost capture (the window lost focus, a touch cancelled) ends the drag: no box follows a released button.
      onPointerCancel={() => { drag.current = null; props.onDraft(null); }}
      onLostPointerCapture={() => { if (drag.current) { drag.current = null; props.onDraft(null); } }}>
      {props.box && (
        <div className="plate-box" style={{ left: `${props.box.left * 100}%`, top: `${props.box.top * 100}%`, width: `${props.box.width * 100}%`, height: `${props.box.height * 100}%` }} />
      )}
    </div>
  );
}

/** What was read in the box, and the officer's answer. */
export function PlatePrompt(props: {
  reportId: number; evidenceId: number; box: PlateBox; onAccepted: (message: string, custody: CustodyEvent[]) => void; onAgain: () => void; onCancel: () => void;
}) {
  const [suggestion, setSuggestion] = useState<PlateSuggestion | null>(null);
  const [plate, setPlate] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  const { reportId, evidenceId, box } = props;

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError('');
    setSuggestion(null);
    call('evidence:readPlate', { reportId, evidenceId, box }).then((s) => {
      if (!live) return;
      setSuggestion(s);
      setPlate(s.plate ?? '');
    }, (e: Error) => live && setError(e.message)).finally(() => {
      if (!live) return;
      setBusy(false);
      setTimeout(() => input.current?.focus());
    });
    return () => { live = false; };
  }, [reportId, evidenceId, box]);

  const accept = async () => {
    setBusy(true);
    setError('');
    try {
      const done = await call('evidence:acceptPlate', { reportId, evidenceId, box, plate });
      props.onAccepted(done.added ? vi.plateRead.accepted(done.plate) : vi.plateRead.already(done.plate), done.custody);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="plate-prompt" onSubmit={(e) => { e.preventDefault(); if (plate.trim() !== '') void accept(); }}>
      {busy && !suggestion && <p role="status">{vi.plateRead.reading}</p>}
      {suggestion && (
        <p role="status" className="plate-suggestion">{suggestion.plate ? vi.plateRead.suggestion(suggestion.plate) : vi.plateRead.unsure(suggestion.raw)}</p>
      )}
      <label>{vi.plateRead.plateLabel}{' '}
        <input ref={input} value={plate} onChange={(e) => setPlate(e.target.value)} disabled={busy && !suggestion} maxLength={40} />
      </label>
      <button type="submit" className="primary" disabled={busy || plate.trim() === ''}>{vi.plateRead.accept}</button>
      <button type="button" onClick={props.onAgain}>{vi.plateRead.again}</button>
      <button type="button" onClick={props.onCancel}>{vi.plateRead.cancel}</button>
      {error && <p className="notice error" role="alert">{error}</p>}
    </form>
  );
}
