import { useEffect, useState } from 'react';
import type { Agency } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';

/** The agency directory as suggestions for an input (`list={id}`): pick one or type another. */
export function AgencyOptions(props: { id: string }) {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => { call('agency:list', {}).then(setAgencies, () => setAgencies([])); }, []);
  return <datalist id={props.id}>{agencies.map((a) => <option key={a.id} value={a.name} />)}</datalist>;
}
