import { useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { roles } from '../../../../electron/contract/domain/permissions';
import { type AdminOfficer, OfficerEntry, UnitInput } from '../../../../electron/contract/schemas';
import { CheckField, TextField } from '../../components/Field';
import { AgencyDirectory } from '../workflow/AgencyDirectory';
import { call, useStation } from '../../lib/api';
import { hotlinesOf, UnitFields, unitInputOf } from './UnitForm';
import { FormFoot } from './parts';
import { useSaved } from './use-saved';
import { LegalDocumentsPanel } from './LegalDocumentsPanel';
import { RulesPanel } from './RulesPanel';
import { SettingsPanel } from './SettingsPanel';
import { ViolationTypesPanel } from './ViolationTypesPanel';

// The admin's screen (issue 11.2): the unit, its officers, the violation types, the rules and the legal texts
// cited, the agencies, the settings. What is saved here is read by every desk on its next call; each save is an
// audit line.

const tabs = ['unit', 'officers', 'violations', 'rules', 'agencies', 'settings'] as const;

export function AdminPage() {
  const [tab, setTab] = useState<(typeof tabs)[number]>('unit');
  const t = vi.admin.tabs;
  return (
    <section className="admin" aria-labelledby="admin-heading">
      <h1 id="admin-heading">{vi.admin.heading}</h1>
      <div role="tablist" className="subtabs">
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className="subtab" onClick={() => setTab(k)}>{t[k]}</button>
        ))}
      </div>
      {tab === 'unit' && <UnitPanel />}
      {tab === 'officers' && <OfficersPanel />}
      {tab === 'violations' && <ViolationTypesPanel />}
      {tab === 'rules' && <><RulesPanel /><LegalDocumentsPanel /></>}
      {tab === 'agencies' && <AgencyDirectory />}
      {tab === 'settings' && <SettingsPanel />}
    </section>
  );
}

function UnitPanel() {
  const session = useStation('session:get', {}).data;
  const catalog = useStation('catalog:get', {}).data;
  if (!session || !catalog) return <p className="loading">{vi.app.loading}</p>;
  return <UnitEditor key={session.unit.id} initial={unitInputOf(session.unit)} provinces={catalog.provinces} communes={catalog.communes} />;
}

function UnitEditor(props: { initial: UnitInput; provinces: { code: string; name: string }[]; communes: { code: string; name: string; provinceCode: string }[] }) {
  const [unit, setUnit] = useState(props.initial);
  const [hotlines, setHotlines] = useState(props.initial.hotlines.join('\n'));
  const saved = useSaved();
  const save = () => saved.run(async () => {
    const checked = UnitInput.safeParse({ ...unit, hotlines: hotlinesOf(hotlines) });
    if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? vi.error.invalidInput);
    await call('admin:saveUnit', checked.data);
  });
  return (
    <form className="admin-unit" aria-label={vi.admin.tabs.unit} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <UnitFields value={unit} onChange={setUnit} hotlinesText={hotlines} onHotlinesText={setHotlines} provinces={props.provinces} communes={props.communes} />
      {saved.notice}
      <button type="submit" className="primary">{vi.admin.unit.save}</button>
    </form>
  );
}

const blankOfficer: OfficerEntry = { id: null, fullName: '', rank: '', roles: ['duty'], active: true, login: '', password: '' };

function OfficersPanel() {
  const officers = useStation('admin:officers', {}).data ?? [];
  const [editing, setEditing] = useState<OfficerEntry | null>(null);
  const o = vi.admin.officer;
  // An earlier version's officers may hold roles no longer known: the form offers today's.
  const edit = (x: AdminOfficer) => setEditing({
    id: x.id, fullName: x.fullName, rank: x.rank, roles: roles.filter((r) => x.roles.includes(r)), active: x.active, login: '', password: '',
  });
  return (
    <div className="admin-officers">
      <h2>{o.heading}</h2>
      <table>
        <thead><tr><th>{o.fullName}</th><th>{o.rank}</th><th>{o.roles}</th><th>{o.account}</th><th /></tr></thead>
        <tbody>
          {officers.map((x) => (
            <tr key={x.id} className={x.active ? '' : 'muted'}>
              <td>{x.fullName}{x.active ? '' : ` (${o.inactive})`}</td>
              <td>{x.rank}</td>
              <td>{x.roles.map((r) => vi.auth.role[r as (typeof roles)[number]] ?? r).join(', ')}</td>
              <td>{x.login ? `${x.login}${x.holdsKey ? '' : ` — ${o.keyMissing}`}` : o.noAccount}</td>
              <td><button type="button" className="link" onClick={() => edit(x)} aria-label={`${o.edit}: ${x.fullName}`}>{o.edit}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? <OfficerForm key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
        : <button type="button" onClick={() => setEditing(blankOfficer)}>{o.add}</button>}
    </div>
  );
}

function OfficerForm(props: { initial: OfficerEntry; onDone: () => void }) {
  const [x, setX] = useState(props.initial);
  const saved = useSaved();
  const o = vi.admin.officer;
  const set = <K extends keyof OfficerEntry>(key: K) => (v: OfficerEntry[K]) => setX({ ...x, [key]: v });
  const toggle = (role: (typeof roles)[number]) => (on: boolean) => set('roles')(on ? [...x.roles, role] : x.roles.filter((r) => r !== role));
  const save = () => saved.run(async () => {
    const checked = OfficerEntry.safeParse(x);
    if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? vi.error.invalidInput);
    await call('admin:saveOfficer', checked.data);
    props.onDone();
  });
  return (
    <form className="officer" aria-label={x.id ? o.edit : o.add} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="row">
        <TextField label={o.fullName} value={x.fullName} onChange={set('fullName')} autoFocus />
        <TextField label={o.rank} value={x.rank} onChange={set('rank')} />
        <CheckField label={o.active} checked={x.active} onChange={set('active')} />
      </div>
      <fieldset>
        <legend>{o.roles}</legend>
        <div className="row">{roles.map((r) => <CheckField key={r} label={vi.auth.role[r]} checked={x.roles.includes(r)} onChange={toggle(r)} />)}</div>
      </fieldset>
      <div className="row">
        <TextField label={o.login} value={x.login} onChange={set('login')} autoComplete="off" />
        <TextField label={o.password} value={x.password} onChange={set('password')} type="password" autoComplete="new-password" note={o.passwordHint} />
      </div>
      <FormFoot notice={saved.notice} save={o.save} cancel={o.cancel} onCancel={props.onDone} />
    </form>
  );
}
