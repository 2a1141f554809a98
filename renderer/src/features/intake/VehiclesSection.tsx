import { vi } from '../../../../electron/contract/messages.vi';
import type { VehicleInput } from '../../../../electron/contract/schemas';
import { VehicleFields } from './VehicleFields';

/** The vehicles of the report, one block each; the last one cannot be removed. */
export function VehiclesSection(props: {
  vehicles: VehicleInput[];
  /** Changes the vehicles, from what they are by then. */
  onChange: (change: (vehicles: VehicleInput[]) => VehicleInput[]) => void;
  onAdd: () => void;
  errorOf: (field: string) => string | undefined;
  rare: number;
}) {
  const { vehicles, onChange, rare } = props;
  return (
    <fieldset>
      <legend>{vi.form.sectionVehicles}</legend>
      {vehicles.map((v, i) => (
        <VehicleFields key={i} index={i} vehicle={v} rare={rare} errorOf={props.errorOf}
          onChange={(nv) => onChange((all) => all.map((x, j) => (j === i ? nv : x)))}
          onRemove={vehicles.length > 1 ? () => onChange((all) => all.filter((_, j) => j !== i)) : undefined} />
      ))}
      <button type="button" className="link" onClick={props.onAdd} tabIndex={rare}>{vi.form.addVehicle}</button>
    </fieldset>
  );
}
