import { useRef, useState } from 'react';
import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { IssuedDocument } from '../../../../electron/contract/schemas';
import { TimeField } from '../../components/TimeField';
import { call, documentUrl } from '../../lib/api';

/** The register for a period, issued as a numbered PDF (A3 landscape) to download and print. */
export function RegisterPanel() {
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  const [error, setError] = useState('');
  const [problems, setProblems] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [reveal, setReveal] = useState(false);
  const inputs = { from: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null) };
  const d = vi.documents;
  const problem = (key: 'from' | 'to') => (p: string | null) => setProblems((x) => (x[key] === p ? x : { ...x, [key]: p }));
  const issue = async () => {
    setError('');
    const unread = (['from', 'to'] as const).find((k) => problems[k] !== null);
    if (unread) {
      setReveal(true);
      setError(vi.timeEntry.blocked(unread === 'from' ? d.registerFrom : d.registerTo, problems[unread]!));
      inputs[unread].current?.focus();
      return;
    }
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
        {/* The register may be issued for a period that ends later this month or year. */}
        <TimeField mode="date" required allowFuture label={d.registerFrom} value={from} onChange={setFrom}
          onProblem={problem('from')} reveal={reveal} inputRef={inputs.from} />
        <TimeField mode="date" required allowFuture label={d.registerTo} value={to} onChange={setTo}
          onProblem={problem('to')} reveal={reveal} inputRef={inputs.to} />
        <button type="button" onClick={() => void issue()}>{d.registerIssue}</button>
        {issued && <a href={documentUrl(issued.id)} download>{d.number(issued.number)} — {d.download}</a>}
      </div>
      {error && <p className="notice error" role="alert">{error}</p>}
    </section>
  );
}
