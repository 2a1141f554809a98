import { useMemo } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Commune, Province, Unit, UnitInput } from '../../../../electron/contract/schemas';
import { CheckField, SelectField, TextField } from '../../components/Field';
import { periodRules } from '../../../../electron/contract/domain/statistics';

// The unit as the admin keeps it: the first run's setup screen and the admin screen's unit tab share it. The
// letterhead's two lines, the place on the date line and the symbols in document numbers print as typed here.

export const blankUnit: UnitInput = {
  name: '', parentName: '', provinceCode: '', communeCode: '', address: '', placeName: '', documentSymbol: '', draftingSymbol: '',
  printsRanks: true, headTitle: '', deputyTitle: '', hotlines: [], email: '', zalo: '', fanpage: '', vnetraffic: '', periodRule: 'calendar',
};

export function unitInputOf(u: Unit): UnitInput {
  return {
    name: u.name, parentName: u.parentName ?? '', provinceCode: u.provinceCode, communeCode: u.communeCode, address: u.address,
    placeName: u.placeName, documentSymbol: u.documentSymbol, draftingSymbol: u.draftingSymbol, printsRanks: u.printsRanks,
    headTitle: u.headTitle, deputyTitle: u.deputyTitle, hotlines: u.hotlines, email: u.email, zalo: u.zalo, fanpage: u.fanpage, vnetraffic: u.vnetraffic,
    periodRule: u.periodRule,
  };
}

/** The hotlines box keeps what is typed (blank lines while typing); the input takes the numbers. */
export const hotlinesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export function UnitFields(props: {
  value: UnitInput; onChange: (u: UnitInput) => void; hotlinesText: string; onHotlinesText: (t: string) => void;
  provinces: Province[]; communes: Commune[]; first?: boolean;
}) {
  const { value: u, onChange } = props;
  const a = vi.admin.unit;
  const set = <K extends keyof UnitInput>(key: K) => (v: UnitInput[K]) => onChange({ ...u, [key]: v });
  const communes = useMemo(() => props.communes.filter((c) => c.provinceCode === u.provinceCode), [props.communes, u.provinceCode]);
  return (
    <>
      <TextField label={a.parentName} value={u.parentName} onChange={set('parentName')} note={a.parentHint} autoFocus={props.first} />
      <TextField label={a.name} value={u.name} onChange={set('name')} note={a.nameHint} />
      <div className="row">
        <SelectField label={a.province} value={u.provinceCode} onChange={(code) => onChange({ ...u, provinceCode: code, communeCode: '' })}
          options={[{ value: '', label: vi.form.choose }, ...props.provinces.map((p) => ({ value: p.code, label: p.name }))]} />
        <SelectField label={a.commune} value={u.communeCode} onChange={set('communeCode')}
          options={[{ value: '', label: vi.form.choose }, ...communes.map((c) => ({ value: c.code, label: c.name }))]} />
      </div>
      <TextField label={a.address} value={u.address} onChange={set('address')} className="wide" />
      <div className="row">
        <TextField label={a.placeName} value={u.placeName} onChange={set('placeName')} note={a.placeHint} />
        <TextField label={a.documentSymbol} value={u.documentSymbol} onChange={set('documentSymbol')} />
        <TextField label={a.draftingSymbol} value={u.draftingSymbol} onChange={set('draftingSymbol')} />
      </div>
      <div className="row">
        <TextField label={a.headTitle} value={u.headTitle} onChange={set('headTitle')} />
        <TextField label={a.deputyTitle} value={u.deputyTitle} onChange={set('deputyTitle')} />
        <CheckField label={a.printsRanks} checked={u.printsRanks} onChange={set('printsRanks')} />
      </div>
      <SelectField label={a.periodRule} value={u.periodRule} onChange={(v) => set('periodRule')(v as UnitInput['periodRule'])}
        options={periodRules.map((r) => ({ value: r, label: a.periodRules[r] }))} />
      <fieldset>
        <legend>{a.contactHeading}</legend>
        <HotlinesBox text={props.hotlinesText} onChange={props.onHotlinesText} />
        <div className="row">
          <TextField label={a.email} value={u.email} onChange={set('email')} type="email" />
          <TextField label={a.zalo} value={u.zalo} onChange={set('zalo')} />
        </div>
        <div className="row">
          <TextField label={a.fanpage} value={u.fanpage} onChange={set('fanpage')} />
          <TextField label={a.vnetraffic} value={u.vnetraffic} onChange={set('vnetraffic')} />
        </div>
      </fieldset>
    </>
  );
}

function HotlinesBox(props: { text: string; onChange: (t: string) => void }) {
  const a = vi.admin.unit;
  return (
    <div className="field">
      <label htmlFor="unit-hotlines">{a.hotlines}</label>
      <textarea id="unit-hotlines" rows={3} value={props.text} onChange={(e) => props.onChange(e.target.value)} aria-describedby="unit-hotlines-note" />
      <div id="unit-hotlines-note" className="note">{a.hotlinesHint}</div>
    </div>
  );
}
