import { useId, useState } from 'react';
import { amountInWords, formatVndFigures, formatVndWithWords } from '../../../../electron/contract/domain/amount-words';
import { formatDay, formatStationDate, utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { feedbackMethods, MoveInput, type ReportDetail } from '../../../../electron/contract/schemas';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';
import { AgencyOptions } from './AgencyOptions';

type Kind = 'text' | 'textarea' | 'date' | 'money' | 'checkbox' | 'method' | 'restart';
interface FieldSpec { name: string; kind: Kind }

// How each move's fields are laid out; what they must hold is the contract's MoveInput, checked as typed.
const FIELDS: Record<MoveInput['move'], FieldSpec[]> = {
  dispatch: [{ name: 'note', kind: 'textarea' }],
  verify: [{ name: 'complex', kind: 'checkbox' }, { name: 'note', kind: 'textarea' }],
  sanction: [
    { name: 'decisionNumber', kind: 'text' }, { name: 'decisionDate', kind: 'date' },
    { name: 'legalBasis', kind: 'text' }, { name: 'fineVnd', kind: 'money' },
    { name: 'violatorName', kind: 'text' }, { name: 'violatorAddress', kind: 'text' },
  ],
  forward: [{ name: 'agency', kind: 'text' }, { name: 'letterNumber', kind: 'text' }],
  no_grounds: [{ name: 'reason', kind: 'textarea' }],
  false_report: [{ name: 'reason', kind: 'textarea' }],
  duplicate: [{ name: 'ofCode', kind: 'text' }],
  feedback: [{ name: 'method', kind: 'method' }, { name: 'date', kind: 'date' }, { name: 'content', kind: 'textarea' }],
  close: [{ name: 'note', kind: 'textarea' }],
  reopen: [{ name: 'restartClock', kind: 'restart' }, { name: 'reason', kind: 'textarea' }],
};

const MOTORBIKES: readonly string[] = ['motorbike', 'e_motorbike'];
const CARS: readonly string[] = ['car', 'truck', 'coach', 'bus', 'tractor', 'taxi'];

/**
 * The sanction's legal basis as the catalog gives it for the report's violations: the car or motorbike
 * article when the vehicle type (or the plate's kind) is known, else the decree alone. Still editable.
 */
export function legalBasisOf(report: ReportDetail): string {
  const vehicle = report.vehicles[0];
  const type = vehicle?.vehicleType || (vehicle?.plate?.kind === 'car' || vehicle?.plate?.kind === 'motorbike' ? vehicle.plate.kind : '');
  return report.violations.map((v) => {
    const article = MOTORBIKES.includes(type) ? v.articleMotorbike : CARS.includes(type) ? v.articleCar : null;
    return vi.workflow.legalBasis(v.legalRef, article);
  }).filter((b, i, all) => all.indexOf(b) === i).join('; ');
}

/** "2000000", "2.000.000" or "2 000 000" as typed → its digits; shown with the dots Vietnamese writes. */
const digitsOf = (typed: string) => typed.replace(/\D/g, '').replace(/^0+(?=\d)/, '').slice(0, 11);
const withDots = (digits: string) => (digits === '' ? '' : formatVndFigures(Number(digits)));

/** Who the sanction names, offered from the vehicle's driver (else owner) as recorded at intake. */
function violatorOf(report: ReportDetail): string {
  const v = report.vehicles.find((x) => x.driverName || x.ownerName);
  return v ? v.driverName || v.ownerName : '';
}

function initialValues(move: MoveInput['move'], report: ReportDetail): Record<string, string | boolean> {
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  return Object.fromEntries(FIELDS[move].map((f) => [f.name,
    f.kind === 'checkbox' ? false : f.kind === 'date' ? today : f.kind === 'method' ? 'letter' : f.name === 'legalBasis' ? legalBasisOf(report) : f.name === 'violatorName' ? violatorOf(report) : '']));
}

/** A field's value as the contract takes it: money as an integer, the reopen choice as a boolean (none yet: undefined). */
function typedValue(kind: Kind, value: string | boolean): unknown {
  if (kind === 'money') return value === '' ? undefined : Number(value);
  if (kind === 'restart') return value === 'restart' ? true : value === 'keep' ? false : undefined;
  return value;
}

function MoveForm(props: { report: ReportDetail; move: MoveInput['move']; onDone: (r: ReportDetail) => void; onCancel: () => void }) {
  const [values, setValues] = useState(() => initialValues(props.move, props.report));
  const [error, setError] = useState('');
  // Dates not understood (TimeField): the move is not sent with the date the field showed before.
  const [unreadDates, setUnreadDates] = useState<Record<string, string | null>>({});
  const id = useId();
  const fields = FIELDS[props.move];
  const typed = { move: props.move, ...Object.fromEntries(fields.map((f) => [f.name, typedValue(f.kind, values[f.name]!)])) };
  // The same schema the station checks: the move can be sent only when it would be accepted.
  const checked = MoveInput.safeParse(typed);
  const complete = checked.success && Object.values(unreadDates).every((p) => p === null);
  const submit = async () => {
    if (!checked.success) return;
    const input = checked.data;
    try {
      props.onDone(await call('report:move', { id: props.report.id, input }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form className="move-form" aria-label={vi.workflow.move[props.move]} onSubmit={(e) => { e.preventDefault(); if (complete) void submit(); }}>
      <h3>{vi.workflow.move[props.move]}</h3>
      {fields.map((f) => {
        const label = vi.workflow.fields[f.name] ?? f.name;
        const set = (v: string | boolean) => setValues((x) => ({ ...x, [f.name]: v }));
        const fid = `${id}-${f.name}`;
        if (f.kind === 'date') {
          return <TimeField key={f.name} mode="date" required label={label} value={String(values[f.name])} onChange={set}
            onProblem={(p) => setUnreadDates((x) => (x[f.name] === p ? x : { ...x, [f.name]: p }))} />;
        }
        if (f.kind === 'restart') {
          // The officer decides, no default: the verification clock restarts today, or the original deadline stands.
          return (
            <fieldset key={f.name} className="choice">
              <legend>{vi.workflow.fields.restartLegend}</legend>
              {(['restart', 'keep'] as const).map((choice) => (
                <div key={choice} className="check">
                  <input id={`${fid}-${choice}`} type="radio" name={fid} checked={values[f.name] === choice} onChange={() => set(choice)} />
                  <label htmlFor={`${fid}-${choice}`}>{choice === 'restart' ? label : vi.workflow.fields.keepClock}</label>
                </div>
              ))}
            </fieldset>
          );
        }
        if (f.kind === 'money') {
          return (
            <div key={f.name} className="field">
              <label htmlFor={fid}>{label}</label>
              <input id={fid} inputMode="numeric" autoComplete="off" value={withDots(String(values[f.name]))} onChange={(e) => set(digitsOf(e.target.value))}
                aria-describedby={`${fid}-words`} />
              {/* The amount read back in words, as the decision writes it: a slipped zero shows at once. */}
              <span id={`${fid}-words`} className="muted">{values[f.name] === '' ? '' : `${amountInWords(Number(values[f.name]))}`}</span>
            </div>
          );
        }
        if (f.kind === 'checkbox') {
          return <div key={f.name} className="check"><input id={fid} type="checkbox" checked={values[f.name] === true} onChange={(e) => set(e.target.checked)} /><label htmlFor={fid}>{label}</label></div>;
        }
        return (
          <div key={f.name} className="field">
            <label htmlFor={fid}>{label}</label>
            {f.kind === 'textarea' && <textarea id={fid} rows={2} value={String(values[f.name])} onChange={(e) => set(e.target.value)} />}
            {f.kind === 'method' && (
              <select id={fid} value={String(values[f.name])} onChange={(e) => set(e.target.value)}>
                {feedbackMethods.map((m) => <option key={m} value={m}>{vi.workflow.methods[m]}</option>)}
              </select>
            )}
            {f.kind === 'text' && (
              <input id={fid} type="text" value={String(values[f.name])} onChange={(e) => set(e.target.value)}
                list={f.name === 'agency' ? `${id}-agencies` : undefined} />
            )}
            {f.name === 'agency' && <AgencyOptions id={`${id}-agencies`} />}
          </div>
        );
      })}
      {error && <p className="notice error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={!complete}>{vi.workflow.submit}</button>
        <button type="button" onClick={props.onCancel}>{vi.workflow.cancel}</button>
      </div>
    </form>
  );
}

export function DeadlineLine({ deadline }: { deadline: ReportDetail['workflow']['deadlines'][number] }) {
  return (
    <span className={`deadline ${deadline.state}`}>
      {vi.workflow.deadline[deadline.code]}: {formatStationDate(deadline.dueAt)} ({vi.workflow.daysLeft(deadline.daysLeft)}) — {deadline.legalRef}
      {deadline.reopened && <>; {deadline.reopened.restarted
        ? vi.workflow.reopenedRestarted(formatDay(deadline.reopened.on)) : vi.workflow.reopenedKept(formatDay(deadline.reopened.on))}</>}
      {deadline.movedFrom && <>; {vi.workflow.movedFrom(formatDay(deadline.movedFrom), deadline.movedBy)}</>}
    </span>
  );
}

/** Where the report stands, what is due, and the moves it allows now. */
export function WorkflowPanel(props: { report: ReportDetail; onChange: (r: ReportDetail) => void }) {
  const [move, setMove] = useState<MoveInput['move'] | null>(null);
  const officers = useStation('session:get', {}).data?.officers ?? [];
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const id = useId();
  const { workflow } = props.report;
  const run = async (action: () => Promise<ReportDetail>) => {
    setError('');
    try {
      props.onChange(await action());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="workflow" aria-label={vi.workflow.heading}>
      <h2>{vi.workflow.heading}: {vi.status[props.report.status] ?? props.report.status}</h2>
      <ul className="deadlines">
        {workflow.deadlines.map((d) => <li key={d.code}><DeadlineLine deadline={d} /></li>)}
      </ul>
      {workflow.rewardVnd !== null && workflow.rewardRule && (
        <p>{vi.workflow.reward(formatVndWithWords(workflow.rewardVnd), String(Math.round(workflow.rewardRule.share * 100)),
          formatVndFigures(workflow.rewardRule.capVnd), workflow.rewardRule.legalRef)}</p>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-assign`}>{vi.workflow.assignedTo}</label>
          <select id={`${id}-assign`} value={workflow.assignedTo ?? ''}
            onChange={(e) => void run(() => call('report:assign', { id: props.report.id, officerId: e.target.value === '' ? null : Number(e.target.value) }))}>
            <option value="">{vi.workflow.nobody}</option>
            {officers.map((o) => <option key={o.id} value={o.id}>{o.fullName}</option>)}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-note`}>{vi.workflow.noteLabel}</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="button" disabled={note.trim() === ''}
          onClick={() => void run(() => call('report:note', { id: props.report.id, text: note })).then(() => setNote(''))}>{vi.workflow.addNote}</button>
      </div>
      {error && <p className="notice error" role="alert">{error}</p>}
      <div className="row">
        {workflow.allowedMoves.map((m) => (
          <button key={m} type="button" onClick={() => setMove(m as MoveInput['move'])} aria-pressed={move === m}>{vi.workflow.move[m] ?? m}</button>
        ))}
      </div>
      {move && (
        <MoveForm key={move} report={props.report} move={move} onCancel={() => setMove(null)}
          onDone={(r) => { setMove(null); props.onChange(r); }} />
      )}
    </section>
  );
}
