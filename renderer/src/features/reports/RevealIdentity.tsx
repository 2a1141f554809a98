import { useId, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReporterIdentity } from '../../../../electron/contract/schemas';
import { Item } from '../../components/Item';
import { call } from '../../lib/api';
import { saveFile } from '../../lib/files';

/**
 * An act on the reporter's identity that needs its reason (written in the history with the act): asked for
 * when the officer opens it, sent when at least three characters say why.
 */
function ReasonForm(props: { open: string; label: string; confirm: string; run: (reason: string) => Promise<void>; linkStyle?: boolean }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const id = useId();
  const submit = async () => {
    setError('');
    try {
      await props.run(reason);
      setAsking(false); // done: the next act asks for its own reason
      setReason('');
    } catch (e) { setError((e as Error).message); }
  };
  if (!asking) return <button type="button" className={props.linkStyle ? 'link' : undefined} onClick={() => setAsking(true)}>{props.open}</button>;
  return (
    <>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="field wide">
          <label htmlFor={`${id}-reason`}>{props.label}</label>
          <input id={`${id}-reason`} autoFocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" disabled={reason.trim().length < 3}>{props.confirm}</button>
        <button type="button" onClick={() => { setAsking(false); setError(''); }}>{vi.documents.cancel}</button>
      </form>
      {error && <p className="notice error" role="alert">{error}</p>}
    </>
  );
}

/**
 * The reporter's identity stays hidden until an officer allowed to see it gives the reason; the look and its
 * reason go into the report's history (the call refreshes the report: see lib/api.ts). Seen, it may be erased
 * at the reporter's request (NĐ 356/2025), again with a reason: the report stays, anonymous.
 */
export function RevealIdentity(props: { reportId: number; reportCode: string }) {
  const [identity, setIdentity] = useState<ReporterIdentity | null>(null);
  const d = vi.detail;
  if (!identity) {
    return (
      <div>
        <p>{d.reporterHidden}</p>
        <ReasonForm open={d.reveal} label={d.revealReason} confirm={d.revealConfirm}
          run={async (reason) => setIdentity(await call('report:revealReporter', { id: props.reportId, reason }))} />
      </div>
    );
  }
  return (
    <>
      <dl className="facts">
        <Item label={vi.form.fullName} value={identity.fullName} />
        <Item label={vi.form.birthYear} value={identity.birthYear} />
        <Item label={vi.form.cccd} value={identity.cccd} />
        <Item label={vi.form.address} value={identity.address} />
        <Item label={vi.form.phone} value={identity.phone} />
        <Item label={vi.form.callerPhone} value={identity.callerPhone} />
        <Item label={d.confirmedReports} value={String(identity.confirmedReports)} />
      </dl>
      <ReasonForm open={d.exportPerson} label={d.exportReason} confirm={d.exportConfirm} linkStyle
        run={async (reason) => {
          const out = await call('report:exportReporter', { id: props.reportId, reason });
          const stem = vi.reporterExport.fileStem(props.reportCode);
          saveFile(`${stem}.pdf`, out.pdfBase64, 'application/pdf');
          saveFile(`${stem}.json`, out.jsonBase64, 'application/json');
        }} />
      <ReasonForm open={d.erase} label={d.eraseReason} confirm={d.eraseConfirm} linkStyle
        run={async (reason) => { await call('report:eraseReporter', { id: props.reportId, reason }); setIdentity(null); }} />
    </>
  );
}
