import { useEffect, useId, useRef, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Output } from '../../../../electron/contract/channels';
import { call, documentUrl } from '../../lib/api';

export type NextNumber = Output<'document:next'>;

/**
 * The last step before a number is taken: the number it will take, and, when the same kind was already
 * issued (for the report, or the register for the same period), the choice between reprinting the issued
 * file and issuing a new one with a reason. Escape cancels; nothing is taken until a button says so.
 */
export function IssueConfirm(props: {
  kind: string; next: NextNumber; onConfirm: (reason: string | null) => Promise<void>; onCancel: () => void; onError: (message: string) => void;
}) {
  const d = vi.documents;
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLButtonElement & HTMLAnchorElement>(null);
  const again = props.next.previous.length > 0;
  useEffect(() => first.current?.focus(), []);

  const confirm = async (r: string | null) => {
    setBusy(true);
    try { await props.onConfirm(r); } finally { setBusy(false); }
  };
  return (
    <section className="confirm" role="dialog" aria-labelledby={`${id}-h`}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); props.onCancel(); } }}>
      <h3 id={`${id}-h`}>{d.confirmHeading}</h3>
      {!again ? (
        <>
          <p>{d.confirmFirst(props.kind, props.next.number)}</p>
          <div className="row">
            <button ref={first} type="button" className="primary" disabled={busy} onClick={() => void confirm(null)}>{d.confirmIssue(props.next.number)}</button>
            <button type="button" onClick={props.onCancel}>{d.cancel}</button>
          </div>
        </>
      ) : (
        <>
          <p>{d.confirmAgain(props.kind)}</p>
          <ul className="issued">
            {props.next.previous.map((doc, i) => (
              <li key={doc.id}>
                {d.issuedLine(doc.number, formatStationTime(doc.issuedAt))}
                {doc.reissueReason && <> ({d.reissuedBecause(doc.reissueReason)})</>}{' '}
                <a ref={i === props.next.previous.length - 1 ? first : undefined} href={documentUrl(doc.id)} download>{d.reprint}</a>
                {window.station && <button type="button" className="link" onClick={() => void call('document:print', { id: doc.id }).catch((e: Error) => props.onError(e.message))}>{d.print}</button>}
              </li>
            ))}
          </ul>
          <p className="muted">{d.reprintNote}</p>
          <div className="field wide">
            <label htmlFor={`${id}-reason`}>{d.orNew}</label>
            <textarea id={`${id}-reason`} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="row">
            <button type="button" disabled={busy || reason.trim() === ''} onClick={() => void confirm(reason.trim())}>{d.confirmNew(props.next.number)}</button>
            <button type="button" onClick={props.onCancel}>{d.cancel}</button>
          </div>
        </>
      )}
    </section>
  );
}
