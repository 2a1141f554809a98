import { useEffect, useId, useState } from 'react';
import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { DocumentRequest } from '../../../../electron/contract/schemas';
import { call, documentUrl, useStation } from '../../lib/api';
import { AgencyOptions } from '../workflow/AgencyOptions';

type Kind = DocumentRequest['kind'];

/** Preview a document, issue it (it takes the next number), then print or download the issued PDF. */
export function DocumentsPanel(props: { reportId: number }) {
  const issued = useStation('document:list', { reportId: props.reportId }).data ?? [];
  const [kind, setKind] = useState<Kind>('forwarding_letter');
  const [agency, setAgency] = useState('');
  const [mark, setMark] = useState<'' | 'TM.' | 'KT.' | 'Q.'>('KT.');
  const [of, setOf] = useState<string>(vi.documents.defaultSigner.of);
  const [title, setTitle] = useState<string>(vi.documents.defaultSigner.title);
  const [name, setName] = useState('');
  const [recipient, setRecipient] = useState<string>(vi.documents.defaultSigner.recipient);
  const [findings, setFindings] = useState('');
  const [proposal, setProposal] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState('');
  const id = useId();
  const d = vi.documents;

  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);

  const signer = { authority: mark ? { mark, of } : null, title, name };
  const request = (): DocumentRequest => {
    if (kind === 'forwarding_letter') return { kind, params: { agency, signer } };
    if (kind === 'verification') return { kind, params: { recipient, findings, proposal, signer } };
    return { kind, params: { signer } };
  };
  const filled = (...values: string[]) => values.every((v) => v.trim() !== '');
  const complete = filled(name, title) && (!mark || filled(of))
    && (kind !== 'forwarding_letter' || filled(agency)) && (kind !== 'verification' || filled(recipient, findings, proposal));

  const showPreview = async () => {
    setError('');
    try {
      const { pdfBase64 } = await call('document:preview', { reportId: props.reportId, request: request() });
      const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
      setPreview(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const issue = async () => {
    setError('');
    try {
      await call('document:issue', { reportId: props.reportId, request: request() });
      setPreview(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const field = (key: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)} list={key === 'agency' ? `${id}-agencies` : undefined} />
      {key === 'agency' && <AgencyOptions id={`${id}-agencies`} />}
    </div>
  );
  return (
    <section className="documents" aria-label={d.heading}>
      <h2>{d.heading}</h2>
      {issued.length > 0 && (
        <ul className="issued">
          {issued.map((doc) => (
            <li key={doc.id}>
              {d.kind[doc.kind] ?? doc.kind} {d.number(doc.number)} — {formatStationTime(doc.issuedAt)}{' '}
              <a href={documentUrl(doc.id)} download>{d.download}</a>
              {window.station && <button type="button" className="link" onClick={() => void call('document:print', { id: doc.id }).catch((e: Error) => setError(e.message))}>{d.print}</button>}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{d.kindLabel}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => { setKind(e.target.value as Kind); setPreview(null); }}>
            {(['forwarding_letter', 'intake_form', 'handover', 'verification', 'feedback_notice'] as const).map((k) => (
              <option key={k} value={k}>{d.kind[k]}</option>
            ))}
          </select>
        </div>
        {kind === 'forwarding_letter' && field('agency', d.agency, agency, setAgency)}
        {kind === 'verification' && field('recipient', d.recipient, recipient, setRecipient)}
      </div>
      {kind === 'verification' && (
        <div className="row">
          <div className="field wide"><label htmlFor={`${id}-findings`}>{d.findings}</label><textarea id={`${id}-findings`} rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} /></div>
          <div className="field wide"><label htmlFor={`${id}-proposal`}>{d.proposal}</label><textarea id={`${id}-proposal`} rows={3} value={proposal} onChange={(e) => setProposal(e.target.value)} /></div>
        </div>
      )}
      <div className="row">
        <div className="field short">
          <label htmlFor={`${id}-mark`}>{d.authority}</label>
          <select id={`${id}-mark`} value={mark} onChange={(e) => setMark(e.target.value as typeof mark)}>
            <option value="">—</option><option value="TM.">TM.</option><option value="KT.">KT.</option><option value="Q.">Q.</option>
          </select>
        </div>
        {mark && field('of', d.authorityOf, of, setOf)}
        {field('title', d.signerTitle, title, setTitle)}
        {field('name', d.signerName, name, setName)}
      </div>
      {error && <p className="notice error" role="alert">{error}</p>}
      <div className="row">
        <button type="button" disabled={!complete} onClick={() => void showPreview()}>{d.preview}</button>
        <button type="button" className="primary" disabled={!complete} onClick={() => void issue()}>{d.issue}</button>
      </div>
      {preview && <iframe className="pdf-preview" title={d.previewTitle} src={preview} />}
    </section>
  );
}
