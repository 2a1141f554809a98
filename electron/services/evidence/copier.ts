import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// Copy-and-hash on worker threads: SHA-256 of gigabytes would otherwise hold the main thread, which also
// reads metadata and answers the page. Each worker copies one file at a time with plain blocking reads
// and writes, hashing each chunk on the way (one pass, constant memory).
//
// The worker's code is a string evaluated by the worker (CommonJS, `require` available): no file path to
// find, whether the station runs from sources (tsx, vitest) or from the Electron bundle.

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const CHUNK = 4 * 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);
const cancel = new Int32Array(workerData.cancel);
// Never through a link, never waiting on a FIFO or a device: what is opened is checked on the descriptor.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0);
const fail = (code, message) => Object.assign(new Error(message), { code });
const same = (a, b) => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

function hashOf(fd, limit) {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for (;;) {
    const n = fs.readSync(fd, buffer, 0, Math.min(CHUNK, limit - size), size);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    size += n;
  }
  return { sha256: hash.digest('hex'), size };
}

parentPort.on('message', ({ id, source, target, expected, verifySource }) => {
  let input = -1;
  let output = -1;
  try {
    try {
      input = fs.openSync(source, OPEN_FLAGS);
    } catch (err) {
      if (err.code === 'ELOOP' || err.code === 'EMLINK') throw fail('STATION_NOT_REGULAR', 'a link where a file was scanned');
      throw err;
    }
    const before = fs.fstatSync(input, { bigint: true });
    if (!before.isFile()) throw fail('STATION_NOT_REGULAR', 'not a regular file');
    if (expected && (String(before.dev) !== expected.dev || String(before.ino) !== expected.ino || Number(before.size) !== expected.size
      || String(before.ctimeNs) !== expected.ctimeNs)) {
      throw fail('STATION_SOURCE_CHANGED', 'not the file the scan saw');
    }
    // Never more than the scan saw (plus one byte, to notice growth): a file cannot become endless.
    const limit = (expected ? expected.size : Number(before.size)) + 1;
    output = fs.openSync(target, 'wx', 0o600);
    const hash = crypto.createHash('sha256');
    let size = 0;
    for (;;) {
      if (Atomics.load(cancel, 0) === id) throw fail('STATION_CANCELLED', 'cancelled');
      const n = fs.readSync(input, buffer, 0, Math.min(CHUNK, limit - size), null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      for (let written = 0; written < n;) written += fs.writeSync(output, chunk, written, n - written);
      size += n;
      parentPort.postMessage({ id, bytes: n });
    }
    // The change time is set by the system on every write and cannot be set back by the user, unlike mtime.
    const after = fs.fstatSync(input, { bigint: true });
    if (!same(before, after) || size !== Number(after.size)) throw fail('STATION_SOURCE_CHANGED', 'source changed while it was copied');
    fs.closeSync(output);
    output = -1;
    const sha256 = hash.digest('hex');
    // As forensic imagers do: read the source again and compare, for changes no time stamp shows.
    if (verifySource && hashOf(input, size + 1).sha256 !== sha256) throw fail('STATION_SOURCE_CHANGED', 'source differs from its copy');
    parentPort.postMessage({ id, done: { sha256, size } });
  } catch (err) {
    if (output >= 0) fs.closeSync(output);
    try { fs.rmSync(target, { force: true }); } catch {}
    parentPort.postMessage({ id, error: { code: err.code, message: String(err.message) } });
  } finally {
    if (input >= 0) fs.closeSync(input);
  }
});
`;

/** What the scan saw of a source file: the copy refuses anything else in its place. */
export interface ExpectedSource {
  dev: string;
  ino: string;
  size: number;
  ctimeNs: string;
}

export interface CopyJob {
  source: string;
  target: string;
  onBytes: (n: number) => void;
  signal?: AbortSignal;
  expected?: ExpectedSource;
  /** Re-read the source after the copy and compare hashes. */
  verifySource?: boolean;
}

interface Running { job: CopyJob; resolve: (r: { sha256: string; size: number }) => void; reject: (e: Error) => void }

/** A cancelled copy must let go at once; a read that gives nothing for this long is stuck (a dying stick). */
const CANCEL_GRACE_MS = 500;
const STALL_MS = 30_000;

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

class CopyWorker {
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private running: { id: number; run: Running; watchdog: NodeJS.Timeout; onAbort: () => void } | null = null;

  constructor(private readonly onIdle: (w: CopyWorker) => void, private readonly onGone: () => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { cancel: this.cancel.buffer } });
    this.worker.on('message', (m: { id: number; bytes?: number; done?: { sha256: string; size: number }; error?: { code?: string; message: string } }) => {
      const current = this.running;
      if (!current || current.id !== m.id) return;
      if (m.bytes !== undefined) {
        current.watchdog.refresh();
        return current.run.job.onBytes(m.bytes);
      }
      this.settle();
      if (m.done) current.run.resolve(m.done);
      else current.run.reject(failure(m.error!.code ?? '', m.error!.message));
      this.onIdle(this);
    });
    // A worker that dies fails its copy; the pool starts a new one for the next.
    this.worker.on('error', (err) => {
      const current = this.running;
      this.settle();
      current?.run.reject(err);
    });
    this.worker.on('exit', () => this.abandon());
    // An idle pool must not keep the process alive; a copy in progress must (see start()). After the
    // listeners: adding one refs the worker again.
    this.worker.unref();
  }

  private settle(): void {
    if (this.running) {
      clearTimeout(this.running.watchdog);
      // One signal serves a whole import: its listener for a finished copy goes with it.
      this.running.run.job.signal?.removeEventListener('abort', this.running.onAbort);
    }
    this.running = null;
    this.worker.unref();
  }

  /**
   * A worker blocked in a read cannot be interrupted: its copy is failed now, its partial file removed,
   * and the worker left out of the pool (terminated as soon as the read returns).
   */
  private abandon(code?: string): void {
    const current = this.running;
    this.settle();
    if (current && code) {
      current.run.reject(failure(code, code === 'STATION_CANCELLED' ? 'cancelled' : 'read stalled'));
      void rm(current.run.job.target, { force: true }).catch(() => {});
    }
    if (!this.gone) {
      this.gone = true;
      void this.worker.terminate().catch(() => {});
      this.onGone();
    }
  }

  private gone = false;

  start(id: number, run: Running): void {
    const watchdog = setTimeout(() => { if (this.running?.id === id) this.abandon('STATION_STALLED'); }, STALL_MS);
    const onAbort = () => {
      if (this.running?.id !== id) return;
      Atomics.store(this.cancel, 0, id);
      setTimeout(() => { if (this.running?.id === id) this.abandon('STATION_CANCELLED'); }, CANCEL_GRACE_MS).unref();
    };
    this.running = { id, run, watchdog, onAbort };
    this.worker.ref();
    Atomics.store(this.cancel, 0, 0);
    run.job.signal?.addEventListener('abort', onAbort, { once: true });
    const { source, target, expected, verifySource } = run.job;
    this.worker.postMessage({ id, source, target, expected, verifySource: verifySource === true });
  }
}

/** A small pool: one worker per core (at most 4), jobs queued beyond that. */
export class Copier {
  private readonly idle: CopyWorker[] = [];
  private readonly queue: Running[] = [];
  private workers = 0;
  private nextId = 1;
  private readonly size = Math.min(4, availableParallelism());

  copy(job: CopyJob): Promise<{ sha256: string; size: number }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker && this.workers < this.size) {
        this.workers += 1;
        worker = new CopyWorker((w) => { this.idle.push(w); this.pump(); }, () => { this.workers -= 1; this.pump(); });
      }
      if (!worker) return;
      const run = this.queue.shift()!;
      if (run.job.signal?.aborted) {
        this.idle.push(worker);
        run.reject(Object.assign(new Error('cancelled'), { code: 'STATION_CANCELLED' }));
        continue;
      }
      worker.start(this.nextId++, run);
    }
  }
}
