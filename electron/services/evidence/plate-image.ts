import type Sharp from 'sharp';
import type { PlateBox } from './plate-reader';

// The officer's box made into what Tesseract reads well (plate-reader.ts): cut out, straightened (the tilt found
// from the character-sized blobs), the light evened out (dark text on light, in shade too), each line of the
// plate found as a row of character-sized blobs and painted alone (the border and the street dropped), scaled
// so its characters are LINE_HEIGHT pixels tall.

let sharpModule: Promise<typeof Sharp> | null = null;
/** sharp (libvips) loads with the first plate read, not with every start of the station (~0.15 s and 30 MB); a failed load is tried again. */
export function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default).catch((error: unknown) => {
    sharpModule = null;
    throw error;
  });
  return sharpModule;
}

/** A greyscale picture, one byte a pixel, row by row. */
export interface Grey { data: Uint8Array; width: number; height: number }

/*
 * How tall the characters are made for Tesseract (the line it gets is 1.6 times as tall, with its white margin).
 * Measured on 60 to 120 generated plates of each kind (tests/support/plates.ts): 32 px reads best (98 % clean,
 * 90 % degraded then), 36–40 px nearly as well; at 64 px the narrow plate font's 7 reads as 1 (73 → 13, 71 → 711)
 * on one clean plate in six, at 90 px on one in four.
 */
const LINE_HEIGHT = 32;
const MIN_BOX = 12;
const MAX_SKEW = 12;

/** The box's pixels (with a small margin), EXIF-oriented, greyscale; refuses a box that holds no plate. */
async function cutOut(image: Buffer, box: PlateBox | null): Promise<Grey> {
  const sharp = await loadSharp();
  const meta = await sharp(image).metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new Error('Plate reader: the picture has no size');
  let region = { left: 0, top: 0, width, height };
  if (box) {
    const values = [box.left, box.top, box.width, box.height];
    if (!values.every(Number.isFinite)) throw new Error(`Plate reader: the box is not a rectangle (${JSON.stringify(box)})`);
    if (box.width < MIN_BOX || box.height < MIN_BOX) {
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

export interface Line {
  /** Only the line's characters, black on white. */
  image: Grey;
  /** How wide the line's characters are, in line heights. */
  textWidth: number;
}

/**
 * The plate's lines, straightened, dark on light, scaled, each cleaned of everything but its characters; and the
 * picture to keep: those lines one above the other, or the straightened box when no line of characters is in it
 * (then nothing is read: Tesseract would only read the street's shapes as characters).
 */
export async function cleanLines(image: Buffer, box: PlateBox | null): Promise<{ lines: Line[]; shown: Grey }> {
  const region = await cutOut(image, box);
  // A first look at a fixed size: which way the lines run, and how tall the characters are.
  const s1 = Math.min(4, 400 / region.width, 400 / region.height);
  // Before the characters' size is known, a stroke is taken to be under a fifth of the box's shorter side.
  const firstStroke = Math.max(9, Math.round(0.2 * Math.min(region.width, region.height) * s1));
  const angle = skewOf(resample(region, 0, s1), firstStroke);
  const first = findLines(resample(region, angle, s1), firstStroke);
  const height = first.lines.length ? Math.min(...first.lines.map((l) => l.height)) : null;
  // Then the look that is read: scaled so that the characters are LINE_HEIGHT pixels tall.
  const s2 = height ? Math.min(8, s1 * (LINE_HEIGHT / height)) : s1;
  const straight = resample(region, angle, s2);
  // Read as the first look saw the plate best (dark or light text, in even light or shade).
  const found = findLines(straight, height ? Math.round(0.6 * LINE_HEIGHT) : firstStroke, [first.lighting]);
  if (found.lines.length === 0) return { lines: [], shown: straight };
  const lines = found.lines.map((line) => paintLine(found, line));
  return { lines, shown: stack(lines.map((l) => l.image)) };
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
function skewOf(grey: Grey, stroke: number): number {
  const found = findLines(grey, stroke);
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
type Lighting = 'dark-text' | 'light-text' | 'light-text-shaded';
const LIGHTINGS: Lighting[] = ['dark-text', 'light-text', 'light-text-shaded'];
interface Found { binary: Grey; labels: Int32Array; blobs: Blob[]; lines: TextLine[]; score: number; lighting: Lighting }

/**
 * The plate's lines of text, as rows of character-sized blobs: tried with dark text on light and with light text
 * on dark (white on blue state plates), keeping the reading that finds more characters. `stroke` is a length
 * longer than a character's stroke is wide.
 */
function findLines(grey: Grey, stroke: number, lightings = LIGHTINGS): Found {
  stretch(grey);
  let best: Found | null = null;
  for (const lighting of lightings) {
    const flat = flatten(grey, stroke, lighting);
    const threshold = otsu(flat);
    const binary = new Uint8Array(grey.data.length);
    for (let i = 0; i < binary.length; i++) binary[i] = flat.data[i]! <= threshold ? 1 : 0;
    const { labels, blobs } = components({ data: binary, width: grey.width, height: grey.height });
    const chars = charsOf(blobs, grey.width, grey.height);
    const lines = linesOf(chars);
    // The reading whose lines hold more characters; before straightening, the one with more characters at all.
    const score = lines.reduce((n, l) => n + l.blobs.length, 0) * 1000 + chars.length;
    if (!best || score > best.score) best = { binary: { data: binary, width: grey.width, height: grey.height }, labels, blobs, lines, score, lighting };
  }
  return best!;
}

/**
 * The text dark on an evenly lit field. Light falls on the plate's field and on its characters alike, so for dark
 * text each pixel is divided by the field's brightness around it, found by a morphological closing (the brightest
 * value nearby, then the darkest of those: strokes narrower than `size` vanish). Unlike a blur, a closing keeps a
 * shadow's edge sharp: a plate half in shadow binarises as one in even light. Light text is turned dark first and
 * read the same way, which holds in even light; in shade ('light-text-shaded') each pixel is instead placed
 * between the field's level (an opening) and the text's (a closing) around it, which holds in shade but is
 * noisier, so both are tried.
 */
function flatten(grey: Grey, size: number, lighting: Lighting): Grey {
  const data = new Uint8Array(grey.data.length);
  if (lighting === 'light-text-shaded') {
    const closing = extreme(extreme(grey, size, true), size, false);
    const opening = extreme(extreme(grey, size, false), size, true);
    for (let i = 0; i < data.length; i++) {
      const low = opening.data[i]!;
      const span = closing.data[i]! - low;
      data[i] = span < 72 ? 255 : 255 - Math.min(255, (255 * (grey.data[i]! - low)) / span);
    }
  } else {
    const text = lighting === 'dark-text' ? grey : { ...grey, data: new Uint8Array(grey.data.length) };
    if (text !== grey) for (let i = 0; i < data.length; i++) text.data[i] = 255 - grey.data[i]!;
    const closing = extreme(extreme(text, size, true), size, false);
    for (let i = 0; i < data.length; i++) data[i] = Math.min(255, (255 * text.data[i]!) / Math.max(1, closing.data[i]!));
  }
  return { data, width: grey.width, height: grey.height };
}

/** The maximum (or minimum) over a size × size square around each pixel: rows, then columns (van Herk/Gil-Werman). */
function extreme(grey: Grey, size: number, max: boolean): Grey {
  const { width, height } = grey;
  const rows = new Uint8Array(grey.data.length);
  const out = new Uint8Array(grey.data.length);
  const half = Math.floor(size / 2);
  const longest = Math.max(width, height);
  const line = new Uint8Array(longest);
  const forward = new Uint8Array(longest);
  const backward = new Uint8Array(longest);
  // Running extremes over blocks of `size`, forwards and backwards: each window's extreme is then one comparison.
  const run = (n: number) => {
    for (let i = 0; i < n; i++) {
      const v = line[i]!;
      forward[i] = i % size === 0 ? v : max ? (forward[i - 1]! > v ? forward[i - 1]! : v) : (forward[i - 1]! < v ? forward[i - 1]! : v);
    }
    for (let i = n - 1; i >= 0; i--) {
      const v = line[i]!;
      backward[i] = i === n - 1 || (i + 1) % size === 0 ? v : max ? (backward[i + 1]! > v ? backward[i + 1]! : v) : (backward[i + 1]! < v ? backward[i + 1]! : v);
    }
    for (let i = 0; i < n; i++) {
      const a = backward[i - half < 0 ? 0 : i - half]!;
      const b = forward[i + half >= n ? n - 1 : i + half]!;
      line[i] = max ? (a > b ? a : b) : (a < b ? a : b);
    }
  };
  for (let y = 0; y < height; y++) {
    line.set(grey.data.subarray(y * width, (y + 1) * width));
    run(width);
    rows.set(line.subarray(0, width), y * width);
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) line[y] = rows[y * width + x]!;
    run(height);
    for (let y = 0; y < height; y++) out[y * width + x] = line[y]!;
  }
  return { data: out, width, height };
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
      // Characters of a plate stand close together: a row breaks at a gap wider than 1.6 characters' height.
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
    if (bestRow.length < 2) break;
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
    // The next row's characters are those that do not sit in this row's band (lines stand close on a plate).
    left = left.filter((b) => Math.min(b.bottom, row.bottom) - Math.max(b.top, row.top) < 0.3 * (b.bottom - b.top + 1));
  }
  return rows.sort((a, b) => a.top - b.top);
}

/**
 * One line as Tesseract gets it: every blob inside the line's band (its characters, the dot and the dash),
 * black on a white field, and nothing else (border, plate edges, dirt, the street).
 */
function paintLine(found: Found, line: TextLine): Line {
  const { width, height } = found.binary;
  const h = line.height;
  // Blobs in the line's band: characters the row missed (merged "11", a broken stroke), the dot and the dash.
  const inBand = found.blobs.filter((b) => {
    const bh = b.bottom - b.top + 1;
    return b.top >= line.top - 0.2 * h && b.bottom <= line.bottom + 0.2 * h && bh <= 1.3 * h
      && b.right - b.left + 1 <= 4 * h && b.area >= 0.004 * h * h
      && b.left > 0 && b.top > 0 && b.right < width - 1 && b.bottom < height - 1;
  }).sort((a, b) => a.left - b.left);
  const keep = new Set<number>(line.blobs.map((b) => b.label));
  let left = line.left;
  let right = line.right;
  // Outwards from the row, as long as the next blob stands close to what is kept already.
  for (const b of inBand) if (b.left >= line.left && b.right <= line.right) keep.add(b.label);
  for (const b of inBand) {
    if (b.left > right && b.left - right <= 0.8 * h) {
      keep.add(b.label);
      right = Math.max(right, b.right);
    }
  }
  for (const b of [...inBand].reverse()) {
    if (b.right < left && left - b.right <= 0.8 * h) {
      keep.add(b.label);
      left = Math.min(left, b.left);
    }
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
  return { image: out, textWidth: (right - left + 1) / h };
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

export async function encode(grey: Grey): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } }).png({ compressionLevel: 2 }).toBuffer();
}
