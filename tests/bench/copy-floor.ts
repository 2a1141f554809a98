import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// Child process of the import benchmark: the least any import that hashes what it copies must do, with nothing of
// the station's — each file read once in 4 MiB chunks, hashed (SHA-256) and written, then flushed to disk, by two
// worker threads (this machine's cores). What it takes against `cp -r` + `sync` (which copies inside the kernel and
// hashes nothing) is the floor of the import's ratio on this machine. Prints {"ms": …}.

const [folder, target] = process.argv.slice(2) as [string, string];
const files = (readdirSync(folder, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
mkdirSync(target, { recursive: true });

const WORKER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
const next = new Int32Array(workerData.next);
for (;;) {
  const k = Atomics.add(next, 0, 1);
  if (k >= workerData.files.length) break;
  const input = fs.openSync(workerData.files[k], 'r');
  const output = fs.openSync(workerData.target + '/' + k, 'wx', 0o600);
  const hash = crypto.createHash('sha256');
  for (;;) {
    const n = fs.readSync(input, buffer, 0, buffer.length, null);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    for (let w = 0; w < n;) w += fs.writeSync(output, buffer, w, n - w);
  }
  hash.digest('hex');
  fs.fsyncSync(output);
  fs.closeSync(output);
  fs.closeSync(input);
}
parentPort.postMessage('done');
`;

const next = new SharedArrayBuffer(4);
const started = performance.now();
await Promise.all([0, 1].map(() => new Promise((resolve, reject) => {
  const w = new Worker(WORKER, { eval: true, workerData: { files, target, next } });
  w.once('message', resolve);
  w.once('error', reject);
})));
console.log(JSON.stringify({ ms: performance.now() - started }));
