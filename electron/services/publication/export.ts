import { readFile } from 'node:fs/promises';
import { addAuditEvent } from '../../../db/queries/audit';
import { evidenceOfReport, newestRedactions } from '../../../db/queries/evidence';
import { type DecidedRow, decidedRows } from '../../../db/queries/register';
import { formatDay, formatPlace, formatStationTime, localToUtcIso } from '../../contract/domain/time';
import { sanctionStandsStates } from '../../contract/domain/workflow';
import { vi } from '../../contract/messages.vi';
import { isPlateCrop, isRedactedCopy } from '../evidence/list';
import type { Station } from '../station';
import { csvBuffer } from '../statistics/files';

// The publication list for the press (issue 10.7): the campaign plans make the results of handling public, for
// deterrence. It says what was done about which vehicle, where and when — and nothing of who reported it
// (NĐ 61/2026 Đ16.2 keeps the reporter's identity secret): no name, phone, CCCD, address, caller's number, not
// even the channel ("qua Zalo" narrows who it was), no free-text description (a reporter writes themselves into
// it), no original file names (a phone's "IMG_…", or a chat's export naming the sender). Photos go out only as the
// copies an officer redacted (redaction.ts: bystanders' faces and other plates hidden, made from the pixels alone,
// so no EXIF/GPS, which can place the reporter's own window); a photo with no redacted copy never goes out, and the
// export says which reports still have some.
//
// Only sanctions are published. A forwarded report has no decision yet: the agency it went to may find no
// violation, and naming a plate before a decision would publish an accusation, not a result (the presumption of
// Luật XLVPHC 2012 Đ3). No grounds / false report / duplicate are not results about a violator at all.
const PUBLISHED_MOVES = ['sanction'] as const;

// The place without the house number: a violation filmed "in front of 12 Lê Lợi" is often filmed from number 12.
const placeOf = (r: DecidedRow) => formatPlace(r.place);

export interface Publication {
  csv: Buffer;
  fileName: string;
  rows: number;
  photos: { name: string; data: Buffer }[];
  /** The reports whose photos were left out because no redacted copy of them was saved, and how many. */
  unredacted: { code: string; photos: number }[];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export async function exportPublication(station: Station, period: { from: string; to: string }): Promise<Publication> {
  const end = new Date(new Date(localToUtcIso(`${period.to}T00:00`)).getTime() + 86_400_000).toISOString();
  const rows = await decidedRows(station.db, station.unitId, localToUtcIso(`${period.from}T00:00`), end, PUBLISHED_MOVES, sanctionStandsStates);
  const c = vi.publication.columns;
  const lines: string[][] = [[c.number, c.code, c.plate, c.vehicle, c.place, c.act, c.occurredAt, c.decision, c.decisionDate, c.fine, c.outcome, c.photos]];
  const photos: Publication['photos'] = [];
  const unredacted: Publication['unredacted'] = [];
  for (const [i, r] of rows.entries()) {
    const d = r.outcome?.detail ?? {};
    const names: string[] = [];
    const items = (await evidenceOfReport(station.db, station.unitId, r.id)).filter((e) => e.kind === 'photo');
    const byId = new Map(items.map((e) => [e.id, e]));
    // The copy last saved for each photo (at any desk): an earlier copy may hide less than the officer now wants.
    const newest = [...(await newestRedactions(station.db, r.id)).values()]
      .flatMap((copy) => byId.get(copy) ?? [])
      .filter((e) => isRedactedCopy(e.derived_from, e.metadata));
    for (const e of newest) {
      // Named by the report's code and a number: nothing of the file's own name goes out.
      const name = `${r.code}-${names.length + 1}.jpg`;
      photos.push({ name, data: await readFile(station.store.absolute(e.store_path)) });
      names.push(name);
    }
    const redacted = new Set(newest.map((e) => e.derived_from));
    // Photos and stills with no redacted copy never go out, and are counted; a plate's crop is a reading aid, not a picture to publish.
    const left = items.filter((e) => !isRedactedCopy(e.derived_from, e.metadata) && !isPlateCrop(e.derived_from, e.metadata) && !redacted.has(e.id)).length;
    if (left > 0) unredacted.push({ code: r.code, photos: left });
    lines.push([
      String(i + 1), r.code, r.vehicles.map((v) => v.plate).filter(Boolean).join('; '),
      r.vehicles.map((v) => (v.type ? vi.vehicleType[v.type as keyof typeof vi.vehicleType] ?? '' : '')).filter(Boolean).join('; '),
      placeOf(r), r.violations.join('; '),
      r.occurredAt ? `${formatStationTime(r.occurredAt)}${r.occurredApprox ? ` (${vi.publication.approx})` : ''}` : '',
      str(d.decisionNumber), str(d.decisionDate) ? formatDay(str(d.decisionDate)) : '',
      typeof d.fineVnd === 'number' ? String(d.fineVnd) : '', vi.publication.sanctioned, names.join('; '),
    ]);
  }
  const csv = csvBuffer(lines);
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'publication.exported',
    detail: { from: period.from, to: period.to, rows: rows.length, photos: photos.length, unredacted: unredacted.reduce((n, u) => n + u.photos, 0) },
  });
  return { csv, fileName: `cong-khai-${period.from}-${period.to}.csv`, rows: rows.length, photos, unredacted };
}
