import { normalizePlate } from '../../../../electron/contract/domain/plate';
import { formatPlace, formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReportDetail } from '../../../../electron/contract/schemas';
import { queryClient, useStation } from '../../lib/api';
import { useHotkeys } from '../../lib/hotkeys';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { WorkflowPanel } from '../workflow/WorkflowPanel';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { RevealIdentity } from './RevealIdentity';
import { Item } from '../../components/Item';


export function ReportDetailPage(props: { id: number; onBack: () => void }) {
  const detail = useStation('report:get', { id: props.id });
  useHotkeys({ Escape: props.onBack });
  const setReport = (r: ReportDetail) => queryClient.setQueryData(['report:get', { id: props.id }], r);

  const report = detail.data;
  const failed = detail.error?.message;
  if (failed) return <p className="notice error" role="alert">{failed}</p>;
  if (!report) return <p className="loading">{vi.app.loading}</p>;
  const l = report.location;
  const place = formatPlace(l);
  return (
    <article className="page detail">
      <button type="button" className="link" onClick={props.onBack}>{vi.detail.back}</button>
      <h1>{vi.detail.heading(report.code)}</h1>
      {report.urgent && <p className="urgent">{vi.form.urgentBanner}</p>}
      <dl className="facts">
        <Item label={vi.list.status} value={vi.status[report.status] ?? report.status} />
        <Item label={vi.form.channel} value={vi.channel[report.channel]} />
        <Item label={vi.form.receivedAt} value={formatStationTime(report.receivedAt)} />
        <Item label={vi.detail.receivedBy} value={report.receivedBy} />
        {report.hotline && <Item label={vi.form.hotline} value={report.hotline} />}
        <Item label={vi.form.callerPhone} value={report.callerPhone} />
        <Item label={vi.detail.occurredAt}
          value={report.occurredAt ? `${formatStationTime(report.occurredAt)}${report.occurredApprox ? ` ${vi.detail.approx}` : ''}` : null} />
        <Item label={vi.list.violations} value={report.violations.map((v) => v.name).join('; ')} />
        <Item label={vi.form.description} value={report.description} />
        <Item label={vi.list.place} value={place} />
        {l.callerWords && <Item label={vi.detail.callerWords} value={l.callerWords} />}
        <Item label={vi.form.gps} value={l.gps} />
      </dl>
      {report.vehicles.map((v, i) => (
        <section key={i} className="vehicle">
          <h2>{vi.form.vehicleHeading(i + 1)}</h2>
          <dl className="facts">
            <Item label={vi.form.plate} value={v.plate ? v.plate.canonical : null} />
            <Item label={vi.form.vehicleType} value={v.vehicleType ? vi.vehicleType[v.vehicleType] : null} />
            <Item label={vi.form.colour} value={v.colour} />
            <Item label={vi.form.brand} value={v.brand} />
            <Item label={vi.form.features} value={v.features} />
            <Item label={vi.form.ownerName} value={v.ownerName} />
            <Item label={vi.form.driverName} value={v.driverName} />
          </dl>
          {v.plate?.flags.map((f) => <p key={f} className="warn">{vi.plateFlag[f as keyof typeof vi.plateFlag] ?? f}</p>)}
          {v.plate?.flags.includes('ambiguous') && (
            <p className="warn">{vi.detail.plateReadings(normalizePlate(v.plate.input).readings.map((r) => vi.form.plateReading(vi.plateReadingKind[r.kind], r.canonical)))}</p>
          )}
        </section>
      ))}
      <WorkflowPanel report={report} onChange={setReport} />
      <DocumentsPanel reportId={report.id} description={report.description} />
      {/* Imports, looks and stills are in the history: the report is read again when they happen. */}
      <EvidencePanel reportId={report.id} onActivity={() => void queryClient.invalidateQueries({ queryKey: ['report:get', { id: props.id }] })} />
      <section className="reporter" aria-label={vi.form.sectionReporter}>
        <h2>{vi.form.sectionReporter}</h2>
        {report.reporter.anonymous || !report.reporter.onFile ? <p>{vi.detail.reporterAnonymous}</p> : (
          <>
            {report.reporter.maskedName !== '' && <p>{vi.detail.reporterMasked(report.reporter.maskedName)}</p>}
            <RevealIdentity reportId={report.id} reportCode={report.code} />
          </>
        )}
        {report.reporter.wantsFeedback && <p>{vi.form.wantsFeedback}</p>}
      </section>
      <section>
        <h2>{vi.detail.history}</h2>
        <table className="history">
          <thead><tr><th>{vi.detail.historyAt}</th><th>{vi.detail.historyWho}</th><th>{vi.detail.historyWhat}</th></tr></thead>
          <tbody>
            {report.history.map((h, i) => (
              <tr key={i}><td>{formatStationTime(h.at)}</td><td>{h.officerName}</td><td>{h.detail}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
