import type { Db } from '../../../db/connection';
import { upsertAgencyPresets } from '../../../db/queries/agencies';
import { ensureUnitPreset, upsertPlaces, upsertViolationTypes } from '../../../db/queries/catalog';
import agencies from '../../../resources/catalogs/agencies.json' with { type: 'json' };
import places from '../../../resources/catalogs/places.json' with { type: 'json' };
import units from '../../../resources/catalogs/units.json' with { type: 'json' };
import violationTypes from '../../../resources/catalogs/violation-types.json' with { type: 'json' };
import { formerIn } from './former';

/** Seeds the catalogs and the preset units; safe to run at every start. Returns the preset units' ids by key. */
export async function seedCatalogs(db: Db): Promise<Map<string, number>> {
  await upsertPlaces(db, places.provinces, places.communes, formerIn);
  await upsertViolationTypes(db, violationTypes.items);
  await upsertAgencyPresets(db, agencies.items);
  const ids = new Map<string, number>();
  for (const preset of units.items) ids.set(preset.presetKey, await ensureUnitPreset(db, preset));
  return ids;
}

export const defaultUnitPreset = units.items[0]!.presetKey;
