import { useId } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { authorityMarks, mediumKinds } from '../../../../electron/contract/schemas';
import { TimeField } from '../../components/TimeField';
import { AgencyOptions } from '../workflow/AgencyOptions';
import type { AuthorityMark, DocumentKind, DocumentRequestState, MediumKind } from './use-document-request';

const kinds = ['forwarding_letter', 'intake_form', 'handover', 'verification', 'feedback_notice'] as const;

/**
 * The fields of a document request: its kind, what that kind asks for (agency, reply date and contact officer;
 * hand-over time and medium; recipient, findings, proposal), and the signer (authority mark, title, rank, name).
 */
export function RequestFields(props: { request: DocumentRequestState; onKind: (kind: DocumentKind) => void }) {
  const r = props.request;
  const id = useId();
  const d = vi.documents;
  const field = (key: string, label: string, value: string, set: (v: string) => void, className = '') => (
    <div className={`field ${className}`}>
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
      {r.kind === 'forwarding_letter' && (
        <div className="row">
          <TimeField mode="date" required allowFuture label={d.replyBy} value={r.replyBy} onChange={r.setReplyBy} />
          {field('contactName', d.contactName, r.contactName, r.setContactName)}
          {field('contactPhone', d.contactPhone, r.contactPhone, r.setContactPhone, 'short')}
        </div>
      )}
      {r.kind === 'forwarding_letter' && (
        <div className="row">
          <div className="field wide">
            <label htmlFor={`${id}-summary`}>{d.summary}</label>
            <textarea id={`${id}-summary`} rows={3} value={r.summary} onChange={(e) => r.setSummary(e.target.value)} />
          </div>
        </div>
      )}
      {r.kind === 'handover' && (
        <div className="row">
          <TimeField mode="datetime" required label={d.handedOverAt} value={r.handedOverAt} onChange={r.setHandedOverAt} />
          <div className="field short">
            <label htmlFor={`${id}-medium`}>{d.mediumKind}</label>
            <select id={`${id}-medium`} value={r.mediumKind} onChange={(e) => r.setMediumKind(e.target.value as MediumKind)}>
              {mediumKinds.map((k) => <option key={k} value={k}>{d.mediumKinds[k]}</option>)}
            </select>
          </div>
          {field('mediumLabel', d.mediumLabel, r.mediumLabel, r.setMediumLabel)}
          {field('mediumCapacity', d.mediumCapacity, r.mediumCapacity, r.setMediumCapacity, 'short')}
          {field('broughtBy', d.broughtBy, r.broughtBy, r.setBroughtBy)}
        </div>
      )}
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
            <option value="">—</option>
            {authorityMarks.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </div>
        {r.mark && field('of', d.authorityOf, r.of, r.setOf)}
        {field('title', d.signerTitle, r.title, r.setTitle)}
        {field('rank', d.signerRank, r.rank, r.setRank, 'short')}
        {field('name', d.signerName, r.name, r.setName)}
      </div>
    </>
  );
}
