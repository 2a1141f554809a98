import { listPlaces, listViolationTypes } from '../../../db/queries/catalog';
import type { Catalog } from '../../contract/schemas';
import type { Station } from '../station';

export async function getCatalog(station: Station): Promise<Catalog> {
  return { violationTypes: await listViolationTypes(station.db), ...(await listPlaces(station.db)) };
}

/** Code → name maps for turning a form into a report. */
export async function catalogNames(station: Station) {
  const c = await getCatalog(station);
  return {
    violationNames: new Map(c.violationTypes.map((v) => [v.code, v.name])),
    communeNames: new Map(c.communes.map((x) => [x.code, x.name])),
    provinceNames: new Map(c.provinces.map((x) => [x.code, x.name])),
  };
}
