import { useId, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { type Agency, agencyKinds } from '../../../../electron/contract/schemas';
import { CatalogSays } from '../../components/CatalogSays';
import { call, useStation } from '../../lib/api';

const blank: Agency = { id: null, name: '', kind: 'urban_management', address: '', email: '' };

/** The agencies reports are forwarded to (Today's screen and the admin's): the catalog's, edited and added here; an edited one keeps its edit through new catalog versions. */
export function AgencyDirectory() {
  const agencies = useStation('agency:list', {}).data ?? [];
  const [editing, setEditing] = useState<Agency>(blank);
  const [error, setError] = useState('');
  const id = useId();
  const a = vi.agencies;
  const save = async () => {
    setError('');
    try {
      await call('agency:save', editing); // the list is read again (lib/api.ts)
      setEditing(blank);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const set = (key: keyof Agency) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setEditing((x) => ({ ...x, [key]: e.target.value }));
  return (
    <section className="agencies" aria-label={a.heading}>
      <h2>{a.heading}</h2>
      <ul>
        {agencies.map((g) => (
          <li key={g.id}>
            <button type="button" className="link" onClick={() => setEditing({ id: g.id, name: g.name, kind: g.kind, address: g.address, email: g.email })}>{g.name}</button>
            {' '}— {a.kind[g.kind]}{g.address ? `, ${g.address}` : ''}{g.email ? `, ${g.email}` : ''}
            <CatalogSays says={g.catalogSays} onTake={() => void call('agency:takeCatalog', { id: g.id! }).catch((e: Error) => setError(e.message))} />
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label={editing.id ? a.edit : a.add}>
        <div className="field wide"><label htmlFor={`${id}-name`}>{a.name}</label><input id={`${id}-name`} value={editing.name} onChange={set('name')} /></div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{a.kindLabel}</label>
          <select id={`${id}-kind`} value={editing.kind} onChange={set('kind')}>{agencyKinds.map((k) => <option key={k} value={k}>{a.kind[k]}</option>)}</select>
        </div>
        <div className="field"><label htmlFor={`${id}-address`}>{a.address}</label><input id={`${id}-address`} value={editing.address} onChange={set('address')} /></div>
        <div className="field"><label htmlFor={`${id}-email`}>{a.email}</label><input id={`${id}-email`} type="email" value={editing.email} onChange={set('email')} /></div>
        <button type="submit" disabled={editing.name.trim() === ''}>{editing.id ? a.edit : a.add}</button>
      </form>
      {error && <p className="notice error" role="alert">{error}</p>}
    </section>
  );
}
