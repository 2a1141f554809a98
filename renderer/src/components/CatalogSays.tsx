import { vi } from '../../../electron/contract/messages.vi';

/** On a row the admin edited: where a newer shipped catalog says otherwise, and a button to take its values. */
export function CatalogSays(props: { says: { field: string; value: string }[]; version?: string; onTake: () => void }) {
  if (props.says.length === 0) return null;
  const v = vi.admin.violation;
  return (
    <div className="note warn">
      {v.catalogSays(props.version ?? '')} {props.says.map((c) => `${c.field}: ${c.value}`).join('; ')}.{' '}
      <button type="button" className="link" onClick={props.onTake}>{v.takeCatalog}</button>
    </div>
  );
}
