import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { normalizePlate } from '../../electron/contract/domain/plate';
import type { PlateBox } from '../../electron/services/evidence/plate-reader';
import { seededRandom } from './random';

// A deterministic set of licence-plate pictures for the plate reader's tests and benchmark: plates drawn in the
// official layouts and sizes (long car plate 520×110 mm, short car plate 330×165 mm, motorbike 190×140 mm), black
// on white, black on yellow (commercial) or white on blue (state), put into a scene-like
// picture, then either left clean or degraded as a phone or dash-cam picture is (blur, tilt, dim light, heavy
// JPEG, a small plate, noise, and for a third of them a shadow's edge across the plate). The same seed draws the
// same pictures on every run, with no network.

export type PlateLayout = 'car-long' | 'car-short' | 'motorbike';
export type PlateColour = 'white' | 'yellow' | 'blue';
export type PlateVariant = 'clean' | 'degraded';

export interface PlateValue {
  /** The lines as printed on the plate: ["30A-123.45"], ["30A", "123.45"], ["29-B1", "123.45"]. */
  lines: string[];
  /** The canonical plate (normalizePlate) the reader must return. */
  canonical: string;
}

export interface PlateSample {
  id: string;
  variant: PlateVariant;
  layout: PlateLayout;
  colour: PlateColour;
  /** The encoded picture (PNG or JPEG). */
  image: Buffer;
  format: 'png' | 'jpeg';
  /** The officer's drag box: the plate's bounding box loosened by a few per cent and jittered. */
  box: PlateBox;
  /** The plate's true bounding box in the picture. */
  plateBox: PlateBox;
  expected: string;
  /** How the picture was made, for a failure's message. */
  made: string;
}

export const plateFontFile = join(import.meta.dirname, 'fonts', 'LiberationSansNarrow-Bold.ttf');
const FONT = 'Liberation Sans Narrow Bold 100';

const provinces = Object.keys(
  (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'catalogs', 'plate-provinces.json'), 'utf8')) as { codes: Record<string, string> }).codes,
);
// The 20 ordinary series letters (never I, J, O, Q, W). A plate of series T is flagged for the officer to check
// (plate.ts), and kept as typed: its canonical form is then the typed one.
const LETTERS = 'ABCDEFGHKLMNPSTUVXYZ';

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, low: number, high: number) => low + rng() * (high - low);
const digitsOf = (rng: Rng, n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
const group = (digits: string) => (digits.length === 5 ? `${digits.slice(0, 3)}.${digits.slice(3)}` : digits);

/** A random plausible plate of a layout, checked by normalizePlate (no flags but T's, the kind the layout says). */
export function drawPlateValue(rng: Rng, layout: PlateLayout, old = false): PlateValue {
  for (;;) {
    const province = pick(rng, provinces);
    const digits = digitsOf(rng, old ? 4 : 5);
    let lines: string[];
    let typed: string;
    if (layout === 'motorbike') {
      // Since 2023 some motorbike series are two letters ("29-AA"); most still a letter and a digit ("29-B1").
      const series = !old && rng() < 0.3 ? pick(rng, [...LETTERS]) + pick(rng, [...LETTERS]) : pick(rng, [...LETTERS]) + String(1 + Math.floor(rng() * 9));
      lines = [`${province}-${series}`, group(digits)];
      typed = `${province}-${series} ${group(digits)}`;
    } else {
      const series = pick(rng, [...LETTERS]);
      lines = layout === 'car-long' ? [`${province}${series}-${group(digits)}`] : [`${province}${series}`, group(digits)];
      typed = `${province}${series}-${group(digits)}`;
    }
    const plate = normalizePlate(typed);
    const kind = layout === 'motorbike' ? 'motorbike' : 'car';
    const seriesT = plate.flags.length === 1 && plate.flags[0] === 'series-t-unsure' && plate.canonical === typed;
    if ((plate.flags.length === 0 && plate.kind === kind) || seriesT) return { lines, canonical: plate.canonical };
  }
}

// Plate sizes in mm and where each line of text goes: [top, cap height] per line, as on the issued plates.
const LAYOUTS: Record<PlateLayout, { w: number; h: number; lines: [number, number][] }> = {
  'car-long': { w: 520, h: 110, lines: [[19, 72]] },
  'car-short': { w: 330, h: 165, lines: [[17, 60], [90, 60]] },
  motorbike: { w: 190, h: 140, lines: [[14, 50], [77, 50]] },
};
const COLOURS: Record<PlateColour, { plate: string; text: string }> = {
  white: { plate: '#f4f4f0', text: '#111111' },
  yellow: { plate: '#f3c614', text: '#141414' },
  blue: { plate: '#1d4496', text: '#f5f5f5' },
};

const textMasks = new Map<string, Promise<{ data: Buffer; width: number; height: number }>>();
/** The text as a white-on-black mask, trimmed to its glyphs (cap height): rendered once per string. */
function textMask(text: string) {
  let mask = textMasks.get(text);
  if (!mask) {
    mask = sharp({ text: { text, fontfile: plateFontFile, font: FONT } }).trim({ background: '#000000' }).extractChannel(0).png().toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({ data, width: info.width, height: info.height }));
    textMasks.set(text, mask);
  }
  return mask;
}

/** The plate alone, `width` pixels wide, on a transparent background (rounded corners). */
export async function renderPlate(value: PlateValue, layout: PlateLayout, colour: PlateColour, width: number): Promise<Buffer> {
  const spec = LAYOUTS[layout];
  const mm = width / spec.w;
  const height = Math.round(spec.h * mm);
  const { plate, text } = COLOURS[colour];
  const stroke = Math.max(1, 3 * mm);
  const inset = 3 * mm + stroke / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect x="0" y="0" width="${width}" height="${height}" rx="${6 * mm}" fill="${plate}"/>
    <rect x="${inset}" y="${inset}" width="${width - 2 * inset}" height="${height - 2 * inset}" rx="${4 * mm}" fill="none" stroke="${text}" stroke-width="${stroke}"/>
  </svg>`;
  const layers = await Promise.all(value.lines.map(async (line, i) => {
    const [topMm, capMm] = spec.lines[i]!;
    const mask = await textMask(line);
    const h = Math.max(4, Math.round(capMm * mm));
    // Plate letters are taller and narrower than the font: stretched up, and squeezed to fit inside the border.
    const w = Math.max(4, Math.round(Math.min(mask.width * (h / mask.height) * 0.92, width - 2 * inset - 10 * mm)));
    const alpha = await sharp(mask.data).extractChannel(0).resize(w, h, { fit: 'fill' }).raw().toBuffer();
    const input = await sharp({ create: { width: w, height: h, channels: 3, background: text } })
      .joinChannel(alpha, { raw: { width: w, height: h, channels: 1 } }).png().toBuffer();
    return { input, left: Math.round((width - w) / 2), top: Math.round(topMm * mm) };
  }));
  return sharp(Buffer.from(svg)).composite(layers).png().toBuffer();
}

/** A scene-like background: a gradient, a few car-body shapes, `width` × `height`. */
function sceneSvg(rng: Rng, width: number, height: number): string {
  const colour = () => `rgb(${Math.floor(between(rng, 20, 230))},${Math.floor(between(rng, 20, 230))},${Math.floor(between(rng, 20, 230))})`;
  const shapes = Array.from({ length: 3 + Math.floor(rng() * 5) }, () => {
    const x = between(rng, -0.2, 0.9) * width;
    const y = between(rng, -0.2, 0.9) * height;
    return rng() < 0.5
      ? `<rect x="${x}" y="${y}" width="${between(rng, 0.1, 0.6) * width}" height="${between(rng, 0.05, 0.4) * height}" rx="${between(rng, 0, 30)}" fill="${colour()}" opacity="${between(rng, 0.5, 1)}"/>`
      : `<ellipse cx="${x}" cy="${y}" rx="${between(rng, 0.05, 0.3) * width}" ry="${between(rng, 0.05, 0.3) * height}" fill="${colour()}" opacity="${between(rng, 0.5, 1)}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="${rng().toFixed(2)}" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#g)"/>${shapes.join('')}
  </svg>`;
}

/** Adds roughly gaussian noise of standard deviation `sigma` to raw pixels, from the seeded draws. */
function addNoise(rng: Rng, data: Buffer, sigma: number): void {
  // One draw a pixel, into a table of sums of three uniform draws (close to a normal distribution).
  const table = Float64Array.from({ length: 4096 }, () => (rng() + rng() + rng() - 1.5) * 2 * sigma);
  for (let i = 0; i < data.length; i++) {
    const value = data[i]! + table[(rng() * 4096) | 0]!;
    data[i] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
  }
}

/** A scene with no plate in it (for "does not invent a plate"). */
export async function sceneWithoutPlate(seed: number, width = 640, height = 480): Promise<Buffer> {
  const rng = seededRandom(seed);
  return sharp(Buffer.from(sceneSvg(rng, width, height))).flatten().png().toBuffer();
}

export interface SampleOptions {
  layout?: PlateLayout;
  colour?: PlateColour;
  old?: boolean;
}

/** One picture of a plate, drawn from `seed`: the same seed gives the same picture. */
export async function plateSample(seed: number, variant: PlateVariant, options: SampleOptions = {}): Promise<PlateSample> {
  const rng = seededRandom(seed * 7919 + (variant === 'clean' ? 1 : 2));
  const r = rng();
  const layout: PlateLayout = options.layout ?? (r < 0.4 ? 'car-long' : r < 0.6 ? 'car-short' : 'motorbike');
  const c = rng();
  const colour: PlateColour = options.colour ?? (c < 0.08 ? 'blue' : c < 0.22 ? 'yellow' : 'white');
  const old = options.old ?? rng() < 0.1;
  const value = drawPlateValue(rng, layout, old);
  const degraded = variant === 'degraded';

  // How wide the plate is in the picture: small and far for a degraded picture (a short car plate as small as a
  // motorbike's for its size: 150–230 px).
  const plateWidth = Math.round(layout === 'car-long' ? between(rng, degraded ? 250 : 360, degraded ? 360 : 560)
    : layout === 'car-short' ? between(rng, degraded ? 150 : 230, degraded ? 230 : 380)
      : between(rng, degraded ? 90 : 160, degraded ? 140 : 260));
  const tilt = degraded ? (rng() < 0.5 ? -1 : 1) * between(rng, 3, 8) : between(rng, -1, 1);
  let plate = await renderPlate(value, layout, colour, plateWidth);
  plate = await sharp(plate).rotate(tilt, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  const { width: pw, height: ph } = await sharp(plate).metadata() as { width: number; height: number };

  const sceneWidth = Math.round(Math.min(1280, Math.max(480, pw * between(rng, 1.8, 3.2))));
  const sceneHeight = Math.round(Math.max(ph + 40, sceneWidth * between(rng, 0.56, 0.8)));
  const left = Math.round(between(rng, 0.1, 0.9) * (sceneWidth - pw));
  const top = Math.round(between(rng, 0.1, 0.9) * (sceneHeight - ph));
  const plateBox: PlateBox = { left, top, width: pw, height: ph };

  const layers: OverlayOptions[] = [{ input: plate, left, top }];
  const made: string[] = [`${layout} ${colour}${old ? ' old' : ''} ${plateWidth}px tilt ${tilt.toFixed(1)}°`];
  if (degraded && rng() < 0.35) {
    // A shadow's edge across the plate (a pole, the car's own body): one part of it in light a third to half as bright.
    const x = left + pw * between(rng, 0.25, 0.75);
    const slant = between(rng, -0.5, 0.5) * ph;
    const light = Math.round(255 * between(rng, 0.35, 0.6));
    layers.push({ blend: 'multiply', input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${sceneWidth}" height="${sceneHeight}">
      <rect width="${sceneWidth}" height="${sceneHeight}" fill="#fff"/>
      <polygon points="${x + slant},0 ${sceneWidth},0 ${sceneWidth},${sceneHeight} ${x - slant},${sceneHeight}" fill="rgb(${light},${light},${light})"/></svg>`) });
    made.push(`shadow ${(light / 255).toFixed(2)}`);
  }
  const scene = sharp(Buffer.from(sceneSvg(rng, sceneWidth, sceneHeight))).composite(layers).flatten();
  let image: Buffer;
  let format: 'png' | 'jpeg';
  if (degraded) {
    const blur = between(rng, 0.6, 1.5);
    const gain = between(rng, 0.45, 0.8);
    const offset = between(rng, 5, 35);
    const noise = between(rng, 3, 10);
    const quality = Math.round(between(rng, 20, 40));
    const raw = await scene.blur(blur).linear(gain, offset).raw().toBuffer({ resolveWithObject: true });
    addNoise(rng, raw.data, noise);
    image = await sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }).jpeg({ quality }).toBuffer();
    format = 'jpeg';
    made.push(`blur ${blur.toFixed(2)} gain ${gain.toFixed(2)}+${offset.toFixed(0)} noise ${noise.toFixed(1)} jpeg q${quality}`);
  } else if (rng() < 0.5) {
    image = await scene.png().toBuffer();
    format = 'png';
  } else {
    const quality = Math.round(between(rng, 88, 95));
    image = await scene.jpeg({ quality }).toBuffer();
    format = 'jpeg';
    made.push(`jpeg q${quality}`);
  }

  // The officer's drag: a little loose around the plate, and not quite centred.
  const loose = (size: number) => size * between(rng, 0.02, 0.1);
  const jitter = (size: number) => size * between(rng, -0.03, 0.03);
  const x0 = Math.max(0, Math.round(left - loose(pw) + jitter(pw)));
  const y0 = Math.max(0, Math.round(top - loose(ph) + jitter(ph)));
  const x1 = Math.min(sceneWidth, Math.round(left + pw + loose(pw) + jitter(pw)));
  const y1 = Math.min(sceneHeight, Math.round(top + ph + loose(ph) + jitter(ph)));
  return {
    id: `${variant}-${seed}`, variant, layout, colour, image, format, box: { left: x0, top: y0, width: x1 - x0, height: y1 - y0 },
    plateBox, expected: value.canonical, made: made.join(', '),
  };
}

/** `count` pictures of one variant, seeds `firstSeed`, `firstSeed + 1`, …, made a few at a time. */
export async function plateSet(count: number, variant: PlateVariant, firstSeed = 1): Promise<PlateSample[]> {
  const samples: PlateSample[] = [];
  for (let i = 0; i < count; i += 4) {
    samples.push(...await Promise.all(Array.from({ length: Math.min(4, count - i) }, (_, k) => plateSample(firstSeed + i + k, variant))));
  }
  return samples;
}
