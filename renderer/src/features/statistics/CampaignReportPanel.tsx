import { useEffect, useId, useState } from 'react';
import { campaignPeriod, periodKinds, type PeriodKind, sameTimeLastYear } from '../../../../electron/contract/domain/statistics';
import { formatDay, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { authorityMarks, type CampaignReportParams, type IssuedDocument, narrativeParts, type Session } from '../../../../electron/contract/schemas';
import { SelectField, TextField } from '../../components/Field';
import { call, documentUrl } from '../../lib/api';
import { blobUrl } from '../../lib/files';
import { IssueConfirm, type NextNumber } from '../documents/IssueConfirm';

// The campaign's periodic report (issue 12.2): the period, the clerk's assessment, the signer; previewed, then issued.

const c = () => vi.campaignReport;
type Narrative = CampaignReportParams['narrative'];

export function CampaignReportPanel(props: { session: Session }) {
  const id = useId();
  const d = vi.documents;
  const unit = props.session.unit;
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const thisYear = Number(today.slice(0, 4)) + (unit.periodRule === 'cutoff' && today >= `${today.slice(0, 4)}-12-15` ? 1 : 0);
  const [kind, setKind] = useState<PeriodKind>('year');
  const [year, setYear] = useState(thisYear);
  const [narrative, setNarrative] = useState<Narrative>({ strengths: '', shortcomings: '', causes: '', directions: '', proposals: '' });
  const [signer, setSigner] = useState({ mark: 'KT.' as '' | (typeof authorityMarks)[number], of: unit.headTitle.toUpperCase(), title: unit.deputyTitle, rank: '', name: '' });
  const [recipients, setRecipients] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<NextNumber | null>(null);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  const [error, setError] = useState('');
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);
  const period = campaignPeriod(unit.periodRule, kind, year);
  const before = sameTimeLastYear(unit.periodRule, kind, year);
  const params = (): CampaignReportParams => ({
    kind, year, narrative,
    signer: { authority: signer.mark ? { mark: signer.mark, of: signer.of } : null, title: signer.title, rank: signer.rank, name: signer.name },
    recipients: recipients.split('\n').map((l) => l.trim()).filter(Boolean),
  });
  const run = async (action: () => Promise<void>) => {
    setError('');
    // The signer's fields the station needs, named here rather than refused as a whole.
    const missing = [signer.mark && !signer.of.trim() ? d.authorityOf : '', signer.title.trim() ? '' : d.signerTitle, signer.name.trim() ? '' : d.signerName].filter(Boolean);
    if (missing.length > 0) { setError(c().missing(missing)); return; }
    const lines = recipients.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length > 12 || lines.some((l) => l.length > 300)) { setError(c().tooManyRecipients(12, 300)); return; }
    try { await action(); } catch (e) { setError((e as Error).message); }
  };
  const changed = () => { setConfirm(null); setPreview(null); };
  return (
    <div className="campaign-report">
      <p className="muted">{c().hint}</p>
      <div className="row">
        <SelectField label={c().kind} value={kind} onChange={(v) => { setKind(v as PeriodKind); changed(); }}
          options={periodKinds.map((k) => ({ value: k, label: c().kinds[k] }))} />
        <SelectField label={c().year} value={String(year)} onChange={(v) => { setYear(Number(v)); changed(); }}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: String(y) }))} />
      </div>
      <p className="muted">{c().period(formatDay(period.from), formatDay(period.to), formatDay(before.from), formatDay(before.to))}</p>
      {narrativeParts.map((part) => (
        <div key={part} className="field wide">
          <label htmlFor={`${id}-${part}`}>{c().parts[part]}</label>
          <textarea id={`${id}-${part}`} rows={3} maxLength={8000} value={narrative[part]}
            onChange={(e) => { setNarrative((n) => ({ ...n, [part]: e.target.value })); changed(); }} />
        </div>
      ))}
      <div className="row">
        <SelectField label={d.authority} value={signer.mark} onChange={(v) => setSigner((s) => ({ ...s, mark: v as typeof s.mark }))}
          options={[{ value: '', label: '—' }, ...authorityMarks.map((m) => ({ value: m, label: m }))]} className="short" />
        {signer.mark && <TextField label={d.authorityOf} value={signer.of} onChange={(v) => setSigner((s) => ({ ...s, of: v }))} />}
        <TextField label={d.signerTitle} value={signer.title} onChange={(v) => setSigner((s) => ({ ...s, title: v }))} />
        <TextField label={d.signerRank} value={signer.rank} onChange={(v) => setSigner((s) => ({ ...s, rank: v }))} className="short" />
        <TextField label={d.signerName} value={signer.name} onChange={(v) => setSigner((s) => ({ ...s, name: v }))} />
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-recipients`}>{c().recipients}</label>
        <textarea id={`${id}-recipients`} rows={2} value={recipients} onChange={(e) => setRecipients(e.target.value)} />
      </div>
      <div className="row">
        {!confirm && <button type="button" onClick={() => void run(async () => {
          setPreview(blobUrl((await call('document:campaignPreview', params())).pdfBase64, 'application/pdf'));
        })}>{c().preview}</button>}
        {!confirm && <button type="button" className="primary" onClick={() => void run(async () => {
          setIssued(null);
          setConfirm(await call('document:next', { kind: 'campaign_report', period }));
        })}>{c().issue}</button>}
        {issued && <a href={documentUrl(issued.id)} download>{d.number(issued.number)} — {d.download}</a>}
      </div>
      {confirm && (
        <IssueConfirm kind={c().periodOf(c().kinds[kind], year)} next={confirm} onError={setError} onCancel={() => setConfirm(null)}
          onConfirm={(reissueReason) => run(async () => {
            setConfirm(null);
            setIssued(await call('document:campaign', { params: params(), reissueReason }));
            setPreview(null);
          })} />
      )}
      {error && <p className="notice error" role="alert">{error}</p>}
      {preview && <iframe className="pdf-preview" title={c().previewTitle} src={preview} />}
    </div>
  );
}
