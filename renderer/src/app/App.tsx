import { useCallback, useEffect, useState } from 'react';
import { vi } from '../../../electron/contract/messages.vi';
import type { Catalog, Session } from '../../../electron/contract/schemas';
import { IntakePage } from '../features/intake/IntakePage';
import { ReportDetailPage } from '../features/reports/ReportDetailPage';
import { SearchPage } from '../features/reports/SearchPage';
import { TodayPage } from '../features/reports/TodayPage';
import { call } from '../lib/api';
import { useHotkeys } from '../lib/hotkeys';

export type View = { page: 'intake' } | { page: 'today' } | { page: 'search' } | { page: 'detail'; id: number; back: View };

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [view, setView] = useState<View>({ page: 'intake' });
  const [error, setError] = useState('');

  useEffect(() => {
    Promise.all([call('session:get', {}), call('catalog:get', {})])
      .then(([s, c]) => { setSession(s); setCatalog(c); })
      .catch((e: Error) => setError(e.message));
  }, []);

  const open = useCallback((id: number) => setView((v) => ({ page: 'detail', id, back: v })), []);
  useHotkeys({
    F2: () => setView({ page: 'intake' }),
    F3: () => setView({ page: 'today' }),
    F4: () => setView({ page: 'search' }),
  });

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!session || !catalog) return <p className="loading">{vi.app.loading}</p>;

  const tabs = [['intake', vi.nav.intake], ['today', vi.nav.today], ['search', vi.nav.search]] as const;
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <strong>{vi.app.title}</strong>
          <span>{session.unit.name}{session.unit.parentName ? ` — ${session.unit.parentName}` : ''}</span>
        </div>
        <nav aria-label={vi.app.title}>
          {tabs.map(([page, label]) => (
            <button key={page} type="button" className={view.page === page ? 'tab active' : 'tab'}
              aria-current={view.page === page ? 'page' : undefined} onClick={() => setView({ page })} tabIndex={-1}>
              {label}
            </button>
          ))}
        </nav>
        <label className="duty">
          {vi.app.onDuty}
          <select value={session.officer.id} tabIndex={-1}
            onChange={(e) => call('session:setOfficer', { officerId: Number(e.target.value) }).then(setSession, (x: Error) => setError(x.message))}>
            {session.officers.map((o) => <option key={o.id} value={o.id}>{o.fullName}</option>)}
          </select>
        </label>
      </header>
      <main>
        {/* The intake page stays mounted so a call being typed survives a look at the lists. */}
        <div hidden={view.page !== 'intake'}>
          <IntakePage key={session.officer.id} session={session} catalog={catalog} active={view.page === 'intake'} onOpen={open} />
        </div>
        {view.page === 'today' && <TodayPage onOpen={open} />}
        {view.page === 'search' && <SearchPage onOpen={open} />}
        {view.page === 'detail' && <ReportDetailPage id={view.id} onBack={() => setView(view.back)} />}
      </main>
    </div>
  );
}
