import type { SummaryRow } from '../../../db/queries/reports';
import { formatPlace } from '../../contract/domain/time';
import type { IntakeChannel, ReportSummary } from '../../contract/schemas';

/** A list row as the officer reads it: place as "12 Đống Đa, Phường Kon Tum". */
export function toSummary(r: SummaryRow): ReportSummary {
  return {
    id: r.id, code: r.code, channel: r.channel as IntakeChannel, receivedAt: r.receivedAt, urgent: r.urgent,
    place: formatPlace(r), plates: r.plates, violations: r.violations, status: r.status,
  };
}
