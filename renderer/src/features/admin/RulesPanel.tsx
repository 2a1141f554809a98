import { useState } from 'react';
import { formatVndFigures } from '../../../../electron/contract/domain/amount-words';
import { ruleCodes, type RuleCode } from '../../../../electron/contract/domain/deadlines';
import { formatDay } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { type AdminRule, RuleEntry } from '../../../../electron/contract/schemas';
import { SelectField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';
import { CatalogSays } from '../../components/CatalogSays';
import { FormFoot } from './parts';
import { useSaved } from './use-saved';

// The rules deadlines, rewards and cited legal bases follow (issue 11.2): each with its legal reference and the
// days it applies to. A new decree changing a time limit is a new rule from the day it takes effect; the old
// rule gets its last day, and reports keep the rule of the day their clock started.

type Figure = 'days' | 'complexDays' | 'years' | 'warnDays' | 'share' | 'capVnd';
/** The figures each kind of rule has (the legal bases have none). */
const figuresOf: Record<RuleCode, Figure[]> = {
  verification: ['days', 'complexDays', 'warnDays'], limitation: ['years', 'warnDays'], reward: ['share', 'capVnd'],
  working_days: [], holidays: [], personal_data: [],
};

type Draft = { id: number | null; code: RuleCode; legalRef: string; effectiveFrom: string; effectiveUntil: string } & Record<Figure, string>;

const shown = (f: Figure, v: number | null) => (v === null ? '' : f === 'share' ? String(Math.round(v * 1000) / 10).replace('.', ',') : f === 'capVnd' ? formatVndFigures(v) : String(v));

function draftOf(r: AdminRule | null): Draft {
  const figures = Object.fromEntries((['days', 'complexDays', 'years', 'warnDays', 'share', 'capVnd'] as const).map((f) => [f, shown(f, r?.[f] ?? null)])) as Record<Figure, string>;
  return { id: r?.id ?? null, code: r?.code ?? 'verification', legalRef: r?.legalRef ?? '', effectiveFrom: r?.effectiveFrom ?? '', effectiveUntil: r?.effectiveUntil ?? '', ...figures };
}

/** A figure as typed ("30", "12,5" per cent, "5.000.000") → the number kept; '' → none; anything else refused by name. */
function figure(d: Draft, f: Figure): number | null {
  if (!figuresOf[d.code].includes(f)) return null;
  // Dots group thousands in đồng; a share's decimals take a comma (or a dot, as typed on some keyboards).
  const text = f === 'share' ? d[f].trim().replace(',', '.') : d[f].replace(/[.\s]/g, '');
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (f !== 'share' && !Number.isInteger(n))) throw new Error(vi.admin.rule.badNumber(vi.admin.rule.field[f]));
  return f === 'share' ? n / 100 : n;
}

export function RulesPanel() {
  const rules = useStation('admin:rules', {}).data ?? [];
  const [editing, setEditing] = useState<Draft | null>(null);
  const taken = useSaved();
  const r = vi.admin.rule;
  return (
    <div className="admin-rules">
      <h2>{r.heading}</h2>
      <p className="muted">{r.hint}</p>
      <table>
        <thead><tr><th>{r.kind}</th><th>{r.field.legalRef}</th><th>{vi.admin.violation.effectiveFrom}</th><th /></tr></thead>
        <tbody>
          {rules.map((x) => (
            <tr key={x.id}>
              <td>
                {r.code[x.code]}{figuresOf[x.code].map((f) => (x[f] === null ? '' : `; ${r.field[f]}: ${shown(f, x[f])}`)).join('')}
                {x.edited ? ` — ${r.edited}` : ''}
                <CatalogSays says={x.catalogSays} onTake={() => void taken.run(() => call('admin:takeCatalogRule', { id: x.id }))} />
              </td>
              <td>{x.legalRef}</td>
              <td>{formatDay(x.effectiveFrom)}{x.effectiveUntil ? `–${formatDay(x.effectiveUntil)}` : ''}</td>
              <td><button type="button" className="link" aria-label={`${r.edit}: ${r.code[x.code]} ${formatDay(x.effectiveFrom)}`} onClick={() => setEditing(draftOf(x))}>{r.edit}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {taken.notice}
      {editing ? <RuleForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
        : <button type="button" onClick={() => setEditing(draftOf(null))}>{r.add}</button>}
    </div>
  );
}

function RuleForm(props: { initial: Draft; onDone: () => void }) {
  const [d, setD] = useState(props.initial);
  const saved = useSaved();
  const r = vi.admin.rule;
  const set = (key: keyof Draft) => (value: string) => setD({ ...d, [key]: value });
  const save = () => saved.run(async () => {
    const entry = RuleEntry.safeParse({
      id: d.id, code: d.code, legalRef: d.legalRef, effectiveFrom: d.effectiveFrom, effectiveUntil: d.effectiveUntil === '' ? null : d.effectiveUntil,
      days: figure(d, 'days'), complexDays: figure(d, 'complexDays'), years: figure(d, 'years'), warnDays: figure(d, 'warnDays'),
      share: figure(d, 'share'), capVnd: figure(d, 'capVnd'),
    });
    if (!entry.success) throw new Error(entry.error.issues[0]?.message ?? vi.error.invalidInput);
    await call('admin:saveRule', entry.data);
    props.onDone();
  });
  return (
    <form className="rule" aria-label={d.id === null ? r.add : r.edit} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="row">
        {d.id === null
          ? <SelectField label={r.kind} value={d.code} onChange={(v) => setD({ ...d, code: v as RuleCode })} options={ruleCodes.map((c) => ({ value: c, label: r.code[c] }))} />
          : <p><strong>{r.code[d.code]}</strong></p>}
        <TextField className="wide" label={r.field.legalRef} value={d.legalRef} onChange={set('legalRef')} />
      </div>
      {figuresOf[d.code].length > 0 && (
        <div className="row">
          {figuresOf[d.code].map((f) => <TextField key={f} label={r.field[f]} value={d[f]} onChange={set(f)} inputMode="numeric" />)}
        </div>
      )}
      <div className="row">
        <TimeField mode="date" required allowFuture label={r.field.effectiveFrom} value={d.effectiveFrom} onChange={set('effectiveFrom')} />
        <TimeField mode="date" allowFuture label={r.field.effectiveUntil} value={d.effectiveUntil} onChange={set('effectiveUntil')} />
      </div>
      <FormFoot notice={saved.notice} save={r.save} cancel={r.cancel} onCancel={props.onDone} />
    </form>
  );
}
