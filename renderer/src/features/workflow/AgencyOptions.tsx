import { useStation } from '../../lib/api';

/** The agency directory as suggestions for an input (`list={id}`): pick one or type another. */
export function AgencyOptions(props: { id: string }) {
  const agencies = useStation('agency:list', {}).data ?? [];
  return <datalist id={props.id}>{agencies.map((a) => <option key={a.id} value={a.name} />)}</datalist>;
}
