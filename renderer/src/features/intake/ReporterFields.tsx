import { flushSync } from 'react-dom';
import { checkCccd } from '../../../../electron/contract/domain/cccd';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReporterInput } from '../../../../electron/contract/schemas';
import { CheckField, TextField } from '../../components/Field';

function CccdNote({ value, birthYear }: { value: string; birthYear: string }) {
  if (value.trim() === '') return null;
  const check = checkCccd(value, /^\d{4}$/.test(birthYear) ? Number(birthYear) : null);
  return (
    <>
      {check.birthYear !== null && check.provinceName && (
        <span className="ok">{vi.form.cccdReads(check.provinceName, check.birthYear, check.gender === 'male' ? vi.form.male : vi.form.female)}</span>
      )}
      {check.warnings.map((w) => <span key={w} className="warn">{vi.cccdWarning[w]}</span>)}
    </>
  );
}

export function ReporterFields(props: {
  reporter: ReporterInput; onChange: (r: ReporterInput) => void;
  /** The number the call came from: offered as the reporter's phone when that box is reached empty. */
  callerPhone: string;
  /** Tab stop of the fields a standard call rarely fills: -1 in the quick Tab path. */
  rare: number;
  /** Why a refused save stopped at a field, by its path ("reporter.birthYear"). */
  errorOf: (field: string) => string | undefined;
}) {
  const { reporter: r, onChange, rare } = props;
  const at = (key: keyof ReporterInput) => ({ name: `reporter.${key}`, error: props.errorOf(`reporter.${key}`) });
  const offerCallerPhone = (e: React.FocusEvent<HTMLInputElement>) => {
    if (r.phone === '' && props.callerPhone.trim() !== '') {
      const input = e.currentTarget;
      // Rendered at once and selected, before the next key: typing another number replaces it.
      flushSync(() => onChange({ ...r, phone: props.callerPhone }));
      input.select();
    }
  };
  const set = <K extends keyof ReporterInput>(key: K) => (value: ReporterInput[K]) => onChange({ ...r, [key]: value });
  return (
    <fieldset className="reporter">
      <legend>{vi.form.sectionReporter}</legend>
      <CheckField label={vi.form.anonymous} checked={r.anonymous} tabIndex={rare}
        onChange={(anonymous) => onChange(anonymous ? { ...r, anonymous, wantsFeedback: false } : { ...r, anonymous })} />
      {!r.anonymous && (
        <>
          <div className="row">
            <TextField className="wide" label={vi.form.fullName} {...at('fullName')} value={r.fullName} onChange={set('fullName')} autoComplete="off" />
            <TextField className="short" label={vi.form.birthYear} {...at('birthYear')} value={r.birthYear} onChange={set('birthYear')} inputMode="numeric" tabIndex={rare} />
            <TextField label={vi.form.cccd} {...at('cccd')} value={r.cccd} onChange={set('cccd')} inputMode="numeric" autoComplete="off"
              note={<CccdNote value={r.cccd} birthYear={r.birthYear} />} />
          </div>
          <div className="row">
            <TextField className="wide" label={vi.form.address} {...at('address')} value={r.address} onChange={set('address')} autoComplete="off" tabIndex={rare} />
            <TextField label={vi.form.phone} {...at('phone')} value={r.phone} onChange={set('phone')} inputMode="tel" autoComplete="off" onFocus={offerCallerPhone} />
          </div>
          <CheckField label={vi.form.wantsFeedback} checked={r.wantsFeedback} onChange={set('wantsFeedback')} />
        </>
      )}
    </fieldset>
  );
}
