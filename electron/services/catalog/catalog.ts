import { listPlaces, listViolationTypes, placeNames } from '../../../db/queries/catalog';
import type { Catalog } from '../../contract/schemas';
import type { Station } from '../station';
import { legalBases } from '../workflow/rules';

export async function getCatalog(station: Station): Promise<Catalog> {
  return { violationTypes: await listViolationTypes(station.db), ...(await listPlaces(station.db)), legalBases: await legalBases(station) };
}

/**
 * Code → name maps for turning a form into a report: every violation type (a few dozen), and the form's own
 * commune and province (a save reads two rows, not the 3,321 communes of the map).
 */
export async function catalogNames(station: Station, place: { communeCode: string; provinceCode: string }) {
  const { communes, provinces } = await placeNames(station.db, place);
  return {
    violationNames: new Map((await listViolationTypes(station.db)).map((v) => [v.code, v.name])),
    communeNames: new Map(communes.map((x) => [x.code, x.name])),
    provinceNames: new Map(provinces.map((x) => [x.code, x.name])),
  };
}
