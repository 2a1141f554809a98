import { formatVndFigures } from '../../../../electron/contract/domain/amount-words';
import { vi } from '../../../../electron/contract/messages.vi';
import { useStation } from '../../lib/api';
import { DeadlineLine } from './WorkflowPanel';

/** Overdue and due-soon reports, most pressing first: what the desk must not forget today. */
export function DueList(props: { onOpen: (id: number) => void }) {
  const due = useStation('report:due', {});
  if (due.error) return <p className="notice error" role="alert">{due.error.message}</p>;
  if (!due.data) return null;
  const { items, total, catchingUp } = due.data;
  return (
    <section className="due" aria-label={vi.workflow.dueHeading}>
      <h2>{vi.workflow.dueHeading}</h2>
      {catchingUp && <p className="notice">{vi.workflow.dueCatchingUp}</p>}
      {items.length === 0 && !catchingUp && <p className="muted">{vi.workflow.dueNone}</p>}
      {total > items.length && <p className="muted">{vi.workflow.dueMore(formatVndFigures(items.length), formatVndFigures(total))}</p>}
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
