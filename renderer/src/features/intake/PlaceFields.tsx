import { useMemo } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Catalog, IntakeForm } from '../../../../electron/contract/schemas';
import { SelectField, TextField } from '../../components/Field';
import { CommuneBox } from './CommuneBox';

type Location = IntakeForm['location'];

/** Where it happened: road, house number, crossing, km marker, province, commune, GPS. */
export function PlaceFields(props: {
  location: Location;
  /** Changes some parts of the place, keeping the others as they are by then. */
  onChange: (patch: Partial<Location>) => void;
  catalog: Catalog;
  errorOf: (field: string) => string | undefined;
  /** Each new form remounts the commune box: nothing half-typed carries over. */
  generation: number;
  rare: number;
}) {
  const { location, onChange, catalog, errorOf, rare } = props;
  const set = (key: keyof Location) => (value: string) => onChange({ [key]: value });
  const communes = useMemo(
    () => catalog.communes.filter((c) => c.provinceCode === location.provinceCode),
    [catalog.communes, location.provinceCode],
  );
  return (
    <fieldset>
      <legend>{vi.form.sectionPlace}</legend>
      <div className="row">
        <TextField className="wide" label={vi.form.road} name="location.road" error={errorOf('location.road')} value={location.road} onChange={set('road')} />
        <TextField className="short" label={vi.form.houseNumber} name="location.houseNumber" error={errorOf('location.houseNumber')} value={location.houseNumber} onChange={set('houseNumber')} tabIndex={rare} />
        <TextField label={vi.form.intersection} name="location.intersection" error={errorOf('location.intersection')} value={location.intersection} onChange={set('intersection')} tabIndex={rare} />
        <TextField className="short" label={vi.form.kmMarker} name="location.kmMarker" error={errorOf('location.kmMarker')} value={location.kmMarker} onChange={set('kmMarker')} placeholder="Km 12+300" />
      </div>
      <div className="row">
        <SelectField label={vi.form.province} value={location.provinceCode}
          onChange={(v) => onChange({ provinceCode: v, communeCode: '', callerWords: '' })}
          options={[{ value: '', label: vi.form.choose }, ...catalog.provinces.map((p) => ({ value: p.code, label: p.name }))]} tabIndex={rare} />
        <CommuneBox key={`commune-${props.generation}-${location.provinceCode}`} communes={communes} provinceCode={location.provinceCode}
          value={location.communeCode} callerWords={location.callerWords} onChange={(communeCode, callerWords) => onChange({ communeCode, callerWords })} />
        {location.callerWords && <p className="note caller-words">{vi.form.callerWords(location.callerWords)}</p>}
        <TextField label={vi.form.gps} name="location.gps" error={errorOf('location.gps')} value={location.gps} onChange={set('gps')} placeholder={vi.form.gpsPlaceholder} tabIndex={rare} />
      </div>
    </fieldset>
  );
}
