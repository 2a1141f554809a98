import { useId, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReporterIdentity } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { Item } from '../../components/Item';

/**
 * The reporter's identity stays hidden until an officer allowed to see it gives the reason; the look and its
 * reason go into the report's history (the call refreshes the report: see lib/api.ts).
 */
export function RevealIdentity(props: { reportId: number }) {
  const [identity, setIdentity] = useState<ReporterIdentity | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const id = useId();
  const d = vi.detail;
  if (identity) {
    return (
      <>
      <dl className="facts">
        <Item label={vi.form.fullName} value={identity.fullName} />
        <Item label={vi.form.birthYear} value={identity.birthYear} />
        <Item label={vi.form.cccd} value={identity.cccd} />
        <Item label={vi.form.address} value={identity.address} />
        <Item label={vi.form.phone} value={identity.phone} />
        <Item label={vi.form.callerPhone} value={identity.callerPhone} />
        <Item label={d.confirmedReports} value={String(identity.confirmedReports)} />
      </dl>
      <EraseIdentity reportId={props.reportId} onErased={() => setIdentity(null)} />
      </>
    );
  }
  const reveal = async () => {
    setError('');
    try { setIdentity(await call('report:revealReporter', { id: props.reportId, reason })); } catch (e) { setError((e as Error).message); }
  };
  return (
    <>
      <p>{d.reporterHidden} {!asking && <button type="button" onClick={() => setAsking(true)}>{d.reveal}</button>}</p>
      {asking && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void reveal(); }}>
          <div className="field wide">
            <label htmlFor={`${id}-reason`}>{d.revealReason}</label>
            <input id={`${id}-reason`} autoFocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" disabled={reason.trim().length < 3}>{d.revealConfirm}</button>
          <button type="button" onClick={() => { setAsking(false); setError(''); }}>{vi.documents.cancel}</button>
        </form>
      )}
      {error && <p className="notice error" role="alert">{error}</p>}
    </>
  );
}

/** The reporter's right to erasure (NĐ 356/2025): their identity destroyed, with the reason, the report kept anonymous. */
function EraseIdentity(props: { reportId: number; onErased: () => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const id = useId();
  const d = vi.detail;
  const erase = async () => {
    setError('');
    try {
      await call('report:eraseReporter', { id: props.reportId, reason });
      props.onErased();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!asking) return <p><button type="button" className="link" onClick={() => setAsking(true)}>{d.erase}</button></p>;
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); void erase(); }}>
      <div className="field wide">
        <label htmlFor={`${id}-reason`}>{d.eraseReason}</label>
        <input id={`${id}-reason`} autoFocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" disabled={reason.trim().length < 3}>{d.eraseConfirm}</button>
      <button type="button" onClick={() => setAsking(false)}>{vi.documents.cancel}</button>
      {error && <p className="notice error" role="alert">{error}</p>}
    </form>
  );
}
