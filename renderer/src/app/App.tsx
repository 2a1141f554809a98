import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useState } from 'react';
import { createHashRouter, Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { vi } from '../../../electron/contract/messages.vi';
import { allows } from '../../../electron/contract/domain/permissions';
import type { Session } from '../../../electron/contract/schemas';
import { AdminPage } from '../features/admin/AdminPage';
import { AuditPage } from '../features/audit/AuditPage';
import { DaysOffPage } from '../features/calendar/DaysOffPage';
import { IntakePage } from '../features/intake/IntakePage';
import { ReportDetailPage } from '../features/reports/ReportDetailPage';
import { SearchPage } from '../features/reports/SearchPage';
import { TodayPage } from '../features/reports/TodayPage';
import { call, queryClient, useStation } from '../lib/api';
import { useHotkeys } from '../lib/hotkeys';
import { LockScreen, RecoveryKeyNotice, SetupPage, SignInPage } from '../features/auth/AuthForms';
import { useIdleLock } from '../features/auth/use-idle-lock';

// Every screen has its own address (in the hash, so browser mode's exact launch address and Electron's
// station://app page stay as they are): back and forward work, and a report is reached by its code.

export const paths = {
  intake: '/',
  today: '/hom-nay',
  search: '/tim-kiem',
  calendar: '/lich-nghi',
  audit: '/nhat-ky',
  admin: '/quan-tri',
  statistics: '/thong-ke',
  report: (code: string) => `/phan-anh/${encodeURIComponent(code)}`,
};

/** Opens a report from a list (which knows its id) at its address (which names its code). */
function useOpenReport() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return useCallback((id: number) => {
    void client.fetchQuery({ queryKey: ['report:get', { id }], queryFn: () => call('report:get', { id }) })
      .then((report) => navigate(paths.report(report.code)));
  }, [client, navigate]);
}

/** Who is at the desk decides what shows: the first run's setup, signing in, or the desk (locked or not). */
function Shell() {
  const auth = useStation('auth:state', {});
  // Held here, not in the station: the sign-in that made the data key answers with it once.
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  if (auth.error) return <p className="error" role="alert">{auth.error.message}</p>;
  if (!auth.data) return <p className="loading">{vi.app.loading}</p>;
  if (!auth.data.hasAccounts) return <SetupPage onRecoveryKey={setRecoveryKey} />;
  if (!auth.data.officer) return <SignInPage onRecoveryKey={setRecoveryKey} />;
  if (recoveryKey) return <RecoveryKeyNotice recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} />;
  return <Desk officerName={auth.data.officer.fullName} roles={auth.data.officer.roles} locked={auth.data.locked} idleMinutes={auth.data.idleMinutes} />;
}

function Desk(props: { officerName: string; roles: string[]; locked: boolean; idleMinutes: number }) {
  const session = useStation('session:get', {}, !props.locked);
  const catalog = useStation('catalog:get', {});
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const open = useOpenReport();
  useHotkeys({
    F2: () => navigate(paths.intake), F3: () => navigate(paths.today), F4: () => navigate(paths.search),
    'Control+Alt+l': () => void call('auth:lock', {}),
  }, !props.locked);
  useIdleLock(props.idleMinutes, !props.locked);

  // A read refused while the screen locked must not take the desk away (the call being typed is in it):
  // the error screen is only for a desk that never loaded.
  const failed = props.locked || (session.data && catalog.data) ? null : session.error ?? catalog.error;
  if (failed) return <p className="error" role="alert">{failed.message}</p>;
  if (!session.data || !catalog.data) return props.locked ? <LockScreen officerName={props.officerName} /> : <p className="loading">{vi.app.loading}</p>;

  // The audit trail's tab for those who may read it (the station refuses the others all the same).
  const tabs = [
    [paths.intake, vi.nav.intake], [paths.today, vi.nav.today], [paths.search, vi.nav.search], [paths.calendar, vi.nav.calendar],
    ...(allows('statistics', props.roles) ? [[paths.statistics, vi.nav.statistics] as const] : []),
    ...(allows('audit', props.roles) ? [[paths.audit, vi.nav.audit] as const] : []),
    ...(allows('administer', props.roles) ? [[paths.admin, vi.nav.admin] as const] : []),
  ] as const;
  return (
    <div className="app">
      <header className="topbar" inert={props.locked}>
        <div className="brand">
          <strong>{vi.app.title}</strong>
          <span>{session.data.unit.name}{session.data.unit.parentName ? ` — ${session.data.unit.parentName}` : ''}</span>
        </div>
        <nav aria-label={vi.app.title}>
          {tabs.map(([path, label]) => (
            <button key={path} type="button" className={pathname === path ? 'tab active' : 'tab'}
              aria-current={pathname === path ? 'page' : undefined} onClick={() => navigate(path)} tabIndex={-1}>
              {label}
            </button>
          ))}
        </nav>
        <div className="duty">
          <span>{vi.app.onDuty}: <strong>{session.data.officer.fullName}</strong></span>
          <button type="button" className="link" tabIndex={-1} onClick={() => void call('auth:lock', {})}>{vi.auth.lock}</button>
          <button type="button" className="link" tabIndex={-1} onClick={() => void call('auth:signOut', {})}>{vi.auth.signOut}</button>
        </div>
      </header>
      <UnitIncomplete unit={session.data.unit} admin={allows('administer', props.roles)} />
      {/* Locked: the desk stays as it was underneath (a call being typed is kept), out of reach until unlocked. */}
      {props.locked && <LockScreen officerName={props.officerName} />}
      <main inert={props.locked}>
        {/* The intake page stays mounted so a call being typed survives a look at the lists. */}
        <div hidden={pathname !== paths.intake}>
          <IntakePage key={session.data.officer.id} session={session.data} catalog={catalog.data} active={pathname === paths.intake} onOpen={open} />
        </div>
        <Outlet />
      </main>
    </div>
  );
}

/**
 * A unit an earlier version set up lacks what letters print (the place on the date line, the commune, the head's
 * title): the admin is told where to give it; the others are not troubled with it.
 */
function UnitIncomplete(props: { unit: Session['unit']; admin: boolean }) {
  const u = vi.admin.unit;
  const missing = ([[props.unit.placeName, u.placeName], [props.unit.communeCode, u.commune], [props.unit.headTitle, u.headTitle]] as const)
    .filter(([value]) => value === '').map(([, label]) => label);
  if (!props.admin || missing.length === 0) return null;
  return <p className="notice warn" role="status">{vi.admin.unitIncomplete(missing)} <Link to={paths.admin}>{vi.admin.heading}</Link></p>;
}

function TodayRoute() {
  return <TodayPage onOpen={useOpenReport()} />;
}

// The charts library is loaded only by the desks that open the statistics.
const StatisticsScreen = lazy(() => import('../features/statistics/StatisticsScreen').then((m) => ({ default: m.StatisticsScreen })));

/** The desk has read the session and the catalog before any route shows (Desk waits for both). */
function StatisticsRoute() {
  const session = useStation('session:get', {}).data;
  const catalog = useStation('catalog:get', {}).data;
  const open = useOpenReport();
  if (!session || !catalog) return null;
  return <Suspense fallback={<p className="loading">{vi.app.loading}</p>}><StatisticsScreen session={session} catalog={catalog} onOpen={open} /></Suspense>;
}

function SearchRoute() {
  return <SearchPage onOpen={useOpenReport()} />;
}

function ReportRoute() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const found = useStation('report:idOfCode', { code });
  if (found.error) return <NotFound text={vi.app.noSuchReport(code)} />;
  if (!found.data) return <p className="loading">{vi.app.loading}</p>;
  // Back where the officer came from; a report opened from an address typed or pasted goes to today's list.
  const back = () => void ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(paths.today));
  return <ReportDetailPage key={found.data.id} id={found.data.id} onBack={back} />;
}

function NotFound(props: { text?: string }) {
  return (
    <section className="not-found" role="alert">
      <h1>{vi.app.notFoundTitle}</h1>
      <p>{props.text ?? vi.app.notFound}</p>
      <p><Link to={paths.intake}>{vi.app.backToIntake}</Link> · <Link to={paths.today}>{vi.app.backToToday}</Link></p>
    </section>
  );
}

const router = createHashRouter([{
  element: <Shell />,
  errorElement: <NotFound />,
  children: [
    { index: true, element: null },
    { path: paths.today, element: <TodayRoute /> },
    { path: paths.search, element: <SearchRoute /> },
    { path: paths.calendar, element: <DaysOffPage /> },
    { path: paths.audit, element: <AuditPage /> },
    { path: paths.admin, element: <AdminPage /> },
    { path: paths.statistics, element: <StatisticsRoute /> },
    { path: 'phan-anh/:code', element: <ReportRoute /> },
    { path: '*', element: <NotFound /> },
  ],
}]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
