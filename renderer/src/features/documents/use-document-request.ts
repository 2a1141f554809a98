import { useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { DocumentRequest } from '../../../../electron/contract/schemas';

export type DocumentKind = DocumentRequest['kind'];
export type AuthorityMark = '' | 'TM.' | 'KT.' | 'Q.';

/** What the officer fills in for a document: its kind, what that kind asks for, and who signs it. */
export function useDocumentRequest() {
  const [kind, setKind] = useState<DocumentKind>('forwarding_letter');
  const [agency, setAgency] = useState('');
  const [mark, setMark] = useState<AuthorityMark>('KT.');
  const [of, setOf] = useState<string>(vi.documents.defaultSigner.of);
  const [title, setTitle] = useState<string>(vi.documents.defaultSigner.title);
  const [name, setName] = useState('');
  const [recipient, setRecipient] = useState<string>(vi.documents.defaultSigner.recipient);
  const [findings, setFindings] = useState('');
  const [proposal, setProposal] = useState('');

  const signer = { authority: mark ? { mark, of } : null, title, name };
  const request = (): DocumentRequest => {
    if (kind === 'forwarding_letter') return { kind, params: { agency, signer } };
    if (kind === 'verification') return { kind, params: { recipient, findings, proposal, signer } };
    return { kind, params: { signer } };
  };
  // The same schema the station checks: the request can be sent only when it would be accepted.
  const complete = DocumentRequest.safeParse(request()).success;

  return {
    kind, setKind, agency, setAgency, mark, setMark, of, setOf, title, setTitle, name, setName,
    recipient, setRecipient, findings, setFindings, proposal, setProposal, request, complete,
  };
}

export type DocumentRequestState = ReturnType<typeof useDocumentRequest>;
