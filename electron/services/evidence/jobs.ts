import { randomUUID } from 'node:crypto';
import { basename, isAbsolute, resolve } from 'node:path';
import { getReport } from '../../../db/queries/reports';
import { vi } from '../../contract/messages.vi';
import { StationError } from '../errors';
import type { Station } from '../station';
import { importFiles, type ImportResult } from './import';
import { realFolder, refusedFolder, type ScanResult, scanFolder } from './scan';

// Imports run in the station process, not in the page: the officer can look elsewhere, reload, or come
// back, and the import goes on. The page asks for the status by id (the same on IPC and in browser mode).

interface Scan { id: string; folder: string; result: ScanResult }
interface Job {
  id: string;
  state: 'running' | 'done' | 'cancelled';
  startedAt: number;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  results: ImportResult[];
  controller: AbortController;
}

const KEEP = 20;

function keepRecent<T>(map: Map<string, T>): void {
  while (map.size > KEEP) map.delete(map.keys().next().value!);
}

export class ImportJobs {
  private scans = new Map<string, Scan>();
  private jobs = new Map<string, Job>();
  private scanning = new Map<string, AbortController>();

  /** `stationDirs`: the data folder and the evidence store, never scanned. */
  constructor(private readonly station: Station, private readonly stationDirs: string[]) {}

  /**
   * Reads a folder (never writing to it) and keeps the list: the import refers to it by id, never by path.
   * The page chooses the id, so it can cancel the scan while it runs.
   */
  async scan(scanId: string, folder: string) {
    const path = isAbsolute(folder) ? await realFolder(resolve(folder)) : null;
    if (!path) throw new StationError('rejected', vi.evidenceError.folderMissing(folder));
    if (refusedFolder(path, this.stationDirs)) throw new StationError('rejected', vi.evidenceError.systemFolder(folder));
    if (this.scanning.has(scanId) || this.scans.has(scanId)) throw new StationError('rejected', vi.error.invalidInput);
    const controller = new AbortController();
    this.scanning.set(scanId, controller);
    let result: ScanResult;
    try {
      result = await scanFolder(path, { signal: controller.signal, skip: this.stationDirs });
    } finally {
      this.scanning.delete(scanId);
    }
    this.scans.set(scanId, { id: scanId, folder: path, result });
    keepRecent(this.scans);
    return {
      scanId, folder: path, byKind: result.byKind, problems: result.problems.map((p) => p.message), limited: result.limited,
      files: result.files.map((f) => ({ relPath: f.relPath.normalize('NFC'), size: f.size, kind: f.kind, format: f.format })),
    };
  }

  cancelScan(scanId: string): void {
    this.scanning.get(scanId)?.abort();
  }

  async start(scanId: string, reportId: number, relPaths: string[]): Promise<{ importId: string }> {
    const scan = this.scans.get(scanId);
    if (!scan) throw new StationError('not-found', vi.evidenceError.scanExpired);
    if (!(await getReport(this.station.db, this.station.unitId, reportId))) throw new StationError('not-found', vi.error.notFound);
    const wanted = new Set(relPaths);
    const files = scan.result.files.filter((f) => wanted.has(f.relPath.normalize('NFC')));
    const job: Job = {
      id: randomUUID(), state: 'running', startedAt: Date.now(), filesDone: 0, filesTotal: files.length, bytesDone: 0,
      bytesTotal: files.reduce((n, f) => n + f.size, 0), results: [], controller: new AbortController(),
    };
    this.jobs.set(job.id, job);
    keepRecent(this.jobs);
    // Not awaited: the call returns at once and the page follows the job by its id.
    void importFiles(this.station, { reportId, files, sourceLabel: basename(scan.folder) || scan.folder }, {
      signal: job.controller.signal,
      onProgress: (p) => { job.filesDone = p.filesDone; job.bytesDone = p.bytesDone; },
      onFile: (r) => job.results.push(r),
    }).then(
      () => { job.state = job.controller.signal.aborted ? 'cancelled' : 'done'; },
      (err: unknown) => { this.station.log(`import job ${job.id}: ${String(err)}`); job.state = 'done'; },
    );
    return { importId: job.id };
  }

  status(importId: string) {
    const job = this.jobs.get(importId);
    if (!job) throw new StationError('not-found', vi.error.notFound);
    const seconds = (Date.now() - job.startedAt) / 1000;
    const rate = seconds > 0 ? job.bytesDone / seconds : 0;
    return {
      importId: job.id, state: job.state, filesDone: job.filesDone, filesTotal: job.filesTotal, bytesDone: job.bytesDone,
      bytesTotal: job.bytesTotal, bytesPerSecond: Math.round(rate),
      etaSeconds: job.state === 'running' && rate > 0 ? Math.round((job.bytesTotal - job.bytesDone) / rate) : null,
      results: job.results,
    };
  }

  /** Stops now: files being copied are dropped (no partial copy stays), finished ones stay imported. */
  cancel(importId: string): void {
    const job = this.jobs.get(importId);
    if (!job) throw new StationError('not-found', vi.error.notFound);
    job.controller.abort();
  }
}
