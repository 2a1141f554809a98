import { useId } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { AgencyOptions } from '../workflow/AgencyOptions';
import type { AuthorityMark, DocumentKind, DocumentRequestState } from './use-document-request';

const kinds = ['forwarding_letter', 'intake_form', 'handover', 'verification', 'feedback_notice'] as const;

/** The fields of a document request: its kind, what that kind asks for (agency; recipient, findings, proposal), the signer. */
export function RequestFields(props: { request: DocumentRequestState; onKind: (kind: DocumentKind) => void }) {
  const r = props.request;
  const id = useId();
  const d = vi.documents;
  const field = (key: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)} list={key === 'agency' ? `${id}-agencies` : undefined} />
      {key === 'agency' && <AgencyOptions id={`${id}-agencies`} />}
    </div>
  );
  return (
    <>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{d.kindLabel}</label>
          <select id={`${id}-kind`} value={r.kind} onChange={(e) => props.onKind(e.target.value as DocumentKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>{d.kind[k]}</option>
            ))}
          </select>
        </div>
        {r.kind === 'forwarding_letter' && field('agency', d.agency, r.agency, r.setAgency)}
        {r.kind === 'verification' && field('recipient', d.recipient, r.recipient, r.setRecipient)}
      </div>
      {r.kind === 'verification' && (
        <div className="row">
          <div className="field wide"><label htmlFor={`${id}-findings`}>{d.findings}</label><textarea id={`${id}-findings`} rows={3} value={r.findings} onChange={(e) => r.setFindings(e.target.value)} /></div>
          <div className="field wide"><label htmlFor={`${id}-proposal`}>{d.proposal}</label><textarea id={`${id}-proposal`} rows={3} value={r.proposal} onChange={(e) => r.setProposal(e.target.value)} /></div>
        </div>
      )}
      <div className="row">
        <div className="field short">
          <label htmlFor={`${id}-mark`}>{d.authority}</label>
          <select id={`${id}-mark`} value={r.mark} onChange={(e) => r.setMark(e.target.value as AuthorityMark)}>
            <option value="">—</option><option value="TM.">TM.</option><option value="KT.">KT.</option><option value="Q.">Q.</option>
          </select>
        </div>
        {r.mark && field('of', d.authorityOf, r.of, r.setOf)}
        {field('title', d.signerTitle, r.title, r.setTitle)}
        {field('name', d.signerName, r.name, r.setName)}
      </div>
    </>
  );
}
