import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReportSummary } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { DueList } from '../workflow/DueList';
import { AgencyDirectory } from '../workflow/AgencyDirectory';
import { RegisterPanel } from '../documents/RegisterPanel';
import { ReportTable } from './ReportTable';

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
      <AgencyDirectory />
    </section>
  );
}
