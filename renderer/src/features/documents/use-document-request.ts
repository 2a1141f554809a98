import { useState } from 'react';
import { localToUtcIso, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { authorityMarks, DocumentRequest, mediumKinds } from '../../../../electron/contract/schemas';
import { useStation } from '../../lib/api';

export type DocumentKind = DocumentRequest['kind'];
export type AuthorityMark = '' | (typeof authorityMarks)[number];
export type MediumKind = (typeof mediumKinds)[number];

// The reply date a letter asks of the agency: 15 days from today by default, half of the 30 days the unit
// itself has to verify and answer a report (NĐ 61/2026), so the agency's answer still comes in time to tell
// the reporter. The officer changes it for a complex case.
const REPLY_DAYS = 15;

function daysFromToday(days: number): string {
  return utcIsoToLocal(new Date(Date.now() + days * 86_400_000)).slice(0, 10);
}

/** What the officer fills in for a document: its kind, what that kind asks for, and who signs it. */
export function useDocumentRequest(description: string) {
  const session = useStation('session:get', {}).data;
  const [kind, setKind] = useState<DocumentKind>('forwarding_letter');
  const [agency, setAgency] = useState('');
  const [replyBy, setReplyBy] = useState(() => daysFromToday(REPLY_DAYS));
  // The contact defaults to the officer at the desk and the unit's hotline, until the officer types another.
  const [contactName, setContactName] = useState<string | null>(null);
  const [contactPhone, setContactPhone] = useState<string | null>(null);
  // The letter's account of the report starts from its description, for the officer to review.
  const [summary, setSummary] = useState<string | null>(null);
  const [handedOverAt, setHandedOverAt] = useState(() => utcIsoToLocal(new Date()));
  const [mediumKind, setMediumKind] = useState<MediumKind>('usb');
  const [mediumLabel, setMediumLabel] = useState('');
  const [mediumCapacity, setMediumCapacity] = useState('');
  const [broughtBy, setBroughtBy] = useState('');
  const [mark, setMark] = useState<AuthorityMark>('KT.');
  // The unit's head and deputy (the admin keeps their titles) until the officer types another.
  const [ofTyped, setOf] = useState<string | null>(null);
  const [titleTyped, setTitle] = useState<string | null>(null);
  // The signer is most often a leader, not the officer at the desk: no rank is assumed.
  const [rank, setRank] = useState('');
  const [name, setName] = useState('');
  const [recipientTyped, setRecipient] = useState<string | null>(null);
  const of = ofTyped ?? session?.unit.headTitle ?? '';
  const title = titleTyped ?? session?.unit.deputyTitle ?? '';
  const recipient = recipientTyped ?? session?.unit.headTitle ?? '';
  const [findings, setFindings] = useState('');
  const [proposal, setProposal] = useState('');

  const contact = {
    name: contactName ?? session?.officer.fullName ?? '',
    phone: contactPhone ?? session?.unit.hotlines[0] ?? '',
  };
  const signer = { authority: mark ? { mark, of } : null, title, rank, name };
  const request = (): DocumentRequest => {
    if (kind === 'forwarding_letter') return { kind, params: { agency, replyBy, contact, summary: summary ?? description, signer } };
    if (kind === 'verification') return { kind, params: { recipient, findings, proposal, signer } };
    if (kind === 'handover') {
      return {
        kind,
        params: {
          handedOverAt: handedOverAt ? localToUtcIso(handedOverAt) : '',
          medium: { kind: mediumKind, label: mediumLabel, capacity: mediumCapacity, broughtBy },
          signer,
        },
      };
    }
    return { kind, params: { signer } };
  };
  // The same schema the station checks: the request can be sent only when it would be accepted.
  const complete = DocumentRequest.safeParse(request()).success;

  return {
    kind, setKind, agency, setAgency, replyBy, setReplyBy, summary: summary ?? description, setSummary,
    contactName: contact.name, setContactName, contactPhone: contact.phone, setContactPhone,
    handedOverAt, setHandedOverAt, mediumKind, setMediumKind, mediumLabel, setMediumLabel, mediumCapacity, setMediumCapacity,
    broughtBy, setBroughtBy,
    mark, setMark, of, setOf, title, setTitle, rank, setRank, name, setName,
    recipient, setRecipient, findings, setFindings, proposal, setProposal, request, complete,
  };
}

export type DocumentRequestState = ReturnType<typeof useDocumentRequest>;
