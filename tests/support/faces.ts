import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { seededRandom } from './random';

// Face pictures the tests can have without the network: the six group photos that ship in the registry package
// @vladmandic/face-api (`demo/sample1.jpg` … `sample6.jpg`, MIT), with every face in them boxed by hand
// (22 faces: each picture looked at with its boxes drawn, no face left out), and street-sized scenes made from
// them: each face cut out with its hair and shoulders, scaled to a bystander's size in a 12-megapixel photo
// (from 36 px across to 400 px), pasted into a generated street (sky, buildings, road, cars, signs, noise),
// lit lighter or darker, the whole saved as a phone's JPEG. The pasted places are the answer the detector is
// scored on. The same seed makes the same scenes on every run.

export interface FaceBox { left: number; top: number; width: number; height: number }

const require = createRequire(import.meta.url);
export const faceSampleDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

/** The faces in each sample picture, in its pixels (brow to chin, ear to ear), checked by eye. */
export const SAMPLE_FACES: Record<string, FaceBox[]> = {
  'sample1.jpg': [{ left: 414, top: 355, width: 177, height: 240 }, { left: 838, top: 421, width: 186, height: 228 }, { left: 1476, top: 199, width: 203, height: 241 }],
  'sample2.jpg': [{ left: 1447, top: 153, width: 194, height: 242 }, { left: 902, top: 220, width: 151, height: 233 }, { left: 361, top: 126, width: 153, height: 259 }],
  'sample3.jpg': [{ left: 585, top: 329, width: 199, height: 271 }, { left: 1514, top: 292, width: 170, height: 280 }, { left: 1075, top: 215, width: 220, height: 299 }],
  'sample4.jpg': [{ left: 664, top: 53, width: 187, height: 258 }, { left: 257, top: 185, width: 162, height: 245 }, { left: 989, top: 180, width: 169, height: 227 }, { left: 1277, top: 144, width: 145, height: 244 }],
  'sample5.jpg': [{ left: 787, top: 109, width: 156, height: 212 }, { left: 1113, top: 198, width: 158, height: 236 }, { left: 1406, top: 390, width: 165, height: 271 }, { left: 598, top: 415, width: 166, height: 249 }, { left: 377, top: 859, width: 172, height: 301 }],
  'sample6.jpg': [{ left: 681, top: 321, width: 160, height: 307 }, { left: 1180, top: 305, width: 188, height: 280 }, { left: 1487, top: 263, width: 212, height: 296 }, { left: 250, top: 468, width: 210, height: 291 }],
};

export interface FaceScene {
  id: string;
  jpeg: Buffer;
  width: number;
  height: number;
  /** Where the faces are, in the scene's pixels. */
  faces: FaceBox[];
  /** How the scene was made, for a failure's message. */
  made: string;
}

interface Cutout { png: Buffer; width: number; height: number; face: FaceBox }

let cutouts: Promise<Cutout[]> | null = null;
/** Each sample face with its surroundings (half a face to the sides, 0.4 above, 0.6 below), and where the face is in it. */
function sampleCutouts(): Promise<Cutout[]> {
  cutouts ??= (async () => {
    const all: Cutout[] = [];
    for (const [file, faces] of Object.entries(SAMPLE_FACES)) {
      const path = join(faceSampleDir, file);
      const meta = await sharp(path).metadata();
      for (const f of faces) {
        const left = Math.max(0, Math.round(f.left - f.width * 0.5));
        const top = Math.max(0, Math.round(f.top - f.height * 0.4));
        const right = Math.min(meta.width!, Math.round(f.left + f.width * 1.5));
        const bottom = Math.min(meta.height!, Math.round(f.top + f.height * 1.6));
        const png = await sharp(path).extract({ left, top, width: right - left, height: bottom - top }).png().toBuffer();
        all.push({ png, width: right - left, height: bottom - top, face: { left: f.left - left, top: f.top - top, width: f.width, height: f.height } });
      }
    }
    return all;
  })();
  return cutouts;
}

type Rng = () => number;
const between = (rng: Rng, low: number, high: number) => low + rng() * (high - low);
const shade = (rng: Rng, low: number, high: number) => {
  const v = Math.round(between(rng, low, high));
  return `rgb(${v},${Math.min(255, v + Math.round(between(rng, -12, 12)))},${Math.min(255, v + Math.round(between(rng, -15, 20)))})`;
};

/** A street: sky, a row of buildings with windows, a road with lane marks, cars, poles and signs. */
function streetSvg(rng: Rng, width: number, height: number): string {
  const horizon = Math.round(height * between(rng, 0.3, 0.45));
  const parts: string[] = [`<rect width="${width}" height="${horizon}" fill="${shade(rng, 150, 220)}"/>`,
    `<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${shade(rng, 60, 110)}"/>`];
  for (let x = 0; x < width;) {
    const w = Math.round(between(rng, width * 0.05, width * 0.15));
    const h = Math.round(between(rng, horizon * 0.4, horizon * 0.95));
    parts.push(`<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="${shade(rng, 70, 200)}"/>`);
    for (let wy = horizon - h + 30; wy < horizon - 60; wy += 90) {
      for (let wx = x + 20; wx < x + w - 50; wx += 80) parts.push(`<rect x="${wx}" y="${wy}" width="40" height="50" fill="${shade(rng, 20, 90)}"/>`);
    }
    x += w;
  }
  for (let y = horizon + 200; y < height; y += 260) parts.push(`<rect x="${width / 2 - 20}" y="${y}" width="40" height="120" fill="#ddd"/>`);
  for (let i = 0; i < 6; i++) {
    const w = between(rng, 300, 900);
    const y = between(rng, horizon, height - 200);
    parts.push(`<rect x="${between(rng, 0, width - w)}" y="${y}" width="${w}" height="${w * 0.45}" rx="40" fill="${shade(rng, 20, 230)}"/>`);
  }
  for (let i = 0; i < 5; i++) {
    const x = between(rng, 0, width);
    parts.push(`<rect x="${x}" y="${horizon * 0.3}" width="24" height="${horizon}" fill="#555"/>`,
      `<circle cx="${x + 12}" cy="${horizon * 0.3}" r="70" fill="${rng() < 0.5 ? '#c22' : '#248'}" stroke="#fff" stroke-width="14"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

const overlaps = (a: FaceBox, b: FaceBox) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/**
 * `count` scenes of `width`×`height` (12 MP by default), each with 4 to 8 pasted faces from 36 px to 400 px across
 * (a third of them under 80 px: the bystander across the road).
 */
export async function faceScenes(seed: number, count: number, width = 4000, height = 3000): Promise<FaceScene[]> {
  const rng = seededRandom(seed);
  const pool = await sampleCutouts();
  const scenes: FaceScene[] = [];
  for (let n = 0; n < count; n++) {
    const layers: { input: Buffer; left: number; top: number }[] = [];
    const faces: FaceBox[] = [];
    const taken: FaceBox[] = [];
    const made: string[] = [];
    const wanted = 4 + Math.floor(rng() * 5);
    for (let tries = 0; faces.length < wanted && tries < 200; tries++) {
      const c = pool[Math.floor(rng() * pool.length)]!;
      const across = rng() < 0.35 ? between(rng, 36, 80) : between(rng, 80, 400);
      const scale = across / c.face.width;
      const w = Math.max(1, Math.round(c.width * scale));
      const h = Math.max(1, Math.round(c.height * scale));
      const spot = { left: Math.round(between(rng, 0, width - w)), top: Math.round(between(rng, 0, height - h)), width: w, height: h };
      if (taken.some((t) => overlaps(t, spot))) continue;
      const light = between(rng, 0.6, 1.3);
      const input = await sharp(c.png).resize(w, h).linear(light, 0).png().toBuffer();
      layers.push({ input, left: spot.left, top: spot.top });
      taken.push(spot);
      faces.push({ left: spot.left + Math.round(c.face.left * scale), top: spot.top + Math.round(c.face.top * scale), width: Math.round(c.face.width * scale), height: Math.round(c.face.height * scale) });
      made.push(`${Math.round(across)} px ×${light.toFixed(2)}`);
    }
    const quality = Math.round(between(rng, 70, 92));
    const street = await sharp(Buffer.from(streetSvg(rng, width, height))).png().toBuffer();
    const jpeg = await sharp(street).composite(layers).jpeg({ quality }).toBuffer();
    scenes.push({ id: `scene-${seed}-${n}`, jpeg, width, height, faces, made: `${made.join(', ')}; JPEG q${quality}` });
  }
  return scenes;
}

/** The sample pictures as they are, with their hand-made boxes. */
export async function faceSamples(): Promise<{ id: string; jpeg: Buffer; faces: FaceBox[] }[]> {
  return Promise.all(Object.entries(SAMPLE_FACES).map(async ([file, faces]) => ({ id: file, jpeg: await readFile(join(faceSampleDir, file)), faces })));
}

/**
 * A face is hidden when one proposed box covers at least 90 % of it (brow to chin, ear to ear), and that box is not
 * more than 8 times the face's size (a box over half the picture would "cover" every face).
 */
export function found(face: FaceBox, boxes: FaceBox[]): boolean {
  const area = face.width * face.height;
  return boxes.some((b) => {
    const iw = Math.min(face.left + face.width, b.left + b.width) - Math.max(face.left, b.left);
    const ih = Math.min(face.top + face.height, b.top + b.height) - Math.max(face.top, b.top);
    return iw > 0 && ih > 0 && (iw * ih) / area >= 0.9 && b.width * b.height <= 8 * area;
  });
}
