import { useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Catalog, Session } from '../../../../electron/contract/schemas';
import { CampaignReportPanel } from './CampaignReportPanel';
import { RewardsPanel } from './RewardsPanel';
import { allows } from '../../../../electron/contract/domain/permissions';
import { useStation } from '../../lib/api';
import { StatisticsPage } from './StatisticsPage';

// The supervisor's and clerk's screen of figures (issue 12): the statistics, the rewards, the campaign's periodic reports.

const tabs = ['statistics', 'rewards', 'report'] as const;

export function StatisticsScreen(props: { session: Session; catalog: Catalog; onOpen: (id: number) => void }) {
  const [tab, setTab] = useState<(typeof tabs)[number]>('statistics');
  const t = vi.statistics.tabs;
  // The report is issued by those who issue documents; the others do not see its tab.
  const roles = useStation('auth:state', {}).data?.officer?.roles ?? [];
  const shown = tabs.filter((k) => k !== 'report' || allows('documents', roles));
  return (
    <section className="statistics" aria-labelledby="statistics-heading">
      <h1 id="statistics-heading">{vi.statistics.heading}</h1>
      <div role="tablist" className="subtabs">
        {shown.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className="subtab" onClick={() => setTab(k)}>{t[k]}</button>
        ))}
      </div>
      {tab === 'statistics' && <StatisticsPage {...props} />}
      {tab === 'rewards' && <RewardsPanel session={props.session} onOpen={props.onOpen} />}
      {tab === 'report' && <CampaignReportPanel session={props.session} />}
    </section>
  );
}
