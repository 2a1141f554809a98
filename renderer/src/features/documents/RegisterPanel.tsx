import { useEffect, useRef, useState } from 'react';
import { formatDay, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { IssuedDocument } from '../../../../electron/contract/schemas';
import { TimeField } from '../../components/TimeField';
import { call, documentUrl } from '../../lib/api';
import { blobUrl } from '../../lib/files';
import { IssueConfirm, type NextNumber } from './IssueConfirm';

/** The register for a period: previewed, then issued as a numbered PDF (A3 landscape) to download and print. */
export function RegisterPanel() {
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  const [confirm, setConfirm] = useState<NextNumber | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [problems, setProblems] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [reveal, setReveal] = useState(false);
  const inputs = { from: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null) };
  const d = vi.documents;
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);
  const problem = (key: 'from' | 'to') => (p: string | null) => setProblems((x) => (x[key] === p ? x : { ...x, [key]: p }));
  const change = (set: (v: string) => void) => (v: string) => { set(v); setConfirm(null); setPreview(null); };

  /** The period as typed, or null after pointing at the field that could not be read. */
  const period = () => {
    setError('');
    const unread = (['from', 'to'] as const).find((k) => problems[k] !== null);
    if (!unread) return { from, to };
    setReveal(true);
    setError(vi.timeEntry.blocked(unread === 'from' ? d.registerFrom : d.registerTo, problems[unread]!));
    inputs[unread].current?.focus();
    return null;
  };
  const run = async (action: (p: { from: string; to: string }) => Promise<void>) => {
    const p = period();
    if (!p) return;
    try { await action(p); } catch (e) { setError((e as Error).message); }
  };
  const showPreview = () => run(async (p) => {
    const { pdfBase64 } = await call('document:registerPreview', p);
    setPreview(blobUrl(pdfBase64, 'application/pdf'));
  });
  const ask = () => run(async (p) => {
    setIssued(null);
    setConfirm(await call('document:next', { kind: 'register', period: p }));
  });
  const issue = (reissueReason: string | null) => run(async (p) => {
    setConfirm(null);
    setIssued(await call('document:register', { period: p, reissueReason }));
    setPreview(null);
  });
  return (
    <section className="register" aria-label={d.registerHeading}>
      <h2>{d.registerHeading}</h2>
      <div className="row">
        {/* The register may be issued for a period that ends later this month or year. */}
        <TimeField mode="date" required allowFuture label={d.registerFrom} value={from} onChange={change(setFrom)}
          onProblem={problem('from')} reveal={reveal} inputRef={inputs.from} />
        <TimeField mode="date" required allowFuture label={d.registerTo} value={to} onChange={change(setTo)}
          onProblem={problem('to')} reveal={reveal} inputRef={inputs.to} />
        {!confirm && <button type="button" onClick={() => void showPreview()}>{d.registerPreview}</button>}
        {!confirm && <button type="button" className="primary" onClick={() => void ask()}>{d.registerIssue}</button>}
        {issued && <a href={documentUrl(issued.id)} download>{d.number(issued.number)} — {d.download}</a>}
      </div>
      {confirm && (
        <IssueConfirm kind={d.registerPeriod(formatDay(from), formatDay(to))} next={confirm} onError={setError}
          onConfirm={issue} onCancel={() => setConfirm(null)} />
      )}
      {error && <p className="notice error" role="alert">{error}</p>}
      {preview && <iframe className="pdf-preview" title={d.registerPreviewTitle} src={preview} />}
    </section>
  );
}
