import { vi } from '../../../../electron/contract/messages.vi';
import { useStation } from '../../lib/api';
import { DueList } from '../workflow/DueList';
import { AgencyDirectory } from '../workflow/AgencyDirectory';
import { RegisterPanel } from '../documents/RegisterPanel';
import { PublicationPanel } from './PublicationPanel';
import { ReportTable } from './ReportTable';

export function TodayPage(props: { onOpen: (id: number) => void }) {
  const today = useStation('report:today', {});
  const rows = today.data;
  const error = today.error?.message;
  return (
    <section className="page">
      <DueList onOpen={props.onOpen} />
      <h1>{vi.list.todayHeading}</h1>
      {error && <p className="notice error" role="alert">{error}</p>}
      {rows && <p className="muted">{vi.list.count(rows.length)}</p>}
      {rows && <ReportTable rows={rows} onOpen={props.onOpen} />}
      <RegisterPanel />
      <PublicationPanel />
      <AgencyDirectory />
    </section>
  );
}
