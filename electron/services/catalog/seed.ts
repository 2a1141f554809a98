import type { Db } from '../../../db/connection';
import { upsertAgencyPresets } from '../../../db/queries/agencies';
import { upsertLegalDocuments, upsertPlaces, upsertViolationTypes } from '../../../db/queries/catalog';
import agencies from '../../../resources/catalogs/agencies.json' with { type: 'json' };
import legalDocuments from '../../../resources/catalogs/legal-documents.json' with { type: 'json' };
import places from '../../../resources/catalogs/places.json' with { type: 'json' };
import violationTypes from '../../../resources/catalogs/violation-types.json' with { type: 'json' };
import { upsertDeadlineRules } from '../../../db/queries/rules';
import { shippedRules } from '../workflow/rules';
import { formerIn } from './former';

/**
 * Seeds the catalogs; safe to run at every start (a version already applied is not applied again; rows an admin
 * edited keep the admin's values). There is no preset unit: the first run's admin sets the unit up.
 */
export async function seedCatalogs(db: Db, at: string): Promise<void> {
  await upsertPlaces(db, places.provinces, places.communes, formerIn);
  await upsertViolationTypes(db, violationTypes, at);
  await upsertAgencyPresets(db, agencies, at);
  await upsertDeadlineRules(db, shippedRules, at);
  await upsertLegalDocuments(db, legalDocuments, at);
}
