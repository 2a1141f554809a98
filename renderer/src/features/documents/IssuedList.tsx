import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { call, documentUrl, useStation } from '../../lib/api';

/** The documents issued for a report, each with its number, to download or (on the desk app) print. */
export function IssuedList(props: { reportId: number; onError: (message: string) => void }) {
  const issued = useStation('document:list', { reportId: props.reportId }).data ?? [];
  const d = vi.documents;
  if (issued.length === 0) return null;
  return (
    <ul className="issued">
      {issued.map((doc) => (
        <li key={doc.id}>
          {d.kind[doc.kind] ?? doc.kind} {d.number(doc.number)} — {formatStationTime(doc.issuedAt)}{' '}
          <a href={documentUrl(doc.id)} download>{d.download}</a>
          {window.station && <button type="button" className="link" onClick={() => void call('document:print', { id: doc.id }).catch((e: Error) => props.onError(e.message))}>{d.print}</button>}
        </li>
      ))}
    </ul>
  );
}
