import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { normalizePlate } from '../../contract/domain/plate';

// Reads the licence plate inside the officer's drag box on a photo or a still, offline: Tesseract (tesseract.js,
// WebAssembly in a worker thread) with the English model shipped in node_modules, never a download. The picture
// is cleaned first, because Tesseract reads a straight, clean line of text well and a plate in a street scene
// badly: the box is cut out, straightened, turned into dark text on light, each line of the plate found as a row
// of character-sized blobs (this also drops the plate's border, its edges and the street around it), and each
// line read on its own as a single line of plate characters. What Tesseract reads is then held to the plate
// rules (normalizePlate): a letter read where the layout needs a digit is taken for the digit it looks like, and
// the other way round, but a character is never added, so a plate it could not read is null, not a guess.

export interface PlateBox { left: number; top: number; width: number; height: number }

export interface PlateRead {
  /** The canonical plate (normalizePlate) when what was read is a plausible plate; else null. */
  text: string | null;
  /** What Tesseract read, the plate's lines joined by a space. */
  raw: string;
  lines: string[];
  /** Tesseract's mean confidence over the lines, 0–100. */
  confidence: number;
  /** PNG of the cleaned, straightened lines that were read: kept as a derived evidence item. */
  crop: Buffer;
}

// Digits, the series letters (never I, J, O, Q, W) and the separators printed on plates.
const WHITELIST = '0123456789ABCDEFGHKLMNPSTUVXYZ-.';
// Tesseract's line recogniser reads best with characters some tens of pixels tall: lines are scaled to this.
const LINE_HEIGHT = Number(process.env.PLATE_LH ?? 64);
const MIN_BOX = 12;
const MAX_SKEW = 12;

type TesseractWorker = import('tesseract.js').Worker;
let starting: Promise<TesseractWorker> | null = null;

/**
 * The one worker of this process, started on first use and then reused: starting it (the WebAssembly core and
 * the 3 MB model read from node_modules) takes about a second, so the first read pays that once.
 */
function plateWorker(): Promise<TesseractWorker> {
  starting ??= startWorker().catch((error: unknown) => {
    starting = null;
    throw error;
  });
  return starting;
}

async function startWorker(): Promise<TesseractWorker> {
  const require = createRequire(import.meta.url);
  const resolveDir = (name: string, from: NodeJS.Require = require) => {
    try {
      return dirname(from.resolve(`${name}/package.json`));
    } catch (error) {
      throw new Error(`Plate reader cannot start: ${name} is not installed (${(error as Error).message})`, { cause: error });
    }
  };
  const tesseractDir = resolveDir('tesseract.js');
  // The WebAssembly core is required by the worker from tesseract.js's own node_modules resolution.
  const corePath = resolveDir('tesseract.js-core', createRequire(join(tesseractDir, 'package.json')));
  // The LSTM model only ("best_int", 3 MB), read from disk: langPath a folder, gzip, and no cache written to cwd.
  const langPath = join(resolveDir('@tesseract.js-data/eng'), process.env.PLATE_LANG ?? '4.0.0_best_int');
  const workerPath = join(tesseractDir, 'src', 'worker-script', 'node', 'index.js');
  for (const file of [join(langPath, 'eng.traineddata.gz'), workerPath]) {
    // A missing worker script would surface as an unhandled 'error' event of the worker thread: checked first.
    if (!existsSync(file)) throw new Error(`Plate reader cannot start: ${file} is missing`);
  }
  const tesseract = require('tesseract.js') as typeof import('tesseract.js');
  let failure = '';
  const created = tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, {
    langPath, gzip: true, cacheMethod: 'none', workerPath, corePath,
    // Without a handler, tesseract.js throws a worker's failure from its message listener (an uncaught exception).
    errorHandler: (error: unknown) => { failure = String(error); },
    logger: () => {},
  }, { load_system_dawg: '0', load_freq_dawg: '0' });
  let timer: NodeJS.Timeout | undefined;
  // A model that fails to load leaves createWorker's promise pending for ever: bounded here.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Plate reader cannot start: Tesseract did not start in 60 s ${failure}`.trim())), 60_000);
  });
  try {
    const worker = await Promise.race([created, timeout]);
    await worker.setParameters({
      tessedit_pageseg_mode: tesseract.PSM.SINGLE_LINE,
      tessedit_char_whitelist: WHITELIST,
      user_defined_dpi: '300',
    });
    return worker;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(reason.startsWith('Plate reader') ? reason : `Plate reader cannot start: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Ends the worker thread (tests, shutdown); the next read starts a new one. */
export async function closePlateReader(): Promise<void> {
  const worker = starting;
  starting = null;
  if (worker) await (await worker.catch(() => null))?.terminate();
}

/** A greyscale picture, one byte a pixel, row by row. */
interface Grey { data: Uint8Array; width: number; height: number }

export async function readPlate(image: Buffer, box: PlateBox | null): Promise<PlateRead> {
  const worker = plateWorker();
  const lines = await cleanLines(image, box);
  const crop = await encode(stack(lines.map((l) => l.image)));
  const read: { text: string; confidence: number }[] = [];
  for (const line of lines) {
    let png = await encode(line.image);
    const xs = Number(process.env.PLATE_XS ?? 1);
    if (xs !== 1) png = await sharp(png).resize(Math.round(line.image.width * xs), line.image.height, { fit: 'fill' }).png().toBuffer();
    const { data } = await (await worker).recognize(png);
    read.push({ text: data.text.replace(/\s+/g, ''), confidence: data.confidence });
  }
  const texts = read.map((r) => r.text);
  return {
    text: plateOf(texts),
    raw: texts.join(' '),
    lines: texts,
    confidence: read.length ? Math.round(read.reduce((sum, r) => sum + r.confidence, 0) / read.length) : 0,
    crop,
  };
}

/** The box's pixels (with a small margin), EXIF-oriented, greyscale; refuses a box that holds no plate. */
async function cutOut(image: Buffer, box: PlateBox | null): Promise<Grey> {
  const meta = await sharp(image).metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new Error('Plate reader: the picture has no size');
  let region = { left: 0, top: 0, width, height };
  if (box) {
    const values = [box.left, box.top, box.width, box.height];
    if (!values.every(Number.isFinite) || box.width < MIN_BOX || box.height < MIN_BOX) {
      throw new Error(`Plate reader: the box is too small (at least ${MIN_BOX} × ${MIN_BOX} pixels)`);
    }
    // A drag is rarely exact: a margin of 4 % keeps characters the box just cut.
    const mx = Math.max(2, box.width * 0.04);
    const my = Math.max(2, box.height * 0.04);
    const left = Math.max(0, Math.floor(box.left - mx));
    const top = Math.max(0, Math.floor(box.top - my));
    const right = Math.min(width, Math.ceil(box.left + box.width + mx));
    const bottom = Math.min(height, Math.ceil(box.top + box.height + my));
    if (right - left < MIN_BOX || bottom - top < MIN_BOX) {
      throw new Error(`Plate reader: the box is outside the picture (${width} × ${height})`);
    }
    region = { left, top, width: right - left, height: bottom - top };
  }
  // A whole photo is brought down to a size a plate still reads at, so the work stays bounded.
  const shrink = Math.min(1, 1600 / Math.max(region.width, region.height));
  const { data, info } = await sharp(image, { autoOrient: true }).extract(region)
    .resize(Math.max(1, Math.round(region.width * shrink)), Math.max(1, Math.round(region.height * shrink)))
    .greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height), width: info.width, height: info.height };
}

interface Line { image: Grey }

/** The plate's lines, straightened, dark on light, scaled, each cleaned of everything but its characters. */
async function cleanLines(image: Buffer, box: PlateBox | null): Promise<Line[]> {
  const region = await cutOut(image, box);
  // A first look at a fixed size: which way the lines run, and how tall the characters are.
  const s1 = Math.min(4, 400 / region.width, 400 / region.height);
  const angle = skewOf(resample(region, 0, s1));
  if (process.env.PLATE_DEBUG) console.log('angle', angle);
  const first = findLines(resample(region, angle, s1));
  const height = first.lines.length ? Math.min(...first.lines.map((l) => l.height)) : null;
  // Then the look that is read: scaled so that a line is LINE_HEIGHT pixels tall.
  const s2 = height ? Math.min(8, s1 * (LINE_HEIGHT / height)) : s1;
  const straight = resample(region, angle, s2);
  const found = findLines(straight);
  if (process.env.PLATE_DEBUG) await encode(found.binary.data.some((v) => v > 1) ? found.binary : { ...found.binary, data: found.binary.data.map((v) => (v ? 0 : 255)) }).then((png) => import('node:fs').then((fs) => fs.writeFileSync(process.env.PLATE_DEBUG!, png)));
  if (found.lines.length === 0) return [{ image: straight }];
  return found.lines.map((line) => ({ image: paintLine(found, line) }));
}

/**
 * The picture turned by `angle` degrees (counter to the plate's tilt) and scaled by `scale`, bilinear, edges
 * repeated outwards; the canvas grows to hold the turned picture.
 */
function resample(src: Grey, angle: number, scale: number): Grey {
  const t = (angle * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const width = Math.max(1, Math.round((src.width * Math.abs(cos) + src.height * Math.abs(sin)) * scale));
  const height = Math.max(1, Math.round((src.width * Math.abs(sin) + src.height * Math.abs(cos)) * scale));
  const data = new Uint8Array(width * height);
  const cx = src.width / 2;
  const cy = src.height / 2;
  for (let v = 0; v < height; v++) {
    const dv = (v + 0.5 - height / 2) / scale;
    for (let u = 0; u < width; u++) {
      const du = (u + 0.5 - width / 2) / scale;
      const x = Math.min(src.width - 1, Math.max(0, cx + du * cos - dv * sin - 0.5));
      const y = Math.min(src.height - 1, Math.max(0, cy + du * sin + dv * cos - 0.5));
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const y1 = Math.min(src.height - 1, y0 + 1);
      const fx = x - x0;
      const fy = y - y0;
      const top = src.data[y0 * src.width + x0]! * (1 - fx) + src.data[y0 * src.width + x1]! * fx;
      const bottom = src.data[y1 * src.width + x0]! * (1 - fx) + src.data[y1 * src.width + x1]! * fx;
      data[v * width + u] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data, width, height };
}

/** Otsu's threshold of a picture's histogram. */
function otsu(grey: Grey): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of grey.data) histogram[value]!++;
  const total = grey.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * histogram[i]!;
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let threshold = 128;
  for (let i = 0; i < 256; i++) {
    below += histogram[i]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    sumBelow += i * histogram[i]!;
    const between = below * above * (sumBelow / below - (sum - sumBelow) / above) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

/**
 * The plate's tilt in degrees: the angle, from −12° to 12° then refined, at which the rows of the character-sized
 * blobs' pixels differ most (text rows against the gaps). Only those blobs count: the street around the plate and
 * the plate's own light field would pull the answer to the picture's edges.
 */
function skewOf(grey: Grey): number {
  const found = findLines(grey);
  const chars = new Set(charsOf(found.blobs, grey.width, grey.height).map((b) => b.label));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < grey.height; y++) {
    for (let x = 0; x < grey.width; x++) {
      if (chars.has(found.labels[y * grey.width + x]!)) {
        xs.push(x - grey.width / 2);
        ys.push(y - grey.height / 2);
      }
    }
  }
  if (xs.length === 0) return 0;
  const size = Math.ceil(Math.hypot(grey.width, grey.height)) + 2;
  const rows = new Float64Array(size);
  const score = (degrees: number) => {
    const t = (degrees * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    rows.fill(0);
    for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i]! * cos - xs[i]! * sin + size / 2)]!++;
    let sumOfSquares = 0;
    for (const count of rows) sumOfSquares += count * count;
    return sumOfSquares;
  };
  let best = 0;
  let bestScore = -1;
  const tryAngle = (degrees: number) => {
    const s = score(degrees);
    if (s > bestScore) {
      bestScore = s;
      best = degrees;
    }
  };
  for (let d = -MAX_SKEW; d <= MAX_SKEW; d += 1) tryAngle(d);
  const coarse = best;
  for (let d = coarse - 0.75; d <= coarse + 0.751; d += 0.25) tryAngle(d);
  return best;
}

interface Blob { left: number; top: number; right: number; bottom: number; area: number; label: number }
interface TextLine { top: number; bottom: number; left: number; right: number; height: number; blobs: Blob[] }
interface Found { binary: Grey; labels: Int32Array; blobs: Blob[]; lines: TextLine[]; score: number }

/**
 * The plate's lines of text, as rows of character-sized blobs: tried with dark text on light and with light text
 * on dark (white on blue state plates), keeping the reading that finds more characters.
 */
function findLines(grey: Grey): Found {
  stretch(grey);
  const threshold = otsu(grey);
  let best: Found | null = null;
  for (const darkText of [true, false]) {
    const binary = new Uint8Array(grey.data.length);
    for (let i = 0; i < binary.length; i++) binary[i] = (grey.data[i]! <= threshold) === darkText ? 1 : 0;
    const { labels, blobs } = components({ data: binary, width: grey.width, height: grey.height });
    const chars = charsOf(blobs, grey.width, grey.height);
    const lines = linesOf(chars);
    // The reading whose lines hold more characters; before straightening, the one with more characters at all.
    const score = lines.reduce((n, l) => n + l.blobs.length, 0) * 1000 + chars.length;
    if (!best || score > best.score) best = { binary: { data: binary, width: grey.width, height: grey.height }, labels, blobs, lines, score };
  }
  return best!;
}

/** Stretches the picture's levels so the 1st and 99th percentiles become black and white (dim, flat light). */
function stretch(grey: Grey): void {
  const histogram = new Array<number>(256).fill(0);
  for (const value of grey.data) histogram[value]!++;
  const at = (share: number) => {
    let seen = 0;
    for (let i = 0; i < 256; i++) if ((seen += histogram[i]!) >= share * grey.data.length) return i;
    return 255;
  };
  const low = at(0.01);
  const high = at(0.99);
  if (high - low < 8) return;
  for (let i = 0; i < grey.data.length; i++) grey.data[i] = Math.max(0, Math.min(255, ((grey.data[i]! - low) * 255) / (high - low)));
}

/** Connected blobs of 1-pixels (8-connected). */
function components(binary: Grey): { labels: Int32Array; blobs: Blob[] } {
  const { data, width, height } = binary;
  const labels = new Int32Array(data.length).fill(-1);
  const blobs: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || labels[start]! >= 0) continue;
    const blob: Blob = { left: width, top: height, right: -1, bottom: -1, area: 0, label: blobs.length };
    labels[start] = blob.label;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      blob.area++;
      if (x < blob.left) blob.left = x;
      if (x > blob.right) blob.right = x;
      if (y < blob.top) blob.top = y;
      if (y > blob.bottom) blob.bottom = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (data[q] && labels[q]! < 0) {
            labels[q] = blob.label;
            stack.push(q);
          }
        }
      }
    }
    blobs.push(blob);
  }
  return { labels, blobs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Blobs shaped like a plate's characters: taller than wide, not tiny, not touching the picture's edge. */
function charsOf(blobs: Blob[], width: number, height: number): Blob[] {
  return blobs.filter((b) => {
    const w = b.right - b.left + 1;
    const h = b.bottom - b.top + 1;
    return h >= 10 && h <= height * 0.95 && w <= h * 1.2 && w >= h * 0.08 && b.area >= 0.12 * w * h
      && b.left > 0 && b.top > 0 && b.right < width - 1 && b.bottom < height - 1;
  });
}

/**
 * Rows of character-sized blobs: one row (long car plate) or two stacked rows (short car plate, motorbike).
 * A character is taller than wide, not touching the picture's edge, and its row-mates share its height and line.
 */
function linesOf(chars: Blob[]): TextLine[] {
  const rows: TextLine[] = [];
  let left = chars;
  for (let k = 0; k < 2 && left.length >= 2; k++) {
    let bestRow: Blob[] = [];
    for (const seed of left) {
      const h = seed.bottom - seed.top + 1;
      const cy = (seed.top + seed.bottom) / 2;
      const mates = left.filter((b) => {
        const bh = b.bottom - b.top + 1;
        return Math.abs((b.top + b.bottom) / 2 - cy) < 0.3 * h && bh > 0.75 * h && bh < 1.33 * h;
      }).sort((a, b) => a.left - b.left);
      // Characters of a plate stand close together: a row breaks at a gap wider than two characters' height.
      let run: Blob[] = [];
      for (const b of mates) {
        if (run.length && b.left - run[run.length - 1]!.right > 1.6 * h) {
          if (run.includes(seed)) break;
          run = [];
        }
        run.push(b);
      }
      if (run.length > bestRow.length) bestRow = run;
    }
    if (bestRow.length < (k === 0 ? 2 : 2)) break;
    const top = median(bestRow.map((b) => b.top));
    const bottom = median(bestRow.map((b) => b.bottom));
    const row: TextLine = {
      top, bottom, height: bottom - top + 1, blobs: bestRow,
      left: Math.min(...bestRow.map((b) => b.left)), right: Math.max(...bestRow.map((b) => b.right)),
    };
    if (k === 1) {
      const first = rows[0]!;
      const ratio = row.height / first.height;
      const gap = Math.max(row.top - first.bottom, first.top - row.bottom);
      const overlap = Math.min(row.right, first.right) - Math.max(row.left, first.left);
      // A second row of a two-line plate: as tall, just above or below, under the first one.
      if (ratio < 0.75 || ratio > 1.33 || gap < 0 || gap > 0.9 * first.height || overlap < 0.3 * Math.min(row.right - row.left, first.right - first.left)) break;
    }
    rows.push(row);
    left = left.filter((b) => b.bottom < row.top - 0.2 * row.height || b.top > row.bottom + 0.2 * row.height);
  }
  return rows.sort((a, b) => a.top - b.top);
}

/**
 * One line as Tesseract gets it: every blob inside the line's band (its characters, the dot and the dash),
 * black on a white field, and nothing else (border, plate edges, dirt, the street).
 */
function paintLine(found: Found, line: TextLine): Grey {
  const { width, height } = found.binary;
  const h = line.height;
  const keep = new Set<number>();
  let left = line.left;
  let right = line.right;
  for (const b of found.blobs) {
    const bh = b.bottom - b.top + 1;
    const bw = b.right - b.left + 1;
    if (b.top < line.top - 0.2 * h || b.bottom > line.bottom + 0.2 * h || bh > 1.3 * h || bw > 1.5 * h) continue;
    if (b.left < line.left - 0.8 * h || b.right > line.right + 0.8 * h || b.area < 0.004 * h * h) continue;
    if (b.left === 0 || b.top === 0 || b.right === width - 1 || b.bottom === height - 1) continue;
    keep.add(b.label);
    left = Math.min(left, b.left);
    right = Math.max(right, b.right);
  }
  const pad = Math.round(0.3 * h);
  const x0 = left - pad;
  const y0 = line.top - pad;
  const out = { width: right - left + 1 + 2 * pad, height: line.bottom - line.top + 1 + 2 * pad, data: new Uint8Array(0) };
  out.data = new Uint8Array(out.width * out.height).fill(255);
  for (let y = 0; y < out.height; y++) {
    const sy = y + y0;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < out.width; x++) {
      const sx = x + x0;
      if (sx >= 0 && sx < width && keep.has(found.labels[sy * width + sx]!)) out.data[y * out.width + x] = 0;
    }
  }
  return out;
}

/** Lines one above the other on white, as the crop kept with the evidence. */
function stack(lines: Grey[]): Grey {
  const gap = 8;
  const width = Math.max(...lines.map((l) => l.width));
  const height = lines.reduce((sum, l) => sum + l.height, 0) + gap * (lines.length - 1);
  const data = new Uint8Array(width * height).fill(255);
  let top = 0;
  for (const line of lines) {
    for (let y = 0; y < line.height; y++) data.set(line.data.subarray(y * line.width, (y + 1) * line.width), (top + y) * width);
    top += line.height + gap;
  }
  return { data, width, height };
}

function encode(grey: Grey): Promise<Buffer> {
  return sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } }).png({ compressionLevel: 2 }).toBuffer();
}

// What Tesseract mistakes on plates, by the character the plate rules need at that place.
const AS_DIGIT: Record<string, string> = { D: '0', U: '0', B: '8', S: '5', Z: '2', G: '6', T: '1', L: '1', A: '4' };
const AS_LETTER: Record<string, string> = { '0': 'D', '8': 'B', '5': 'S', '2': 'Z', '6': 'G', '4': 'A', '1': 'T' };
const asDigits = (s: string) => [...s].map((c) => (/\d/.test(c) ? c : AS_DIGIT[c] ?? c)).join('');
const asLetters = (s: string) => [...s].map((c) => (/[A-Z]/.test(c) ? c : AS_LETTER[c] ?? c)).join('');
const group = (digits: string) => (digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits);

/**
 * The plate the lines spell, by the layouts plates have: one line "30A-123.45" (a car), or two lines "30A" over
 * "123.45" (a short car plate) or "29-B1"/"29-AA" over "123.45" (a motorbike). Only what was read is used,
 * each character taken as the digit or letter its place needs; null when that is not a plausible plate.
 */
function plateOf(lines: string[]): string | null {
  const alnum = lines.map((l) => l.replace(/[^0-9A-Z]/g, ''));
  const candidates: string[] = [];
  if (alnum.length === 1) {
    const s = alnum[0]!;
    // Province, one series letter, 4 or 5 digits.
    if (s.length === 7 || s.length === 8) candidates.push(`${asDigits(s.slice(0, 2))}${asLetters(s[2]!)}-${group(asDigits(s.slice(3)))}`);
  } else if (alnum.length === 2) {
    const [top, bottom] = alnum as [string, string];
    const number = bottom.length === 4 || bottom.length === 5 ? group(asDigits(bottom)) : null;
    if (number && top.length === 3) candidates.push(`${asDigits(top.slice(0, 2))}${asLetters(top[2]!)}-${number}`);
    if (number && top.length === 4) candidates.push(`${asDigits(top.slice(0, 2))}-${asLetters(top[2]!)}${top[3]} ${number}`);
  }
  for (const candidate of candidates) {
    const plate = normalizePlate(candidate);
    if (plate.flags.every((f) => f === 'series-t-unsure' || f === 'special-unsure')) return plate.canonical;
  }
  return null;
}
