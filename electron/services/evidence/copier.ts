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
parentPort.on('message', ({ id, source, target }) => {
  let input = -1;
  let output = -1;
  try {
    input = fs.openSync(source, fs.constants.O_RDONLY);
    const before = fs.fstatSync(input);
    output = fs.openSync(target, 'wx', 0o600);
    const hash = crypto.createHash('sha256');
    let size = 0;
    for (;;) {
      if (Atomics.load(cancel, 0) === id) throw Object.assign(new Error('cancelled'), { code: 'STATION_CANCELLED' });
      const n = fs.readSync(input, buffer, 0, CHUNK, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      for (let written = 0; written < n;) written += fs.writeSync(output, chunk, written, n - written);
      size += n;
      parentPort.postMessage({ id, bytes: n });
    }
    const after = fs.fstatSync(input);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== after.size) {
      throw Object.assign(new Error('source changed while it was copied'), { code: 'STATION_SOURCE_CHANGED' });
    }
    fs.closeSync(output);
    output = -1;
    parentPort.postMessage({ id, done: { sha256: hash.digest('hex'), size } });
  } catch (err) {
    if (output >= 0) fs.closeSync(output);
    try { fs.rmSync(target, { force: true }); } catch {}
    parentPort.postMessage({ id, error: { code: err.code, message: String(err.message) } });
  } finally {
    if (input >= 0) fs.closeSync(input);
  }
});
`;

export interface CopyJob {
  source: string;
  target: string;
  onBytes: (n: number) => void;
  signal?: AbortSignal;
}

interface Running { job: CopyJob; resolve: (r: { sha256: string; size: number }) => void; reject: (e: Error) => void }

class CopyWorker {
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private running: { id: number; run: Running } | null = null;

  constructor(private readonly onIdle: (w: CopyWorker) => void, onGone: () => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { cancel: this.cancel.buffer } });
    this.worker.on('message', (m: { id: number; bytes?: number; done?: { sha256: string; size: number }; error?: { code?: string; message: string } }) => {
      const current = this.running;
      if (!current || current.id !== m.id) return;
      if (m.bytes !== undefined) return current.run.job.onBytes(m.bytes);
      this.running = null;
      this.worker.unref();
      if (m.done) current.run.resolve(m.done);
      else current.run.reject(Object.assign(new Error(m.error!.message), { code: m.error!.code }));
      this.onIdle(this);
    });
    // A worker that dies fails its copy; the pool starts a new one for the next.
    this.worker.on('error', (err) => {
      this.running?.run.reject(err);
      this.running = null;
    });
    this.worker.on('exit', onGone);
    // An idle pool must not keep the process alive; a copy in progress must (see start()). After the
    // listeners: adding one refs the worker again.
    this.worker.unref();
  }

  start(id: number, run: Running): void {
    this.running = { id, run };
    this.worker.ref();
    Atomics.store(this.cancel, 0, 0);
    run.job.signal?.addEventListener('abort', () => {
      if (this.running?.id === id) Atomics.store(this.cancel, 0, id);
    }, { once: true });
    this.worker.postMessage({ id, source: run.job.source, target: run.job.target });
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
