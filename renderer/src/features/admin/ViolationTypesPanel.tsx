import { useState } from 'react';
import { formatVndFigures } from '../../../../electron/contract/domain/amount-words';
import { formatDay } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { type AdminViolationType, ViolationTypeEntry } from '../../../../electron/contract/schemas';
import { CheckField, TextField } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';
import { CatalogSays } from '../../components/CatalogSays';
import { FormFoot } from './parts';
import { useSaved } from './use-saved';

// The violation types the intake screen offers and the documents cite (issue 11.2): the article per vehicle class,
// the fine ranges and the days in force, as the admin keeps them; where a shipped catalog's newer version says
// otherwise on a row the admin edited, the row says so and the admin may take the catalog's values.

type Draft = Record<'code' | 'name' | 'legalRef' | 'articleCar' | 'articleMotorbike' | 'fineCarFrom' | 'fineCarTo' | 'fineMotorbikeFrom'
  | 'fineMotorbikeTo' | 'effectiveFrom' | 'effectiveUntil', string> & { isNew: boolean; active: boolean };

const money = (v: number | null) => (v === null ? '' : formatVndFigures(v));
const range = (from: number | null, to: number | null) => (from === null && to === null ? '' : `${money(from)}–${money(to)}`);

function draftOf(v: AdminViolationType | null): Draft {
  return {
    isNew: v === null, active: v?.active ?? true, code: v?.code ?? '', name: v?.name ?? '', legalRef: v?.legalRef ?? '',
    articleCar: v?.articleCar ?? '', articleMotorbike: v?.articleMotorbike ?? '', fineCarFrom: money(v?.fineCarFrom ?? null),
    fineCarTo: money(v?.fineCarTo ?? null), fineMotorbikeFrom: money(v?.fineMotorbikeFrom ?? null), fineMotorbikeTo: money(v?.fineMotorbikeTo ?? null),
    effectiveFrom: v?.effectiveFrom ?? '', effectiveUntil: v?.effectiveUntil ?? '',
  };
}

/** "18.000.000" or "18000000" → 18000000; '' → null; anything else is refused by its field's name. */
function amount(text: string, field: string): number | null {
  const digits = text.replace(/[.\s]/g, '');
  if (digits === '') return null;
  if (!/^\d{1,11}$/.test(digits)) throw new Error(vi.admin.violation.badFine(field));
  return Number(digits);
}

export function ViolationTypesPanel() {
  const types = useStation('admin:violationTypes', {}).data ?? [];
  const versions = useStation('admin:catalogVersions', {}).data ?? [];
  const version = versions.find((v) => v.name === 'violation-types')?.version ?? '';
  const [editing, setEditing] = useState<Draft | null>(null);
  const taken = useSaved();
  const v = vi.admin.violation;
  return (
    <div className="admin-violations">
      <h2>{v.heading}</h2>
      <p className="muted">{v.versions(versions.map((x) => `${x.name} ${x.version}`).join(', '))}</p>
      <table>
        <thead><tr><th>{v.name}</th><th>{v.articleCar}</th><th>{v.articleMotorbike}</th><th>{v.fineCar}</th><th>{v.fineMotorbike}</th><th>{v.effectiveFrom}</th><th /></tr></thead>
        <tbody>
          {types.map((t) => (
            <tr key={t.code} className={t.active ? '' : 'muted'}>
              <td>
                {t.name}{t.active ? '' : ` (${v.inactive})`}{t.edited ? ` — ${v.edited}` : ''}
                <CatalogSays says={t.catalogSays} version={version} onTake={() => void taken.run(() => call('admin:takeCatalogValue', { code: t.code }))} />
              </td>
              <td>{t.articleCar ?? ''}</td>
              <td>{t.articleMotorbike ?? ''}</td>
              <td>{range(t.fineCarFrom, t.fineCarTo)}</td>
              <td>{range(t.fineMotorbikeFrom, t.fineMotorbikeTo)}</td>
              <td>{formatDay(t.effectiveFrom)}{t.effectiveUntil ? `–${formatDay(t.effectiveUntil)}` : ''}</td>
              <td><button type="button" className="link" aria-label={`${v.edit}: ${t.name}`} onClick={() => setEditing(draftOf(t))}>{v.edit}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {taken.notice}
      {editing ? <ViolationTypeForm key={editing.code || 'new'} initial={editing} onDone={() => setEditing(null)} />
        : <button type="button" onClick={() => setEditing(draftOf(null))}>{v.add}</button>}
    </div>
  );
}

function ViolationTypeForm(props: { initial: Draft; onDone: () => void }) {
  const [d, setD] = useState(props.initial);
  const saved = useSaved();
  const v = vi.admin.violation;
  const set = (key: keyof Draft) => (value: string) => setD({ ...d, [key]: value });
  const save = () => saved.run(async () => {
    const entry = ViolationTypeEntry.safeParse({
      ...d, effectiveUntil: d.effectiveUntil === '' ? null : d.effectiveUntil,
      fineCarFrom: amount(d.fineCarFrom, `${v.fineCar} ${v.from}`), fineCarTo: amount(d.fineCarTo, `${v.fineCar} ${v.to}`),
      fineMotorbikeFrom: amount(d.fineMotorbikeFrom, `${v.fineMotorbike} ${v.from}`), fineMotorbikeTo: amount(d.fineMotorbikeTo, `${v.fineMotorbike} ${v.to}`),
    });
    if (!entry.success) throw new Error(entry.error.issues[0]?.message ?? vi.error.invalidInput);
    // The station takes the values as typed (its contract parses them again); empty articles become none there.
    await call('admin:saveViolationType', { ...entry.data, articleCar: entry.data.articleCar ?? '', articleMotorbike: entry.data.articleMotorbike ?? '' });
    props.onDone();
  });
  return (
    <form className="violation-type" aria-label={d.isNew ? v.add : v.edit} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="row">
        {d.isNew && <TextField label={v.code} value={d.code} onChange={set('code')} autoFocus />}
        <TextField className="wide" label={v.name} value={d.name} onChange={set('name')} autoFocus={!d.isNew} />
      </div>
      <div className="row">
        <TextField label={v.legalRef} value={d.legalRef} onChange={set('legalRef')} />
        <TextField label={v.articleCar} value={d.articleCar} onChange={set('articleCar')} />
        <TextField label={v.articleMotorbike} value={d.articleMotorbike} onChange={set('articleMotorbike')} />
      </div>
      <div className="row">
        <TextField label={`${v.fineCar} ${v.from}`} value={d.fineCarFrom} onChange={set('fineCarFrom')} inputMode="numeric" />
        <TextField label={`${v.fineCar} ${v.to}`} value={d.fineCarTo} onChange={set('fineCarTo')} inputMode="numeric" />
        <TextField label={`${v.fineMotorbike} ${v.from}`} value={d.fineMotorbikeFrom} onChange={set('fineMotorbikeFrom')} inputMode="numeric" />
        <TextField label={`${v.fineMotorbike} ${v.to}`} value={d.fineMotorbikeTo} onChange={set('fineMotorbikeTo')} inputMode="numeric" />
      </div>
      <div className="row">
        <TimeField mode="date" required allowFuture label={v.effectiveFrom} value={d.effectiveFrom} onChange={set('effectiveFrom')} />
        <TimeField mode="date" allowFuture label={v.effectiveUntil} value={d.effectiveUntil} onChange={set('effectiveUntil')} />
        <CheckField label={v.active} checked={d.active} onChange={(active) => setD({ ...d, active })} />
      </div>
      <FormFoot notice={saved.notice} save={v.save} cancel={v.cancel} onCancel={props.onDone} />
    </form>
  );
}
