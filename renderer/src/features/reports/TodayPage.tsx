import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { DueItem, ReportSummary } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { DeadlineLine } from '../workflow/WorkflowPanel';
import { RegisterPanel } from '../documents/RegisterPanel';
import { ReportTable } from './ReportTable';

/** Overdue and due-soon reports, most pressing first: what the desk must not forget today. */
function DueList(props: { onOpen: (id: number) => void }) {
  const [items, setItems] = useState<DueItem[] | null>(null);
  useEffect(() => { call('report:due', {}).then(setItems, () => setItems([])); }, []);
  if (!items) return null;
  return (
    <section className="due" aria-label={vi.workflow.dueHeading}>
      <h2>{vi.workflow.dueHeading}</h2>
      {items.length === 0 && <p className="muted">{vi.workflow.dueNone}</p>}
      <ul>
        {items.map((d) => (
          <li key={d.report.id}>
            <button type="button" className="link" onClick={() => props.onOpen(d.report.id)}>{d.report.code}</button>
            {' '}{vi.status[d.report.status] ?? d.report.status} — {d.report.place}
            {d.deadlines.map((x) => <div key={x.code}><DeadlineLine deadline={x} /></div>)}
            {d.feedbackOwed && <div className="deadline due-soon">{vi.workflow.feedbackOwed}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TodayPage(props: { onOpen: (id: number) => void }) {
  const [rows, setRows] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => { call('report:today', {}).then(setRows, (e: Error) => setError(e.message)); }, []);
  return (
    <section className="page">
      <DueList onOpen={props.onOpen} />
      <h1>{vi.list.todayHeading}</h1>
      {error && <p className="notice error" role="alert">{error}</p>}
      {rows && <p className="muted">{vi.list.count(rows.length)}</p>}
      {rows && <ReportTable rows={rows} onOpen={props.onOpen} />}
      <RegisterPanel />
    </section>
  );
}
