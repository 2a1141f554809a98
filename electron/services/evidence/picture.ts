import { readFile } from 'node:fs/promises';
import { vi } from '../../contract/messages.vi';
import type { EvidenceItem } from '../../contract/schemas';
import { rejected, StationError } from '../errors';
import type { Station } from '../station';
import { listEvidence } from './list';
import { mediaFile } from './media';
import { loadSharp } from './plate-image';

/**
 * A photo or still of a report as the viewer shows it (the original for the formats a browser shows, else the
 * station's decoded copy), with its upright size: what the officer's boxes are fractions of.
 */
export async function shownPicture(station: Station, reportId: number, evidenceId: number, unreadable: (name: string) => string) {
  const item: EvidenceItem | undefined = (await listEvidence(station, reportId)).find((i) => i.id === evidenceId);
  if (!item || item.kind !== 'photo') throw new StationError('not-found', vi.error.notFound);
  const image = await readFile((await mediaFile(station, evidenceId, 'picture')).path);
  const meta = await (await loadSharp())(image).metadata().catch(() => null);
  if (!meta?.width || !meta.height) throw rejected(unreadable(item.originalName));
  const turned = (meta.orientation ?? 1) >= 5;
  return { item, image, width: turned ? meta.height : meta.width, height: turned ? meta.width : meta.height };
}
