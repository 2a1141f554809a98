import { useState } from 'react';
import { formatStationTime, formatWallTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { EvidenceItem } from '../../../../electron/contract/schemas';

export function captureText(item: EvidenceItem): string {
  if (!item.capture) return vi.evidence.noCapture;
  const shown = `${formatWallTime(item.capture.local)} (${item.capture.offset ?? vi.evidence.offsetUnknown})`;
  // A clock in another zone (UTC in most videos): also say what time it was at the station.
  return item.capture.offset && item.capture.offset !== '+07:00'
    ? `${shown} — ${vi.evidence.stationTime(formatStationTime(item.capture.instant))}`
    : shown;
}

export function CopyCoordinates(props: { lat: number; lng: number }) {
  const [copied, setCopied] = useState(false);
  const text = `${props.lat}, ${props.lng}`;
  return (
    <span className="coords">
      <code>{text}</code>
      <button type="button" className="link" onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false));
      }}>{copied ? vi.evidence.copied : vi.evidence.copy}</button>
    </span>
  );
}

/** The signs to look at; a still's come from the video it was taken from, and say so. */
export function SignList(props: { item: EvidenceItem; as: 'p' | 'span' }) {
  const Tag = props.as;
  const from = props.item.derivedFrom !== null ? ` (${vi.evidenceViewer.fromVideo})` : '';
  return <>{props.item.signs.map((s) => <Tag key={s} className="warn sign">⚠ {vi.evidenceSign[s] ?? s}{from}</Tag>)}</>;
}
