import { limitationDeadline } from '../../contract/domain/deadlines';
import type { MediaFacts } from './media-facts';

// Signs shown to the evidence officer, never decisions: the officer judges. Citizens are told not to
// edit, cut or splice (Cao Lộc plan II.2); NĐ 168/2024 Đ4 limits use to one year from the recorded time.

export type EvidenceSign =
  | 'editing-software'
  | 're-encoded'
  | 'no-capture-time'
  | 'capture-far-from-file-time'
  | 'past-limitation'
  | 'near-limitation'
  | 'extension-lies'
  | 'truncated'
  | 'corrupt'
  | 'undecodable'
  | 'metadata-damaged';

const EDITORS = /photoshop|gimp|lightroom|capcut|paint\.net|snapseed|picsart|inshot|kinemaster|premiere|after effects|final cut|imovie|davinci|adobe|bridge|imageready|camera\+|luminar|affinity|pixelmator|meitu|facetune|vsco|quicktime/i;
// An ffmpeg-based tool (Lavf…, HandBrake) wrote the file: it was re-encoded or re-muxed after capture.
const REENCODERS = /^lavf|handbrake|ffmpeg|libavformat/i;

const FAR_FROM_FILE_TIME_MS = 2 * 86_400_000;

export function evidenceSigns(facts: MediaFacts, file: { mtime: Date; extensionLies: boolean; kind: string }, now: Date): EvidenceSign[] {
  const signs: EvidenceSign[] = [];
  if (facts.damage) signs.push(facts.damage);
  if (facts.metadataDamaged) signs.push('metadata-damaged');
  if (facts.software && EDITORS.test(facts.software)) signs.push('editing-software');
  if (facts.software && REENCODERS.test(facts.software)) signs.push('re-encoded');
  if (file.kind !== 'other') {
    if (!facts.capture) signs.push('no-capture-time');
    else if (Math.abs(new Date(facts.capture.instant).getTime() - file.mtime.getTime()) > FAR_FROM_FILE_TIME_MS) signs.push('capture-far-from-file-time');
  }
  // The recorded time: the capture time when the file has one, else the file's own time.
  const recorded = facts.capture ? facts.capture.instant : file.mtime.toISOString();
  const limitation = limitationDeadline(recorded, now);
  if (limitation.state === 'overdue') signs.push('past-limitation');
  else if (limitation.state === 'due-soon') signs.push('near-limitation');
  if (file.extensionLies) signs.push('extension-lies');
  return signs;
}
