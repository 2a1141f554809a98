import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReportSummary } from '../../../../electron/contract/schemas';

/** Reports as rows; a row takes focus with Tab or the arrow keys and opens with Enter. */
export function ReportTable(props: { rows: ReportSummary[]; onOpen: (id: number) => void; compact?: boolean }) {
  const onKeyDown = (e: React.KeyboardEvent<HTMLTableRowElement>, id: number) => {
    const row = e.currentTarget;
    if (e.key === 'Enter') { e.preventDefault(); props.onOpen(id); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); (row.nextElementSibling as HTMLElement | null)?.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (row.previousElementSibling as HTMLElement | null)?.focus(); }
  };
  if (props.rows.length === 0) return <p className="muted">{vi.list.empty}</p>;
  return (
    <table className={props.compact ? 'reports compact' : 'reports'}>
      <thead>
        <tr>
          <th>{vi.list.code}</th>
          <th>{vi.list.receivedAt}</th>
          {!props.compact && <th>{vi.list.channel}</th>}
          <th>{vi.list.plates}</th>
          <th>{vi.list.place}</th>
          {!props.compact && <th>{vi.list.violations}</th>}
          {!props.compact && <th>{vi.list.status}</th>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.id} tabIndex={0} className={r.urgent ? 'urgent-row' : ''}
            onKeyDown={(e) => onKeyDown(e, r.id)} onDoubleClick={() => props.onOpen(r.id)} onClick={() => props.onOpen(r.id)}>
            <td className="nowrap">{r.code}{r.urgent && <span className="badge">{vi.list.urgent}</span>}</td>
            <td className="nowrap">{formatStationTime(r.receivedAt)}</td>
            {!props.compact && <td>{vi.channel[r.channel]}</td>}
            <td>{r.plates.map((p) => <span key={p} className="nowrap plate-chip">{p}</span>)}</td>
            <td>{r.place}</td>
            {!props.compact && <td>{r.violations.join('; ')}</td>}
            {!props.compact && <td>{vi.status[r.status] ?? r.status}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
