import { useId, type ReactNode } from 'react';

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>;

/** A labelled text input; `note` shows what the station read from it (a plate, a CCCD) or a warning. */
export function TextField(props: InputProps & { label: string; value: string; onChange: (v: string) => void; note?: ReactNode }) {
  const { label, value, onChange, note, className, ...rest } = props;
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={note ? `${id}-note` : undefined} {...rest} />
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
}) {
  const id = useId();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} tabIndex={props.tabIndex}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}
