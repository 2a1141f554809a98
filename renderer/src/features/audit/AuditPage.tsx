import { useId, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { AuditQuery } from '../../../../electron/contract/schemas';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';
import { saveFile } from '../../lib/files';

const FAMILIES = ['report.', 'document.', 'evidence.', 'auth.'];

/**
 * The unit's audit trail for a supervisor: who did what, when, from which desk, on which report; filtered by
 * officer, report, action and period; exported to PDF (the export is a line of its own).
 */
export function AuditPage() {
  const officers = useStation('session:get', {}).data?.officers ?? [];
  const [draft, setDraft] = useState<AuditQuery>({ officerId: null, reportCode: '', action: '', from: null, to: null });
  const [query, setQuery] = useState(draft);
  const [error, setError] = useState('');
  // A date not understood blocks the filter (TimeField says why beside it) rather than filtering by the one before.
  const [unread, setUnread] = useState({ from: false, to: false });
  const found = useStation('audit:list', query);
  const id = useId();
  const a = vi.audit;
  const set = (patch: Partial<AuditQuery>) => setDraft((d) => ({ ...d, ...patch }));
  const [done, setDone] = useState('');
  const checkpoint = async () => {
    setError('');
    try {
      const c = await call('audit:checkpoint', {});
      saveFile(a.slip.fileName(c.id), c.pdfBase64, 'application/pdf');
      setDone(a.checkpointDone(c.id, c.eventId, c.eventHash));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const exportPdf = async () => {
    setError('');
    try {
      saveFile('nhat-ky.pdf', (await call('audit:pdf', query)).pdfBase64, 'application/pdf');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="audit" aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{a.heading}</h1>
      <p className="muted">{a.hint}</p>
      <form className="row" onSubmit={(e) => { e.preventDefault(); setQuery(draft); }}>
        <div className="field">
          <label htmlFor={`${id}-officer`}>{a.officer}</label>
          <select id={`${id}-officer`} value={draft.officerId ?? ''} onChange={(e) => set({ officerId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{a.allOfficers}</option>
            {officers.map((o) => <option key={o.id} value={o.id}>{o.fullName}</option>)}
          </select>
        </div>
        <div className="field short">
          <label htmlFor={`${id}-code`}>{a.reportCode}</label>
          <input id={`${id}-code`} value={draft.reportCode} maxLength={40} onChange={(e) => set({ reportCode: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>{a.action}</label>
          <select id={`${id}-action`} value={draft.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="">{a.allActions}</option>
            {FAMILIES.map((f) => <option key={f} value={f}>{a.families[f]}</option>)}
            {Object.entries(vi.action).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
          </select>
        </div>
        <TimeField mode="date" label={a.from} value={draft.from ?? ''} onChange={(v) => set({ from: v || null })}
          onProblem={(p) => setUnread((u) => ({ ...u, from: p !== null }))} />
        <TimeField mode="date" label={a.to} value={draft.to ?? ''} onChange={(v) => set({ to: v || null })}
          onProblem={(p) => setUnread((u) => ({ ...u, to: p !== null }))} />
        <button type="submit" className="primary" disabled={unread.from || unread.to}>{a.show}</button>
        <button type="button" disabled={unread.from || unread.to} onClick={() => void exportPdf()}>{a.exportPdf}</button>
        <button type="button" onClick={() => void checkpoint()}>{a.checkpoint}</button>
      </form>
      {done && <p className="notice" role="status">{done}</p>}
      {(error || found.error) && <p className="notice error" role="alert">{error || found.error?.message}</p>}
      {found.data && found.data.lines.length === 0 && <p className="muted">{a.none}</p>}
      {found.data && found.data.lines.length > 0 && (
        <table className="audit-lines">
          <thead>
            <tr><th scope="col">#</th><th scope="col">{a.columns.at}</th><th scope="col">{a.columns.officer}</th><th scope="col">{a.columns.desk}</th><th scope="col">{a.columns.report}</th><th scope="col">{a.columns.text}</th></tr>
          </thead>
          <tbody>
            {found.data.lines.map((l) => (
              <tr key={l.id}><td>{l.id}</td><td className="nowrap">{formatStationTime(l.at)}</td><td>{l.officerName}</td><td>{l.desk}</td><td className="nowrap">{l.reportCode ?? ''}</td><td>{l.text}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {found.data?.more && <p className="muted">{a.more(found.data.lines.length)}</p>}
    </section>
  );
}
