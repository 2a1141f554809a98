import type { WorkingCalendar } from '../../contract/domain/calendar';
import { limitationDeadline, type Rules } from '../../contract/domain/deadlines';
import type { EvidenceSign } from '../../contract/schemas';
import type { MediaFacts } from './media-facts';

// Signs shown to the evidence officer, never decisions: the officer judges. Citizens are told not to
// edit, cut or splice (Cao Lộc plan II.2); NĐ 168/2024 Đ4 limits use to one year from the recorded time.

export type { EvidenceSign };

const EDITORS = /photoshop|gimp|lightroom|capcut|paint\.net|snapseed|picsart|inshot|kinemaster|premiere|after effects|final cut|imovie|davinci|adobe|bridge|imageready|camera\+|luminar|affinity|pixelmator|meitu|facetune|vsco|quicktime/i;
// An ffmpeg-based tool (Lavf…, HandBrake) wrote the file: it was re-encoded or re-muxed after capture.
const REENCODERS = /^lavf|handbrake|ffmpeg|libavformat/i;

const FAR_FROM_FILE_TIME_MS = 2 * 86_400_000;

// A file's time is often only the time it was copied (sent over Zalo, downloaded, copied to the stick at
// the desk): every file then lies "far" from its capture and the sign says nothing. It tells something
// only when the file time may be the file's own: not written just before the import, and not one of a
// run of files written together.
/** Written this long before the import (or a few minutes after, clocks differ): a copy made for it. */
const FRESH_COPY_MS = 60 * 60_000;
const CLOCK_SKEW_MS = 5 * 60_000;
/** Files of one source written with gaps this short form one run (one copy, file after file). */
const COPY_RUN_GAP_MS = 5 * 60_000;

function farFromFileTime(capture: string, mtime: number): boolean {
  return Math.abs(new Date(capture).getTime() - mtime) > FAR_FROM_FILE_TIME_MS;
}

/** The file was written after its capture and just before the import: a fresh copy, its time the copy's. */
function freshCopy(capture: string, mtime: number, importedAt: number): boolean {
  return new Date(capture).getTime() < mtime && mtime >= importedAt - FRESH_COPY_MS && mtime <= importedAt + CLOCK_SKEW_MS;
}

/** calendar: the station's working calendar (the 1-year limit ends on a working day, BLDS 2015 Đ148.5). */
export function evidenceSigns(facts: MediaFacts, file: { mtime: Date; extensionLies: boolean; kind: string }, now: Date, calendar: WorkingCalendar, rules: Rules): EvidenceSign[] {
  const signs: EvidenceSign[] = [];
  if (facts.damage) signs.push(facts.damage);
  if (facts.metadataDamaged) signs.push('metadata-damaged');
  if (facts.software && EDITORS.test(facts.software)) signs.push('editing-software');
  if (facts.software && REENCODERS.test(facts.software)) signs.push('re-encoded');
  if (file.kind !== 'other') {
    const mtime = file.mtime.getTime();
    if (!facts.capture) signs.push('no-capture-time');
    else if (farFromFileTime(facts.capture.instant, mtime) && !freshCopy(facts.capture.instant, mtime, now.getTime())) signs.push('capture-far-from-file-time');
  }
  signs.push(...limitationSigns(facts.capture ? facts.capture.instant : file.mtime.toISOString(), now, calendar, rules));
  if (file.extensionLies) signs.push('extension-lies');
  return signs;
}

/** NĐ 168/2024 Đ4: one year from the recorded time (the capture time when the file has one, else its own time). */
function limitationSigns(recorded: string, now: Date, calendar: WorkingCalendar, rules: Rules): EvidenceSign[] {
  const limitation = limitationDeadline(rules, recorded, now, calendar);
  return limitation.state === 'overdue' ? ['past-limitation'] : limitation.state === 'due-soon' ? ['near-limitation'] : [];
}

export interface FileTime {
  id: number;
  /** Where the file came from (the folder or device label): runs are looked for within one source. */
  source: string;
  mtime: string | null;
  capture: string | null;
  importedAt: string;
}

/**
 * Of a report's files, those whose file time is only a copy time, so `capture-far-from-file-time` says
 * nothing about them: a fresh copy (see above), or a run of files of one source written within minutes
 * of each other, at least two of them far from their capture (photos taken on different days, copied
 * together). One file far from its capture among files written with their captures is still shown.
 */
export function copyTimeFiles(files: FileTime[]): Set<number> {
  const copies = new Set<number>();
  // A copy comes after the capture: a file written long before its capture time is never explained by copying.
  const far = (f: FileTime) => f.capture !== null && f.mtime !== null && farFromFileTime(f.capture, Date.parse(f.mtime))
    && Date.parse(f.capture) < Date.parse(f.mtime);
  const bySource = new Map<string, FileTime[]>();
  for (const f of files) {
    if (f.mtime === null) continue;
    if (far(f) && freshCopy(f.capture!, Date.parse(f.mtime), Date.parse(f.importedAt))) copies.add(f.id);
    const group = bySource.get(f.source);
    if (group) group.push(f);
    else bySource.set(f.source, [f]);
  }
  for (const group of bySource.values()) {
    group.sort((a, b) => Date.parse(a.mtime!) - Date.parse(b.mtime!));
    let run: FileTime[] = [];
    const close = () => {
      const farOnes = run.filter(far);
      if (farOnes.length >= 2) farOnes.forEach((f) => copies.add(f.id));
      run = [];
    };
    for (const f of group) {
      if (run.length > 0 && Date.parse(f.mtime!) - Date.parse(run[run.length - 1]!.mtime!) > COPY_RUN_GAP_MS) close();
      run.push(f);
    }
    close();
  }
  return copies;
}

// What a still keeps of its video: how the video was made and when (the still is the video's picture,
// nothing more), never the video file's own damage or name.
const INHERITED: ReadonlySet<string> = new Set<EvidenceSign>(['editing-software', 're-encoded', 'no-capture-time', 'capture-far-from-file-time']);

/**
 * A still's signs, from those shown on its video: the video's making, and the 1-year limit counted again
 * (NĐ 168/2024 Đ4) from the still's moment (`recorded`: the video's capture time plus the offset, else
 * the video file's time); with neither, the video's own limit signs.
 */
export function stillSigns(videoSigns: string[], recorded: string | null, now: Date, calendar: WorkingCalendar, rules: Rules): EvidenceSign[] {
  const signs = videoSigns.filter((s) => INHERITED.has(s)) as EvidenceSign[];
  if (recorded) signs.push(...limitationSigns(recorded, now, calendar, rules));
  else signs.push(...videoSigns.filter((s): s is EvidenceSign => s === 'past-limitation' || s === 'near-limitation'));
  return signs;
}
