import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadSharp } from './plate-image';

// Finding faces on a photo or still, offline, for the redaction editor: the Tiny Face Detector (a 190 KB model
// that ships in @vladmandic/face-api's `model/` folder, MIT) run by TensorFlow.js on its WebAssembly backend
// (the .wasm files ship in @tensorflow/tfjs-backend-wasm: nothing is downloaded or built at install).
//
// A bystander across the road is 40–80 px wide in a 12-megapixel photo, too small for the detector on the whole
// picture at once (its input is some hundreds of pixels). So the picture is brought to WORK_LONG pixels on its long
// side and read in overlapping square tiles of TILE pixels, at that scale, plus once whole for the faces larger
// than a tile's overlap; the boxes found twice are merged. The tiles are shared between two worker threads (the
// desk's main thread keeps answering), each with its own copy of the model.
//
// Measured on generated street scenes (tests/support/faces.ts, `npm run bench:faces`): see the README.

/** The long side the picture is read at: a 12 MP photo's faces of 48 px become ~28 px, which the detector finds. */
const WORK_LONG = 2048;
/** The tiles' side and how much they overlap (a face up to OVERLAP px wide at the working scale is whole in one). */
const TILE = 1120;
const OVERLAP = 160;
/** The whole picture is read at this size too (the large faces, which no tile holds whole). */
const WHOLE = 608;
/** A face is proposed from this score up (the officer removes a wrong box; a missed face is a leak). */
export const FACE_THRESHOLD = 0.3;
/** Two boxes are one face when this much of the smaller lies in the larger. */
const SAME_FACE = 0.5;
/**
 * The detector's box runs brow to chin and ear to ear: it is widened by these shares of its size so the forehead
 * and hair, the ears and the jaw's edge are hidden too.
 */
const PAD = { side: 0.15, top: 0.3, bottom: 0.1 };
const WORKERS = Math.max(1, Math.min(2, availableParallelism()));
/**
 * The largest picture decoded: a 200-megapixel phone photo (16,320 × 12,240) and no more — a small file claiming
 * 30,000 × 30,000 pixels would take gigabytes to decode.
 */
export const PICTURE_LIMIT = { limitInputPixels: 210_000_000 };
/** A worker that has not answered by then is stuck: it is ended and the detection fails (the officer draws by hand). */
const TIMEOUT_MS = 60_000;

export interface Found { left: number; top: number; width: number; height: number; score: number }
/** A square of the picture for the detector: its RGB pixels (side × side), where it is, and how many picture pixels one of its pixels is. */
interface Tile { pixels: Uint8Array<ArrayBuffer>; side: number; left: number; top: number; scale: number }

// The worker's code is a string evaluated by the worker (CommonJS), as copier.ts does: no file path to find,
// whether the station runs from sources or from a bundle. The libraries are required by absolute path.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const tf = require(workerData.tfjs);
const wasm = require(workerData.wasm);
const faceapi = require(workerData.faceapi);
const ready = (async () => {
  wasm.setWasmPaths(workerData.wasmDir);
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js WebAssembly backend did not start');
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(workerData.modelDir);
})();
ready.catch(() => {});
parentPort.on('message', async ({ tiles, threshold }) => {
  try {
    await ready;
    const found = [];
    for (const t of tiles) {
      const input = tf.tensor3d(Float32Array.from(t.pixels), [t.side, t.side, 3], 'float32');
      try {
        const faces = await faceapi.detectAllFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize: t.side, scoreThreshold: threshold }));
        for (const f of faces) found.push({ left: t.left + f.box.x * t.scale, top: t.top + f.box.y * t.scale, width: f.box.width * t.scale, height: f.box.height * t.scale, score: f.score });
      } finally {
        input.dispose();
      }
    }
    parentPort.postMessage({ found });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

function workerData() {
  const load = createRequire(import.meta.url);
  const dirOf = (name: string) => dirname(load.resolve(`${name}/package.json`));
  return {
    tfjs: load.resolve('@tensorflow/tfjs'),
    wasm: load.resolve('@tensorflow/tfjs-backend-wasm'),
    wasmDir: `${join(dirOf('@tensorflow/tfjs-backend-wasm'), 'dist')}/`,
    faceapi: join(dirOf('@vladmandic/face-api'), 'dist', 'face-api.node-wasm.js'),
    modelDir: join(dirOf('@vladmandic/face-api'), 'model'),
  };
}

interface Job { tiles: Tile[]; resolve: (found: Found[]) => void; reject: (error: Error) => void }

/** One worker thread, one job at a time (its time limit runs from the job's start, not from its wait in the queue). */
class DetectorWorker {
  private readonly worker: Worker;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | null = null;
  gone = false;

  constructor(data: ReturnType<typeof workerData>) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data });
    this.worker.on('message', (m: { found?: Found[]; error?: string }) => {
      const current = this.running;
      if (!current) return;
      clearTimeout(current.timer);
      this.running = null;
      if (m.found) current.job.resolve(m.found);
      else current.job.reject(new Error(`Face detection failed: ${m.error}`));
      this.next();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('Face detection worker ended')));
    this.worker.unref();
  }

  detect(tiles: Tile[]): Promise<Found[]> {
    if (this.gone) return Promise.reject(new Error('Face detection worker ended'));
    return new Promise((resolve, reject) => {
      this.queue.push({ tiles, resolve, reject });
      if (!this.running) this.next();
    });
  }

  private next() {
    const job = this.queue.shift();
    if (!job) {
      // An idle pool does not keep the process alive.
      this.worker.unref();
      return;
    }
    this.worker.ref();
    const timer = setTimeout(() => {
      this.fail(new Error(`Face detection took over ${TIMEOUT_MS / 1000} s`));
      void this.worker.terminate();
    }, TIMEOUT_MS);
    this.running = { job, timer };
    this.worker.postMessage({ tiles: job.tiles, threshold: FACE_THRESHOLD }, job.tiles.map((t) => t.pixels.buffer));
  }

  /** The worker is gone: its job and those waiting fail (the officer can try again: a new worker starts). */
  private fail(error: Error) {
    this.gone = true;
    if (this.running) clearTimeout(this.running.timer);
    const jobs = [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)];
    this.running = null;
    for (const job of jobs) job.reject(error);
  }

  stop() {
    return this.worker.terminate();
  }
}

let pool: DetectorWorker[] = [];

function workers(): DetectorWorker[] {
  pool = pool.filter((w) => !w.gone);
  if (pool.length < WORKERS) {
    const data = workerData();
    while (pool.length < WORKERS) pool.push(new DetectorWorker(data));
  }
  return pool;
}

/** Ends the workers (tests, and the station's close). */
export async function stopFaceDetector() {
  const all = pool;
  pool = [];
  await Promise.all(all.map((w) => w.stop()));
}

/** Positions of `size` along `length`, evenly spread, each overlapping the next by at least `overlap`. */
function spans(length: number, size: number, overlap: number): number[] {
  if (length <= size) return [0];
  const n = Math.ceil((length - overlap) / (size - overlap));
  return Array.from({ length: n }, (_, i) => Math.round((i * (length - size)) / (n - 1)));
}

/** How much of the smaller box the larger covers. */
function overlap(a: Found, b: Found) {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w <= 0 || h <= 0 ? 0 : (w * h) / Math.min(a.width * a.height, b.width * b.height);
}

/**
 * A face found in two tiles (or in a tile and whole) is one box: the union of the two, never the higher-scoring
 * one alone — a face cut by a tile's edge is found as half a face there, and half a face hidden is a face shown.
 */
function merge(found: Found[]): Found[] {
  const kept: Found[] = [];
  for (const f of [...found].sort((a, b) => b.score - a.score)) {
    const same = kept.find((k) => overlap(k, f) >= SAME_FACE);
    if (!same) {
      kept.push({ ...f });
      continue;
    }
    const right = Math.max(same.left + same.width, f.left + f.width);
    const bottom = Math.max(same.top + same.height, f.top + f.height);
    same.left = Math.min(same.left, f.left);
    same.top = Math.min(same.top, f.top);
    same.width = right - same.left;
    same.height = bottom - same.top;
  }
  return kept;
}

/**
 * The faces on a picture (any format sharp reads, EXIF-oriented as shown), as fractions of the upright picture,
 * most certain first. Throws when the picture cannot be decoded or the detector cannot run.
 */
export async function findFaces(image: Buffer): Promise<Found[]> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(image, PICTURE_LIMIT).rotate()
    .resize({ width: WORK_LONG, height: WORK_LONG, fit: 'inside', withoutEnlargement: true })
    .removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const long = Math.max(width, height);
  const tiles: Tile[] = [];
  const cut = (left: number, top: number, side: number) => {
    // Row by row; what is past the picture's edge stays black.
    const pixels = new Uint8Array(side * side * 3);
    const w = Math.min(side, width - left);
    for (let y = 0; y < Math.min(side, height - top); y++) {
      const from = ((top + y) * width + left) * 3;
      pixels.set(data.subarray(from, from + w * 3), y * side * 3);
    }
    tiles.push({ pixels, side, left, top, scale: 1 });
  };
  if (long <= TILE) {
    // A small picture is read once, at its own size (the detector takes sides in multiples of 32).
    cut(0, 0, Math.ceil(long / 32) * 32);
  } else {
    for (const top of spans(height, TILE, OVERLAP)) for (const left of spans(width, TILE, OVERLAP)) cut(left, top, TILE);
    const whole = await sharp(data, { raw: { width, height, channels: 3 } })
      .resize({ width: WHOLE, height: WHOLE, fit: 'contain', position: 'left top', background: '#000000' }).raw().toBuffer();
    tiles.push({ pixels: new Uint8Array(whole), side: WHOLE, left: 0, top: 0, scale: long / WHOLE });
  }
  const all = workers();
  const shares = all.map((_, i) => tiles.filter((_, k) => k % all.length === i)).filter((share) => share.length > 0);
  const found = (await Promise.all(shares.map((share, i) => all[i]!.detect(share)))).flat();
  return merge(found).map((box) => {
    const f = { left: box.left - box.width * PAD.side, top: box.top - box.height * PAD.top, width: box.width * (1 + 2 * PAD.side), height: box.height * (1 + PAD.top + PAD.bottom) };
    const left = Math.max(0, f.left);
    const top = Math.max(0, f.top);
    return {
      left: left / width, top: top / height,
      width: (Math.min(width, f.left + f.width) - left) / width, height: (Math.min(height, f.top + f.height) - top) / height, score: box.score,
    };
  }).filter((f) => f.width > 0 && f.height > 0);
}
