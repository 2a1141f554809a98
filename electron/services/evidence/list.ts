import { addCustodyEvent, confirmedPlates, custodyOf, custodyOfReport, evidenceOfReport, fileTimesOfReport, getEvidence } from '../../../db/queries/evidence';
import { deviceName } from '../../contract/domain/evidence-display';
import { utcIsoToLocal } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import { type CustodyEvent, type EvidenceItem, type HistoryEvent, TrackMoment } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';
import { copyTimeFiles } from './signs';

/** Frames per second of a video, from the ffprobe streams kept in its metadata ("30000/1001"); null when unknown. */
export function frameRateOf(metadata: string): number | null {
  let streams: unknown;
  try {
    streams = (JSON.parse(metadata) as { streams?: unknown }).streams;
  } catch {
    return null;
  }
  if (!Array.isArray(streams)) return null;
  const video = streams.find((s: { codec_type?: unknown }) => s?.codec_type === 'video') as Record<string, unknown> | undefined;
  // avg_frame_rate is what plays; r_frame_rate may be a timebase guess (90000/1) for variable-rate files.
  for (const key of ['avg_frame_rate', 'r_frame_rate']) {
    const m = /^(\d+)\/(\d+)$/.exec(String(video?.[key] ?? ''));
    const fps = m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : NaN;
    if (fps >= 1 && fps <= 1000) return Math.round(fps * 1000) / 1000;
  }
  return null;
}

function metadataOf(metadata: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(metadata);
    return parsed !== null && typeof parsed === 'object' ? parsed as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

/** A still's moment on its video's GPS track, from its metadata. */
function momentOf(metadata: string): TrackMoment | null {
  const moment = TrackMoment.safeParse(metadataOf(metadata).moment);
  return moment.success ? moment.data : null;
}

// Only items the station made are told apart by their metadata: an imported file's metadata holds its own tags,
// which a citizen's XMP can name as anything.
/** A copy made for publication (redaction.ts) names the item it hides things on. */
export const isRedactedCopy = (derivedFrom: number | null, metadata: string) => derivedFrom !== null && typeof metadataOf(metadata).redactionOf === 'string';
/** A plate's crop (plate-assist.ts) names the photo it was cut from. */
export const isPlateCrop = (derivedFrom: number | null, metadata: string) => derivedFrom !== null && typeof metadataOf(metadata).plateOf === 'string';

export async function listEvidence(station: Station, reportId: number): Promise<EvidenceItem[]> {
  const rows = await evidenceOfReport(station.db, station.unitId, reportId);
  const fileTimes = await fileTimesOfReport(station.db, reportId);
  const plates = await confirmedPlates(station.db, reportId);
  // A time-far sign on a file whose time is only the copy's is left out: it fires on nearly every file otherwise.
  const copies = copyTimeFiles(rows.map((r) => ({
    id: r.id, source: r.source_label, mtime: fileTimes.get(r.id) ?? null, capture: r.captured_at, importedAt: r.imported_at,
  })));
  return rows.map((r) => ({
    id: r.id, sha256: r.sha256, size: Number(r.size), kind: r.kind as EvidenceItem['kind'], format: r.format,
    originalName: r.original_name, originalPath: r.original_path, sourceLabel: r.source_label, importedAt: r.imported_at,
    importedBy: r.imported_by_name,
    capture: r.captured_at ? { local: r.captured_local ?? utcIsoToLocal(r.captured_at), offset: r.captured_offset, instant: r.captured_at } : null,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    device: deviceName(r.make, r.model), software: r.software, width: r.width, height: r.height,
    durationS: r.duration_s, codecs: r.codecs, frameRate: r.kind === 'video' ? frameRateOf(r.metadata) : null,
    signs: (r.signs === '' ? [] : r.signs.split(' ')).filter((s) => !(s === 'capture-far-from-file-time' && copies.has(r.id))),
    derivedFrom: r.derived_from,
    moment: r.derived_from !== null ? momentOf(r.metadata) : null,
    plate: plates.get(r.id) ?? null,
    redacted: isRedactedCopy(r.derived_from, r.metadata),
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

/** Imports of one run arrive in commits of a few files each; commits this close together are one import. */
const IMPORT_RUN_GAP_MS = 10 * 60_000;
/** Opening the same item again soon after (the viewer closed and reopened) is one look. */
const REVIEW_GAP_MS = 10 * 60_000;

/** A moment in a video as the still's name and the history show it: "01:02.480". */
export function stamp(seconds: number): string {
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${(seconds % 60).toFixed(3).padStart(6, '0')}`;
}

/**
 * What was done with a report's evidence, as lines of its history: one line per import (with its count,
 * not one per file), each look at an item, each still taken. The still's own "derived" record is the same
 * act as the still taken, so it is not a second line.
 */
export async function evidenceHistory(station: Station, reportId: number): Promise<HistoryEvent[]> {
  const lines: (HistoryEvent & { key: string; last: number; files?: number; already?: number; source?: string })[] = [];
  for (const e of await custodyOfReport(station.db, reportId)) {
    const at = Date.parse(e.at);
    const prev = lines[lines.length - 1];
    const name = e.itemName ?? '';
    if (e.action === 'imported') {
      const source = typeof e.detail.sourceLabel === 'string' ? e.detail.sourceLabel : '';
      const already = e.detail.alreadyLinked === true ? 1 : 0;
      // Views may interleave with a running import's commits: the import line is the last import line.
      const run = [...lines].reverse().find((l) => l.action === 'evidence.imported');
      if (run && run.key === `${e.officerName}\u0000${source}` && at - run.last <= IMPORT_RUN_GAP_MS) {
        run.files! += 1;
        run.already! += already;
        run.last = at;
        continue;
      }
      lines.push({ at: e.at, officerName: e.officerName, action: 'evidence.imported', detail: '', key: `${e.officerName}\u0000${source}`, last: at, files: 1, already, source });
    } else if (e.action === 'viewed') {
      const key = `${e.officerName}\u0000${e.evidenceId}`;
      if (prev && prev.action === 'evidence.viewed' && prev.key === key && at - prev.last <= REVIEW_GAP_MS) {
        prev.last = at;
        continue;
      }
      lines.push({ at: e.at, officerName: e.officerName, action: 'evidence.viewed', detail: vi.evidenceViewer.historyViewed(name), key, last: at });
    } else if (e.action === 'still-taken') {
      const seconds = typeof e.detail.atSeconds === 'number' ? e.detail.atSeconds : 0;
      lines.push({
        at: e.at, officerName: e.officerName, action: 'evidence.still-taken', detail: vi.evidenceViewer.historyStill(name, stamp(seconds)), key: '', last: at,
      });
    } else if (e.action === 'redacted') {
      const boxes = typeof e.detail.boxes === 'number' ? e.detail.boxes : 0;
      lines.push({ at: e.at, officerName: e.officerName, action: 'evidence.redacted', detail: vi.evidenceViewer.historyRedacted(name, boxes), key: '', last: at });
    }
  }
  return lines.map((l) => {
    const what = l.action === 'evidence.imported' ? vi.evidenceViewer.historyImported(l.files!, l.source!, l.already!) : l.detail;
    return { at: l.at, officerName: l.officerName, action: l.action, detail: `${vi.action[l.action] ?? l.action}: ${what}` };
  });
}
