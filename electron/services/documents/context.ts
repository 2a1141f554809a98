import { listLegalDocuments } from '../../../db/queries/catalog';
import { getUnit } from '../../../db/queries/units';
import { lastMoveOf } from '../../../db/queries/workflow';
import { outcomeMoves } from '../../contract/domain/workflow';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import { listEvidence } from '../evidence/list';
import { reportFacts } from '../intake/reports';
import type { Station } from '../station';
import type { DocumentContext } from './report-documents';

/**
 * What a report's documents are made from: the issuing unit, the report's facts (place, vehicles, violations;
 * not the page's history), its evidence, the issuing instant, and the two moves a document states as recorded:
 * the dispatch of an ongoing report (who, when, note) and the outcome (decision and fine, agency, original…).
 */
export async function documentContext(station: Station, reportId: number): Promise<DocumentContext> {
  const unit = await getUnit(station.db, station.unitId);
  if (!unit) throw new StationError('not-found', vi.error.notFound);
  const report = await reportFacts(station, reportId);
  return {
    unit,
    report,
    evidence: await listEvidence(station, reportId),
    issuedAt: station.now(),
    dispatch: await lastMoveOf(station.db, reportId, ['dispatch']),
    outcome: await lastMoveOf(station.db, reportId, outcomeMoves),
    legalDocuments: await listLegalDocuments(station.db),
  };
}
