import { basename } from 'node:path';
import { recordImport } from '../../../db/queries/evidence';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { ImportResult } from '../../contract/schemas';
import type { Station } from '../station';
import type { MediaFacts } from './media-facts';
import { noFacts } from './media-facts';
import { photoFacts } from './photo-metadata';
import type { ScannedFile } from './scan';
import { evidenceSigns } from './signs';
import { extensionLies, hasMediaExtension } from './sniff';
import { Cancelled } from './store';
import { ToolError } from './tools';
import { videoFacts } from './video-metadata';

// Importing a citizen's files into a report: one pass per file copies and hashes it into the store,
// then the stored copy (never the citizen's drive) is read for time, place and device. A bad file is
// reported and skipped; the others go on.

export type { ImportResult };
export type ImportedFile = Extract<ImportResult, { ok: true }>;
export type FailedFile = Extract<ImportResult, { ok: false }>;

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface ImportRequest {
  reportId: number;
  files: ScannedFile[];
  sourceLabel: string;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  onFile?: (r: ImportResult) => void;
  signal?: AbortSignal;
  /** Files in flight at once: copying is disk-bound, hashing and probing CPU-bound. */
  concurrency?: number;
}

function errorMessage(err: unknown, name: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (err instanceof Cancelled) return vi.evidenceError.cancelled(name);
  if (code === 'ENOSPC' || code === 'EDQUOT') return vi.evidenceError.diskFull(name);
  if (code === 'ENOENT' || code === 'EIO' || code === 'ENXIO' || code === 'ENODEV') return vi.evidenceError.sourceGone(name);
  if (code === 'EACCES' || code === 'EPERM') return vi.evidenceError.denied(name);
  if (err instanceof ToolError) return err.timedOut ? vi.evidenceError.timedOut(name) : vi.evidenceError.unreadable(name, 'định dạng video không hợp lệ');
  return vi.evidenceError.unreadable(name, 'định dạng không hợp lệ');
}

async function readFacts(kind: string, format: string, storedFile: string): Promise<MediaFacts> {
  if (kind === 'photo') return photoFacts(storedFile, format);
  if (kind === 'video') return videoFacts(storedFile, format);
  return noFacts();
}

async function importOne(station: Station, req: ImportRequest, file: ScannedFile,
  onBytes: (n: number) => void, signal?: AbortSignal): Promise<ImportResult> {
  const rawName = basename(file.path);
  const name = nfc(rawName);
  const failed = (error: string): FailedFile => ({ ok: false, path: file.relPath, name, error });
  if (file.size === 0) return failed(vi.evidenceError.empty(name));
  // Named like a photo or video, but the bytes are neither: nothing the desk can look at.
  if (file.kind === 'other' && hasMediaExtension(rawName)) return failed(vi.evidenceError.unreadable(name, 'nội dung không phải ảnh/video như đuôi tên tệp'));
  const stored = await station.store.ingest(file.path, onBytes, signal);
  let facts: MediaFacts;
  try {
    facts = await readFacts(file.kind, file.format, station.store.absolute(stored.storePath));
  } catch (err) {
    // Unreadable content is not evidence the desk can use: the copy goes (unless another report has it).
    if (!stored.existed) await station.store.remove(stored.storePath);
    station.log(`import ${file.path}: ${err instanceof Error ? err.message : String(err)}`);
    return failed(errorMessage(err, name));
  }
  const now = station.now();
  const signs = evidenceSigns(facts, { mtime: file.mtime, extensionLies: extensionLies(rawName, file), kind: file.kind }, now);
  const { evidenceId } = await recordImport(station.db, {
    sha256: stored.sha256, size: stored.size, kind: file.kind, format: file.format, storePath: stored.storePath,
    capturedLocal: facts.capture?.local ?? null, capturedOffset: facts.capture?.offset ?? null, capturedAt: facts.capture?.instant ?? null,
    lat: facts.location?.lat ?? null, lng: facts.location?.lng ?? null, make: facts.make, model: facts.model, software: facts.software,
    width: facts.width, height: facts.height, rotation: facts.rotation, durationS: facts.durationS, codecs: facts.codecs,
    signs, metadata: JSON.stringify(facts.raw), derivedFrom: null,
  }, {
    reportId: req.reportId, originalPath: nfc(file.relPath), originalName: name, originalNameRaw: rawName,
    sourceLabel: req.sourceLabel, fileMtime: file.mtime.toISOString(), at: now.toISOString(), officerId: station.officerId,
  });
  return {
    ok: true, path: file.relPath, name, evidenceId, sha256: stored.sha256, size: stored.size, kind: file.kind, format: file.format,
    capture: facts.capture, location: facts.location, device: [facts.make, facts.model].filter(Boolean).join(' ') || null,
    software: facts.software, signs, duplicate: stored.existed,
  };
}

export async function importFiles(station: Station, req: ImportRequest, opts: ImportOptions = {}): Promise<ImportResult[]> {
  const progress: ImportProgress = {
    filesDone: 0, filesTotal: req.files.length, bytesDone: 0, bytesTotal: req.files.reduce((n, f) => n + f.size, 0),
  };
  const results: ImportResult[] = new Array(req.files.length);
  let next = 0;
  const worker = async () => {
    while (next < req.files.length) {
      const index = next++;
      const file = req.files[index]!;
      let result: ImportResult;
      try {
        result = await importOne(station, req, file, (n) => { progress.bytesDone += n; opts.onProgress?.(progress); }, opts.signal);
      } catch (err) {
        if (!(err instanceof Cancelled) && !(err as NodeJS.ErrnoException).code) station.log(`import ${file.path}: ${String(err)}`);
        result = { ok: false, path: file.relPath, name: nfc(basename(file.path)), error: errorMessage(err, nfc(basename(file.path))) };
      }
      results[index] = result;
      progress.filesDone += 1;
      opts.onFile?.(result);
      opts.onProgress?.(progress);
      if (opts.signal?.aborted) return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  // Cancelled before they started: not in the list (nothing happened to them).
  return results.filter(Boolean);
}
