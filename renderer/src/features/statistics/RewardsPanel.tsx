import { useMemo, useState } from 'react';
import { allows } from '../../../../electron/contract/domain/permissions';
import { formatVndFigures } from '../../../../electron/contract/domain/amount-words';
import { formatDay, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { RewardLine, Session } from '../../../../electron/contract/schemas';
import { SelectField } from '../../components/Field';
import { call, useStation } from '../../lib/api';
import { saveFile } from '../../lib/files';
import { presets } from './periods';

// Rewards (issue 12.3): the sanctions of a period with the reward each proposes, approved by a leader, then paid.

const r = () => vi.rewards;

export function RewardsPanel(props: { session: Session; onOpen: (id: number) => void }) {
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const choices = useMemo(() => presets(props.session.unit.periodRule, today), [props.session.unit.periodRule, today]);
  const [preset, setPreset] = useState('year');
  const period = choices.find((c) => c.key === preset)!.period;
  const list = useStation('rewards:list', period);
  const roles = useStation('auth:state', {}).data?.officer?.roles ?? [];
  const mayDecide = allows('rewards', roles);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const act = async (line: RewardLine, status: RewardLine['status'], note: string, amountVnd: number | null) => {
    setMessage(null);
    if (amountVnd !== null && !Number.isSafeInteger(amountVnd)) {
      setMessage({ text: r().badAmount(line.code), error: true });
      return;
    }
    try {
      await call('rewards:set', { reportId: line.reportId, status, amountVnd, note });
      await list.refetch();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
      await list.refetch();
    }
  };
  const print = async () => {
    setMessage(null);
    try {
      saveFile(`danh-sach-thuong-${period.from}-${period.to}.pdf`, (await call('rewards:pdf', period)).pdfBase64, 'application/pdf');
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    }
  };
  const c = r().columns;
  return (
    <div className="rewards">
      <div className="row">
        <SelectField label={vi.statistics.filters.period} value={preset} onChange={setPreset} options={choices.map((x) => ({ value: x.key, label: x.label }))} />
        <button type="button" onClick={() => void print()}>{r().printList}</button>
      </div>
      <p className="muted">{vi.statistics.periodShown(formatDay(period.from), formatDay(period.to))}</p>
      {message && <p className={message.error ? 'notice error' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {list.error && <p className="notice error" role="alert">{list.error.message}</p>}
      {list.data && list.data.length === 0 && <p className="muted">{r().none}</p>}
      {list.data && list.data.length > 0 && (
        <table className="reports rewards-table">
          <thead>
            <tr>{[c.code, c.decision, c.reporter, c.fine, c.proposed, c.amount, c.status, c.note, ...(mayDecide ? [c.actions] : [])].map((h) => <th key={h} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {list.data.map((line) => <RewardRow key={line.reportId} line={line} mayDecide={mayDecide} onAct={act} onOpen={props.onOpen} />)}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RewardRow(props: {
  line: RewardLine; mayDecide: boolean; onAct: (line: RewardLine, status: RewardLine['status'], note: string, amountVnd: number | null) => Promise<void>; onOpen: (id: number) => void;
}) {
  const { line } = props;
  const [note, setNote] = useState(line.note);
  // A leader may approve less than proposed: the amount as typed ("2.000.000"), its digits sent.
  const [amount, setAmount] = useState(formatVndFigures(line.amountVnd));
  const approving = props.mayDecide && line.status === 'proposed' && line.reporter !== null;
  const moves: [RewardLine['status'], string][] = line.status === 'proposed' ? (line.reporter ? [['approved', r().approve]] : [])
    : line.status === 'approved' ? [['paid', r().pay], ['proposed', r().undo]] : [];
  return (
    <tr data-reward={line.code}>
      <td><button type="button" className="link" onClick={() => props.onOpen(line.reportId)}>{line.code}</button></td>
      <td>{line.decisionNumber} {formatDay(line.decidedDay)}</td>
      <td>{line.reporter ?? r().anonymousReporter}</td>
      <td className="num">{formatVndFigures(line.fineVnd)}</td>
      <td className="num">{formatVndFigures(line.proposedVnd)}</td>
      <td className="num">{approving
        ? <input aria-label={`${r().columns.amount} ${line.code}`} inputMode="numeric" size={11} value={amount} onChange={(e) => setAmount(e.target.value)} />
        : formatVndFigures(line.amountVnd)}</td>
      <td>{line.standing ? r().status[line.status] : `${r().status[line.status]} (${r().reopened})`}</td>
      <td>{props.mayDecide && moves.length > 0
        ? <input aria-label={`${r().notePrompt} ${line.code}`} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        : line.note}</td>
      {props.mayDecide && (
        <td className="nowrap">{moves.map(([status, label]) => (
          <button key={status} type="button" onClick={() => void props.onAct(line, status, note, status === 'approved' ? Number(amount.replace(/\D/g, '') || 'NaN') : null)}>{label}</button>
        ))}</td>
      )}
    </tr>
  );
}
