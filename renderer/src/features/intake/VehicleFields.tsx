import { useRef } from 'react';
import { normalizePlate, type PlateReading } from '../../../../electron/contract/domain/plate';
import { vi } from '../../../../electron/contract/messages.vi';
import { vehicleTypes, type VehicleInput } from '../../../../electron/contract/schemas';
import { SelectField, TextField } from '../../components/Field';

function PlateNote({ value, onPick }: { value: string; onPick: (reading: PlateReading) => void }) {
  if (value.trim() === '') return null;
  const plate = normalizePlate(value);
  return (
    <>
      {plate.flags.length === 0 || plate.kind === 'special'
        ? <span className="ok">{vi.form.plateReads(plate.canonical, vi.plateKind[plate.kind], plate.provinceName ?? '')}</span>
        : null}
      {plate.flags.map((f) => <span key={f} className="warn">{vi.plateFlag[f]}</span>)}
      {plate.readings.length > 0 && (
        // The station never picks a reading itself: the officer does, and the field then holds it with separators.
        <span role="group" aria-label={vi.form.plateReadingsGroup} className="plate-readings">
          {plate.readings.map((r) => (
            <button key={r.canonical} type="button" onClick={() => onPick(r)}>{vi.form.plateReading(vi.plateReadingKind[r.kind], r.canonical)}</button>
          ))}
        </span>
      )}
    </>
  );
}

/** The vehicle class a plate's shape tells (car or motorbike series), for a type not chosen yet. */
const TYPE_OF_PLATE: Record<string, VehicleInput['vehicleType']> = { car: 'car', motorbike: 'motorbike' };

export function VehicleFields(props: {
  index: number; vehicle: VehicleInput; onChange: (v: VehicleInput) => void; onRemove?: () => void;
  /** Tab stop of the fields a standard call rarely fills: -1 in the quick Tab path. */
  rare: number;
  /** Why a refused save stopped at a field, by its path ("vehicles.0.plate"). */
  errorOf: (field: string) => string | undefined;
}) {
  const { vehicle: v, onChange, rare } = props;
  const fieldset = useRef<HTMLFieldSetElement>(null);
  // Each input is named by its path: a refused save and Alt+V find it by that name.
  const at = (key: keyof VehicleInput) => ({ name: `vehicles.${props.index}.${key}`, error: props.errorOf(`vehicles.${props.index}.${key}`) });
  const set = <K extends keyof VehicleInput>(key: K) => (value: VehicleInput[K]) => onChange({ ...v, [key]: value });
  // The picked reading's canonical form parses unambiguously, so the form's plate stays a plain string.
  // The picked button goes away with the question: the focus moves on to the type it set, as Tab would.
  const pickReading = (r: PlateReading) => {
    onChange({ ...v, plate: r.canonical, vehicleType: v.vehicleType === '' ? TYPE_OF_PLATE[r.kind] ?? '' : v.vehicleType });
    fieldset.current?.querySelector<HTMLSelectElement>(`select[name="vehicles.${props.index}.vehicleType"]`)?.focus();
  };
  // An ambiguous plate reads as kind 'unknown': no type is suggested until a reading is picked.
  const guessType = () => {
    if (v.vehicleType === '' && v.plate.trim() !== '') {
      const guessed = TYPE_OF_PLATE[normalizePlate(v.plate).kind];
      if (guessed) onChange({ ...v, vehicleType: guessed });
    }
  };
  return (
    <fieldset className="vehicle" ref={fieldset}>
      <legend>{vi.form.vehicleHeading(props.index + 1)}</legend>
      <div className="row">
        <TextField className="plate" label={vi.form.plate} {...at('plate')} value={v.plate} onChange={set('plate')} onBlur={guessType} note={<PlateNote value={v.plate} onPick={pickReading} />} />
        <SelectField {...at('vehicleType')} label={vi.form.vehicleType} value={v.vehicleType}
          onChange={(x) => set('vehicleType')(x as VehicleInput['vehicleType'])}
          options={[{ value: '', label: vi.form.choose }, ...vehicleTypes.map((t) => ({ value: t, label: vi.vehicleType[t] }))]} />
        <TextField label={vi.form.colour} {...at('colour')} value={v.colour} onChange={set('colour')} />
        <TextField label={vi.form.brand} {...at('brand')} value={v.brand} onChange={set('brand')} tabIndex={rare} />
      </div>
      <div className="row">
        <TextField className="wide" label={vi.form.features} {...at('features')} value={v.features} onChange={set('features')} tabIndex={rare} />
        <TextField label={vi.form.ownerName} {...at('ownerName')} value={v.ownerName} onChange={set('ownerName')} tabIndex={rare} />
        <TextField label={vi.form.driverName} {...at('driverName')} value={v.driverName} onChange={set('driverName')} tabIndex={rare} />
        {props.onRemove && <button type="button" className="link" onClick={props.onRemove} tabIndex={rare}>{vi.form.removeVehicle}</button>}
      </div>
    </fieldset>
  );
}
