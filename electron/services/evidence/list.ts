import { addCustodyEvent, custodyOf, evidenceOfReport, getEvidence } from '../../../db/queries/evidence';
import { utcIsoToLocal } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { CustodyEvent, EvidenceItem } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';

export async function listEvidence(station: Station, reportId: number): Promise<EvidenceItem[]> {
  const rows = await evidenceOfReport(station.db, station.unitId, reportId);
  return rows.map((r) => ({
    id: r.id, sha256: r.sha256, size: Number(r.size), kind: r.kind as EvidenceItem['kind'], format: r.format,
    originalName: r.original_name, originalPath: r.original_path, sourceLabel: r.source_label, importedAt: r.imported_at,
    importedBy: r.imported_by_name,
    capture: r.captured_at ? { local: r.captured_local ?? utcIsoToLocal(r.captured_at), offset: r.captured_offset, instant: r.captured_at } : null,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    device: [r.make, r.model].filter(Boolean).join(' ') || null, software: r.software, width: r.width, height: r.height,
    durationS: r.duration_s, codecs: r.codecs, signs: r.signs === '' ? [] : r.signs.split(' '), derivedFrom: r.derived_from,
  }));
}

/** Opening an item is a custody event (who looked at the evidence, when); returns the item's custody log. */
export async function viewEvidence(station: Station, reportId: number, evidenceId: number): Promise<CustodyEvent[]> {
  if (!(await getEvidence(station.db, station.unitId, evidenceId))) throw new StationError('not-found', vi.error.notFound);
  await addCustodyEvent(station.db, {
    evidenceId, reportId, at: station.now().toISOString(), officerId: station.officerId, action: 'viewed', detail: {},
  });
  return custodyLog(station, evidenceId);
}

export async function custodyLog(station: Station, evidenceId: number): Promise<CustodyEvent[]> {
  return (await custodyOf(station.db, evidenceId)).map((e) => ({
    at: e.at, officerName: e.full_name ?? '', action: e.action, detail: vi.custody[e.action] ?? e.action,
  }));
}
