import { useState } from 'react';
import { formatName, trackMomentText } from '../../../../electron/contract/domain/evidence-display';
import { vi } from '../../../../electron/contract/messages.vi';
import type { EvidenceItem } from '../../../../electron/contract/schemas';
import { mediaUrl, useStation } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { captureText, CopyCoordinates, SignList } from './EvidenceFacts';
import { EvidenceViewer } from './EvidenceViewer';
import { ImportPanel } from './ImportPanel';

function Thumb({ item }: { item: EvidenceItem }) {
  const [failed, setFailed] = useState(false);
  if (item.kind === 'other' || failed) return <div className="thumb placeholder">{formatName(item.format)}</div>;
  return <img className="thumb" src={mediaUrl(item.id, 'thumb')} alt={item.originalName} loading="lazy" onError={() => setFailed(true)} />;
}

/**
 * The report's evidence: thumbnails with what each file tells, signs to look at, and the import.
 * `onActivity`: an import finished or the viewer closed (looks and stills go in the report's history).
 */
export function EvidencePanel(props: { reportId: number; onActivity?: () => void }) {
  const list = useStation('evidence:list', { reportId: props.reportId });
  const items = list.data ?? [];
  const [open, setOpen] = useState<EvidenceItem | null>(null);
  // A still taken to read a plate on a paused frame opens at once, ready for the box.
  const [readOnOpen, setReadOnOpen] = useState(false);
  const load = () => void list.refetch();
  const openStill = async (id: number) => {
    const item = (await list.refetch()).data?.find((i) => i.id === id);
    if (!item) return;
    setReadOnOpen(true);
    setOpen(item);
    props.onActivity?.();
  };

  return (
    <section className="evidence" aria-label={vi.evidence.heading}>
      <h2>{vi.evidence.heading}</h2>
      {items.length === 0 && <p className="muted">{vi.evidence.none}</p>}
      <ul className="evidence-grid">
        {items.map((item) => (
          <li key={item.id} className={item.signs.length > 0 ? 'card flagged' : 'card'}>
            <button type="button" className="thumb-button" onClick={() => { setReadOnOpen(false); setOpen(item); }} aria-label={item.originalName}>
              <Thumb item={item} />
            </button>
            <div className="card-body">
              <strong className="name">{item.originalName}</strong>
              <span>{vi.evidenceKind[item.kind]} · {formatName(item.format) || vi.evidence.formatUnknown} · {formatBytes(item.size)}{item.derivedFrom ? ` · ${item.sourceLabel}` : ''}</span>
              <span>{captureText(item)}</span>
              <span>{item.location ? <CopyCoordinates lat={item.location.lat} lng={item.location.lng} /> : vi.evidence.noGps}</span>
              {item.device && <span>{item.device}</span>}
              {item.moment && <span>{vi.track.byCamera(trackMomentText(item.moment))}</span>}
              {item.plate && <span className="plate-read">{vi.plateRead.onCrop(item.plate)}</span>}
              <SignList item={item} as="span" />
            </div>
          </li>
        ))}
      </ul>
      <ImportPanel reportId={props.reportId} onImported={() => { load(); props.onActivity?.(); }} />
      {open && <EvidenceViewer key={open.id} reportId={props.reportId} item={open} readPlate={readOnOpen}
        onClose={() => { setOpen(null); setReadOnOpen(false); props.onActivity?.(); }} onStill={() => { load(); props.onActivity?.(); }}
        onReadOnStill={(id) => void openStill(id)} />}
    </section>
  );
}
