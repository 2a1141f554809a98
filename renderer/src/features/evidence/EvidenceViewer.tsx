import { type ReactNode, useEffect, useRef, useState } from 'react';
import { shownCodecs } from '../../../../electron/contract/domain/evidence-display';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { trackMomentText } from '../../../../electron/contract/domain/evidence-display';
import type { CustodyEvent, EvidenceItem, PlateBox, VideoTrack } from '../../../../electron/contract/schemas';
import { call, mediaUrl } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { useHotkeys } from '../../lib/hotkeys';
import { captureText, CopyCoordinates, SignList } from './EvidenceFacts';
import { PlateBoxLayer, PlatePrompt } from './PlateReader';
import { RedactionLayer, RedactionPanel, useRedaction } from './RedactionEditor';
import { TrackPanel } from './TrackPanel';

// Reading a plate off a photo or a paused video: zoom (wheel, + / −, 0 back to fit) about the pointer or
// the middle, drag to move around, and step a video frame by frame (← / →). The keys stay in the dialog.

const MAX_ZOOM = 10;
const KEY_STEP = 1.25;
/** Wheel notches give deltaY ≈ 100: one notch zooms by about 1.25. */
const WHEEL_RATE = 0.0022;
/** Without a known frame rate a step is 1/30 s (phones record at 30 frames per second or more). */
const FALLBACK_FPS = 30;
// What Chromium shows as it is; HEIC and TIFF come decoded by the station ('picture').
const BROWSER_PHOTO_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp', 'avif']);

interface View { zoom: number; x: number; y: number }
const FIT: View = { zoom: 1, x: 0, y: 0 };

/** Keeps the zoomed content over the stage: it may move by what it overhangs, no further. */
function clamp(view: View, width: number, height: number): View {
  if (view.zoom <= 1) return FIT;
  const maxX = ((view.zoom - 1) * width) / 2;
  const maxY = ((view.zoom - 1) * height) / 2;
  return { zoom: view.zoom, x: Math.max(-maxX, Math.min(maxX, view.x)), y: Math.max(-maxY, Math.min(maxY, view.y)) };
}

/**
 * Zooms to `zoom` keeping the point under `at` (offset from the content's resting middle, in screen
 * pixels) where it is: the content scales about its middle, then moves by (x, y).
 */
function zoomTo(view: View, zoom: number, at: { x: number; y: number }): View {
  const z = Math.max(1, Math.min(MAX_ZOOM, zoom));
  const k = z / view.zoom;
  return { zoom: z, x: at.x - k * (at.x - view.x), y: at.y - k * (at.y - view.y) };
}

function Stage(props: { view: View; onView: (v: View) => void; onZoomStart: () => void; children: ReactNode }) {
  const stage = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const viewRef = useRef(props.view);
  viewRef.current = props.view;
  const drag = useRef<{ id: number; x: number; y: number; from: View } | null>(null);
  const size = () => ({ width: content.current?.offsetWidth ?? 0, height: content.current?.offsetHeight ?? 0 });
  const set = (v: View) => { const { width, height } = size(); props.onView(clamp(v, width, height)); };
  const setRef = useRef(set);
  setRef.current = set;
  const startRef = useRef(props.onZoomStart);
  startRef.current = props.onZoomStart;

  useEffect(() => {
    const el = stage.current!;
    // A wheel listener React registers is passive: this one must stop the page from scrolling.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = content.current!.getBoundingClientRect();
      const v = viewRef.current;
      // The content's resting middle: where its middle is now, less how far it has moved.
      const at = { x: e.clientX - (rect.left + rect.width / 2) + v.x, y: e.clientY - (rect.top + rect.height / 2) + v.y };
      startRef.current();
      setRef.current(zoomTo(v, v.zoom * Math.exp(-e.deltaY * WHEEL_RATE), at));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const zoomed = props.view.zoom > 1;
  return (
    <div ref={stage} className={zoomed ? 'stage zoomed' : 'stage'} data-zoom={props.view.zoom.toFixed(3)}
      onPointerDown={(e) => {
        if (!zoomed || e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, from: props.view };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || d.id !== e.pointerId) return;
        set({ zoom: d.from.zoom, x: d.from.x + e.clientX - d.x, y: d.from.y + e.clientY - d.y });
      }}
      onPointerUp={() => { drag.current = null; }}
      onPointerCancel={() => { drag.current = null; }}>
      <div ref={content} className="stage-content"
        style={{ transform: `translate(${props.view.x}px, ${props.view.y}px) scale(${props.view.zoom})` }}>
        {props.children}
      </div>
    </div>
  );
}

function timeText(seconds: number): string {
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${(seconds % 60).toFixed(3).padStart(6, '0')}`;
}

/** One item large: the photo or the video, all it tells, and its custody log (opening it is logged). */
/**
 * `readPlate`: open ready to draw the plate's box; `onReadOnStill`: on a video, B takes the frame shown as a
 * still and asks for it to be opened that way.
 */
export function EvidenceViewer(props: {
  reportId: number; item: EvidenceItem; readPlate?: boolean; onClose: () => void; onStill: () => void; onReadOnStill: (stillId: number) => void;
}) {
  const { item } = props;
  const [custody, setCustody] = useState<CustodyEvent[]>([]);
  const [notice, setNotice] = useState('');
  const [view, setView] = useState<View>(FIT);
  const [time, setTime] = useState(0);
  // 'picture': the whole photo; 'preview': the one stored in the file (the whole could not be decoded).
  const [shown, setShown] = useState<'picture' | 'preview' | 'none'>('picture');
  // Reading a plate: the mode, the box being drawn, the box drawn (then read).
  const [plateMode, setPlateMode] = useState(props.readPlate === true && item.kind === 'photo');
  const [draft, setDraft] = useState<PlateBox | null>(null);
  const [plateBox, setPlateBox] = useState<PlateBox | null>(null);
  // Hiding faces and plates on a copy for publication (RedactionEditor): one mode or the other, not both.
  const [redactMode, setRedactMode] = useState(false);
  const redaction = useRedaction(props.reportId, item.id, redactMode, (message, log) => {
    setCustody(log);
    setNotice(message);
    setRedactMode(false);
    props.onStill();
  });
  const [track, setTrack] = useState<VideoTrack | null | undefined>(undefined);
  const [trackError, setTrackError] = useState('');
  const dialog = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const fps = item.frameRate ?? FALLBACK_FPS;

  useEffect(() => {
    call('evidence:view', { reportId: props.reportId, evidenceId: item.id }).then(setCustody, () => undefined);
    if (item.kind === 'video') call('evidence:track', { reportId: props.reportId, evidenceId: item.id }).then(setTrack, (e: Error) => { setTrack(null); setTrackError(e.message); });
  }, [props.reportId, item.id, item.kind]);

  // Focus moves into the dialog, cannot leave it (Tab wraps, a click outside comes back), and returns on close.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const el = dialog.current!;
    el.focus();
    const keepIn = (e: FocusEvent) => { if (!el.contains(e.target as Node)) el.focus(); };
    const wrap = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const stops = [...el.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, video[controls], [tabindex]:not([tabindex="-1"])')]
        .filter((x) => !x.hasAttribute('disabled') && x.getClientRects().length > 0);
      if (stops.length === 0) return;
      const first = stops[0]!;
      const last = stops[stops.length - 1]!;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || at === el)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && (at === last || !el.contains(at))) { e.preventDefault(); first.focus(); }
    };
    document.addEventListener('focusin', keepIn);
    el.addEventListener('keydown', wrap);
    return () => { document.removeEventListener('focusin', keepIn); el.removeEventListener('keydown', wrap); before?.focus?.(); };
  }, []);

  const pauseForZoom = () => { if (video.current && !video.current.paused) video.current.pause(); };
  const zoomBy = (factor: number) => {
    pauseForZoom();
    const el = dialog.current?.querySelector<HTMLElement>('.stage-content');
    const next = zoomTo(view, view.zoom * factor, { x: 0, y: 0 });
    setView(el ? clamp(next, el.offsetWidth, el.offsetHeight) : next);
  };
  /** The frame shown holds the current time; a step lands in the middle of the next one, so the player shows it whole. */
  const step = (frames: number) => {
    const v = video.current;
    if (!v) return;
    v.pause();
    const last = Number.isFinite(v.duration) ? Math.max(0, Math.ceil(v.duration * fps) - 1) : Infinity;
    const frame = Math.max(0, Math.min(last, Math.floor(v.currentTime * fps + 1e-6) + frames));
    v.currentTime = (frame + 0.5) / fps;
  };
  const endPlate = () => { setPlateMode(false); setDraft(null); setPlateBox(null); };
  // A redacted copy is not redacted again (the station refuses): more boxes go on the original, saved as a new copy.
  const redactable = item.kind === 'photo' && shown === 'picture' && !item.redacted;
  const togglePlate = () => { if (plateMode) endPlate(); else { setRedactMode(false); setPlateMode(true); } };
  const toggleRedact = () => { if (redactMode) setRedactMode(false); else { endPlate(); setNotice(''); setRedactMode(true); } };
  useHotkeys({
    Escape: () => (redactMode ? setRedactMode(false) : plateMode ? endPlate() : props.onClose()),
    ...(item.kind === 'photo' && shown === 'picture' ? { b: togglePlate } : {}),
    ...(redactable ? { c: toggleRedact } : {}),
    ...(item.kind === 'video' ? { b: () => void still(true) } : {}),
    '+': () => zoomBy(KEY_STEP), '=': () => zoomBy(KEY_STEP), '-': () => zoomBy(1 / KEY_STEP), '_': () => zoomBy(1 / KEY_STEP),
    '0': () => setView(FIT),
    ...(item.kind === 'video' ? { ArrowLeft: () => step(-1), ArrowRight: () => step(1) } : {}),
  }, true, true);

  /** The frame shown as a still; `thenRead`: opened at once to read its plate. */
  const still = async (thenRead = false) => {
    const at = video.current?.currentTime ?? 0;
    video.current?.pause();
    try {
      const taken = await call('evidence:still', { reportId: props.reportId, evidenceId: item.id, atSeconds: at });
      setCustody(taken.custody);
      setNotice(vi.evidence.stillTaken);
      if (thenRead) props.onReadOnStill(taken.evidenceId);
      else props.onStill();
    } catch (e) {
      setNotice((e as Error).message);
    }
  };

  const zoomControls = (
    <div className="row zoom-controls">
      <button type="button" onClick={() => zoomBy(1 / KEY_STEP)} disabled={view.zoom <= 1}>{vi.evidenceViewer.zoomOut}</button>
      <button type="button" onClick={() => zoomBy(KEY_STEP)} disabled={view.zoom >= MAX_ZOOM}>{vi.evidenceViewer.zoomIn}</button>
      <button type="button" onClick={() => setView(FIT)} disabled={view.zoom === 1}>{vi.evidenceViewer.zoomReset}</button>
      <span className="zoom-level">{vi.evidenceViewer.zoomLevel(Math.round(view.zoom * 100))}</span>
      <span className="muted">{vi.evidenceViewer.zoomHint}</span>
    </div>
  );
  const photoSrc = BROWSER_PHOTO_FORMATS.has(item.format) ? mediaUrl(item.id, 'original')
    : mediaUrl(item.id, shown === 'preview' ? 'thumb' : 'picture');

  return (
    <div ref={dialog} className="viewer" role="dialog" aria-modal="true" aria-label={item.originalName} tabIndex={-1}>
      <div className="viewer-media">
        {item.kind === 'video' && (
          <>
            <Stage view={view} onView={setView} onZoomStart={pauseForZoom}>
              {/* Zoomed, the player's own controls would grow with the picture: they come back at fit. */}
              <video ref={video} src={mediaUrl(item.id, 'original')} controls={view.zoom === 1} preload="metadata"
                onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)} onSeeked={(e) => setTime(e.currentTarget.currentTime)} />
            </Stage>
            {zoomControls}
            <div className="row frame-controls">
              <button type="button" onClick={() => step(-1)}>{vi.evidenceViewer.previousFrame}</button>
              <button type="button" onClick={() => step(1)}>{vi.evidenceViewer.nextFrame}</button>
              <span className="frame-at" role="status">{vi.evidenceViewer.frameAt(Math.floor(time * fps + 1e-6) + 1, timeText(time))}</span>
              <span className="muted">{item.frameRate
                ? vi.evidenceViewer.frameRate(item.frameRate.toLocaleString('vi-VN', { maximumFractionDigits: 3 }))
                : vi.evidenceViewer.frameRateUnknown}</span>
            </div>
            <div className="row">
              <button type="button" className="primary" onClick={() => void still()}>{vi.evidence.takeStill}</button>
              <button type="button" onClick={() => void still(true)}>{vi.plateRead.onFrame}</button>
              {notice && <span role="status">{notice}</span>}
            </div>
            {track !== undefined && (
              <TrackPanel track={track} error={trackError} time={time} now={() => video.current?.currentTime ?? time} duration={video.current?.duration || item.durationS || 0}
                onSeek={(t) => { const v = video.current; if (v) { v.pause(); v.currentTime = t; } }} />
            )}
            <img className="sheet" src={mediaUrl(item.id, 'sheet')} alt={vi.evidence.sheet} />
          </>
        )}
        {item.kind === 'photo' && (
          <>
            {shown === 'none' ? <p className="notice error">{vi.evidenceError.noPreview}</p> : (
              <Stage view={view} onView={setView} onZoomStart={() => undefined}>
                <div className="plate-host">
                  <img src={photoSrc} alt={item.originalName} draggable={false}
                    onError={() => setShown((s) => (s === 'picture' && !BROWSER_PHOTO_FORMATS.has(item.format) ? 'preview' : 'none'))} />
                  {plateMode && shown === 'picture' && (
                    <PlateBoxLayer box={draft ?? plateBox} onDraft={setDraft} onBox={(b) => { setDraft(null); setPlateBox(b); }} />
                  )}
                  {redactMode && redactable && <RedactionLayer r={redaction} />}
                </div>
              </Stage>
            )}
            {shown === 'preview' && (
              <p className="notice info embedded-preview"><strong>{vi.evidenceViewer.embeddedPreview}</strong> — {vi.evidenceViewer.embeddedPreviewWhy}</p>
            )}
            {shown !== 'none' && zoomControls}
            {shown === 'picture' && (
              <div className="row">
                <button type="button" className={plateMode ? 'primary' : ''} aria-pressed={plateMode} onClick={togglePlate}>{vi.plateRead.start}</button>
                {redactable && <button type="button" className={redactMode ? 'primary' : ''} aria-pressed={redactMode} onClick={toggleRedact}>{vi.redaction.start}</button>}
                {plateMode && !plateBox && <span>{vi.plateRead.hint}</span>}
                {notice && <span role="status">{notice}</span>}
              </div>
            )}
            {redactMode && redactable && <RedactionPanel r={redaction} onCancel={() => setRedactMode(false)} />}
            {plateMode && plateBox && (
              <PlatePrompt reportId={props.reportId} evidenceId={item.id} box={plateBox}
                onAgain={() => setPlateBox(null)} onCancel={endPlate}
                onAccepted={(message, log) => { setCustody(log); setNotice(message); endPlate(); props.onStill(); }} />
            )}
          </>
        )}
      </div>
      <div className="viewer-facts">
        <button type="button" className="link" onClick={props.onClose}>{vi.evidence.close}</button>
        <h3>{item.originalName}</h3>
        <dl className="facts">
          <dt>{vi.evidence.original}</dt><dd>{item.originalPath}</dd>
          <dt>{vi.evidence.sha256}</dt><dd><code className="hash">{item.sha256}</code></dd>
          <dt>{vi.evidence.size}</dt><dd>{formatBytes(item.size)}</dd>
          <dt>{vi.evidence.captured}</dt><dd>{captureText(item)}</dd>
          <dt>{vi.evidence.gps}</dt><dd>{item.location ? <CopyCoordinates lat={item.location.lat} lng={item.location.lng} /> : vi.evidence.noGps}</dd>
          {item.moment && <><dt>{vi.track.heading}</dt><dd>{vi.track.byCamera(trackMomentText(item.moment))}</dd></>}
          {item.plate && <><dt>{vi.plateRead.plateLabel}</dt><dd>{vi.plateRead.onCrop(item.plate)}</dd></>}
          <dt>{vi.evidence.device}</dt><dd>{item.device ?? '—'}</dd>
          <dt>{vi.evidence.software}</dt><dd>{item.software ?? '—'}</dd>
          {item.durationS !== null && <><dt>{vi.evidence.durationLabel}</dt><dd>{vi.evidence.duration(item.durationS)}</dd></>}
          {shownCodecs(item.codecs) && <><dt>{vi.evidence.codecs}</dt><dd>{shownCodecs(item.codecs)}</dd></>}
        </dl>
        <p className="muted">{vi.evidence.importedBy(item.importedBy, formatStationTime(item.importedAt), item.sourceLabel)}</p>
        <SignList item={item} as="p" />
        <h4>{vi.evidence.custody}</h4>
        <ul className="custody">
          {custody.map((c, i) => <li key={i}>{formatStationTime(c.at)} — {c.officerName}: {c.detail}</li>)}
        </ul>
      </div>
    </div>
  );
}
