import { type KeyboardEvent, type MouseEvent, useRef } from 'react';
import { clockOffsetText, stationClock, trackMomentText } from '../../../../electron/contract/domain/evidence-display';
import { formatStationDate } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { VideoTrack } from '../../../../electron/contract/schemas';
import { CLOCK_OFF_S, pointAt } from '../../../../electron/contract/domain/track';

// A video's GPS track beside the player: where the camera clock stands against the GPS clock, the speed
// over time as a plot whose playhead follows the video and which seeks the video where it is clicked
// (or stepped with the keys), and the position and speed at the moment shown.

const W = 600;
const H = 120;
const PAD = 4;

/** `now`: where the video is (the shown `time` lags a seek under way). */
export function TrackPanel(props: { track: VideoTrack | null; error: string; time: number; now: () => number; duration: number; onSeek: (t: number) => void }) {
  const plot = useRef<SVGSVGElement>(null);
  const { track } = props;
  if (props.error) return <p className="notice warn track-none">{props.error}</p>;
  if (!track) return <p className="muted track-none">{vi.track.none}</p>;
  const end = Math.max(props.duration, track.points.at(-1)?.t ?? 0, 1);
  // A loop, not Math.max(...points): a long track would overflow the call stack.
  const top = track.points.reduce((most, p) => Math.max(most, p.speedKmh ?? 0), 10);
  const x = (t: number) => PAD + ((W - 2 * PAD) * t) / end;
  const y = (kmh: number) => H - PAD - ((H - 2 * PAD) * kmh) / top;
  const line = track.points.filter((p) => p.speedKmh !== null).map((p) => `${x(p.t).toFixed(1)},${y(p.speedKmh!).toFixed(1)}`).join(' ');
  const seek = (t: number) => props.onSeek(Math.max(0, Math.min(props.duration || end, t)));
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const r = plot.current!.getBoundingClientRect();
    seek((((e.clientX - r.left) / r.width) * W - PAD) / (W - 2 * PAD) * end);
  };
  // The plot is a slider: PageUp a second on, PageDown a second back, Home/End the ends (arrows step frames in the viewer).
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const to = { PageUp: props.now() + 1, PageDown: props.now() - 1, Home: 0, End: end }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    seek(to);
  };
  const here = pointAt(track.points, props.time);
  const offset = track.clockOffsetS;
  return (
    <div className="track">
      <h4>{vi.track.heading}</h4>
      <p className="muted">{vi.track.from(vi.track.source[track.source] ?? track.source, track.points.length, track.sidecarName)}</p>
      <p className={offset !== null && Math.abs(offset) > CLOCK_OFF_S ? 'notice warn track-clock' : 'muted track-clock'}>
        {offset === null || !track.gpsStart ? vi.track.noClock
          : Math.abs(offset) > CLOCK_OFF_S ? vi.track.clock(clockOffsetText(offset), `${stationClock(track.gpsStart)} ${formatStationDate(track.gpsStart)}`) : vi.track.clockFine}
      </p>
      <svg ref={plot} className="speed-plot" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="slider" tabIndex={0}
        aria-label={vi.track.plot} aria-valuemin={0} aria-valuemax={Math.round(end)} aria-valuenow={Math.round(props.time)}
        aria-valuetext={here ? trackMomentText(here) : undefined} onClick={onClick} onKeyDown={onKey}>
        <polyline points={line} fill="none" stroke="#f0b429" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        <line className="playhead" x1={x(props.time)} x2={x(props.time)} y1={0} y2={H} stroke="#fff" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      </svg>
      <p className="track-now" role="status">{here ? trackMomentText(here) : '—'}</p>
    </div>
  );
}
