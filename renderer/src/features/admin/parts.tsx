import type { ReactNode } from 'react';

// What the admin's panels share: the foot of an edit form.

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
