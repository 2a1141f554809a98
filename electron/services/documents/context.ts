import { getUnit } from '../../../db/queries/catalog';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import { listEvidence } from '../evidence/list';
import { reportFacts } from '../intake/reports';
import type { Station } from '../station';
import type { DocumentContext } from './report-documents';

/**
 * What a report's documents are made from: the issuing unit, the report's facts (place, vehicles, violations;
 * not the page's history nor its workflow, which no document prints), its evidence, and the issuing instant.
 */
export async function documentContext(station: Station, reportId: number): Promise<DocumentContext> {
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  return { unit, report: await reportFacts(station, reportId), evidence: await listEvidence(station, reportId), issuedAt: station.now() };
}
