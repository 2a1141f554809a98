import type { ReactNode } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';

// What the admin's catalog panels share: the note on a row the admin edited where a shipped catalog's newer version
// says otherwise, and the foot of an edit form.

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

export function FormFoot(props: { notice: ReactNode; save: string; cancel: string; onCancel: () => void }) {
  return (
    <>
      {props.notice}
      <div className="row">
        <button type="submit" className="primary">{props.save}</button>
        <button type="button" onClick={props.onCancel}>{props.cancel}</button>
      </div>
    </>
  );
}
