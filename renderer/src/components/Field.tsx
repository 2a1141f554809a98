import { useId, type ReactNode } from 'react';

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>;

/** Why a refused save stopped at this field, beside it; gone as soon as the field is fixed. */
function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? <div id={id} className="note time-refused field-error">{error}</div> : null;
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/**
 * A labelled text input; `note` shows what the station read from it (a plate, a CCCD) or a warning, `error` why a
 * save was refused (the input is then aria-invalid and described by it).
 */
export function TextField(props: InputProps & { label: string; value: string; onChange: (v: string) => void; note?: ReactNode; error?: string }) {
  const { label, value, onChange, note, error, className, ...rest } = props;
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy(error && `${id}-error`, note ? `${id}-note` : undefined)} {...rest} />
      <FieldError id={`${id}-error`} error={error} />
      {note && <div id={`${id}-note`} className="note">{note}</div>}
    </div>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; className?: string; tabIndex?: number }) {
  const id = useId();
  return (
    <div className={`check ${props.className ?? ''}`}>
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} tabIndex={props.tabIndex} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

export function SelectField(props: {
  label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; className?: string; tabIndex?: number;
  name?: string; error?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)} tabIndex={props.tabIndex}
        aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props.error && `${id}-error`)}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}
