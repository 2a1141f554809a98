import { useId, useState } from 'react';
import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { IssuedDocument } from '../../../../electron/contract/schemas';
import { call, documentUrl } from '../../lib/api';

/** The register for a period, issued as a numbered PDF (A3 landscape) to download and print. */
export function RegisterPanel() {
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  const [error, setError] = useState('');
  const id = useId();
  const d = vi.documents;
  const issue = async () => {
    setError('');
    try {
      setIssued(await call('document:register', { from, to }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="register" aria-label={d.registerHeading}>
      <h2>{d.registerHeading}</h2>
      <div className="row">
        <div className="field short"><label htmlFor={`${id}-from`}>{d.registerFrom}</label><input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div className="field short"><label htmlFor={`${id}-to`}>{d.registerTo}</label><input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        <button type="button" onClick={() => void issue()}>{d.registerIssue}</button>
        {issued && <a href={documentUrl(issued.id)} download>{d.number(issued.number)} — {d.download}</a>}
      </div>
      {error && <p className="notice error" role="alert">{error}</p>}
    </section>
  );
}
