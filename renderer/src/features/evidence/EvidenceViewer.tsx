import { useEffect, useRef, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { CustodyEvent, EvidenceItem } from '../../../../electron/contract/schemas';
import { call, mediaUrl } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { useHotkeys } from '../../lib/hotkeys';
import { captureText, CopyCoordinates } from './EvidenceFacts';

/** One item large: the photo or the playing video, all it tells, and its custody log (opening it is logged). */
export function EvidenceViewer(props: { reportId: number; item: EvidenceItem; onClose: () => void; onStill: () => void }) {
  const { item } = props;
  const [custody, setCustody] = useState<CustodyEvent[]>([]);
  const [notice, setNotice] = useState('');
  const video = useRef<HTMLVideoElement>(null);
  useHotkeys({ Escape: props.onClose }, true, true);
  useEffect(() => {
    call('evidence:view', { reportId: props.reportId, evidenceId: item.id }).then(setCustody, () => undefined);
  }, [props.reportId, item.id]);

  const still = async () => {
    const at = video.current?.currentTime ?? 0;
    video.current?.pause();
    try {
      const taken = await call('evidence:still', { reportId: props.reportId, evidenceId: item.id, atSeconds: at });
      setCustody(taken.custody);
      setNotice(vi.evidence.stillTaken);
      props.onStill();
    } catch (e) {
      setNotice((e as Error).message);
    }
  };

  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={item.originalName}>
      <div className="viewer-media">
        {item.kind === 'video' && (
          <>
            <video ref={video} src={mediaUrl(item.id, 'original')} controls preload="metadata" />
            <div className="row">
              <button type="button" className="primary" onClick={() => void still()}>{vi.evidence.takeStill}</button>
              {notice && <span role="status">{notice}</span>}
            </div>
            <img className="sheet" src={mediaUrl(item.id, 'sheet')} alt={vi.evidence.sheet} />
          </>
        )}
        {item.kind === 'photo' && <img src={mediaUrl(item.id, item.format === 'jpeg' || item.format === 'png' ? 'original' : 'thumb')} alt={item.originalName} />}
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
          <dt>{vi.evidence.device}</dt><dd>{item.device ?? '—'}</dd>
          <dt>{vi.evidence.software}</dt><dd>{item.software ?? '—'}</dd>
          {item.durationS !== null && <><dt>{vi.evidence.durationLabel}</dt><dd>{vi.evidence.duration(item.durationS)}{item.codecs ? ` (${item.codecs})` : ''}</dd></>}
        </dl>
        <p className="muted">{vi.evidence.importedBy(item.importedBy, formatStationTime(item.importedAt), item.sourceLabel)}</p>
        {item.signs.map((s) => <p key={s} className="warn">⚠ {vi.evidenceSign[s] ?? s}</p>)}
        <h4>{vi.evidence.custody}</h4>
        <ul className="custody">
          {custody.map((c, i) => <li key={i}>{formatStationTime(c.at)} — {c.officerName}: {c.detail}</li>)}
        </ul>
      </div>
    </div>
  );
}
