/** A refused save's message beside its field; `id` when the field's input points at it (aria-describedby). */
export function FieldRefusal(props: { id?: string; message: string | undefined }) {
  return props.message ? <div id={props.id} className="note time-refused field-error">{props.message}</div> : null;
}
