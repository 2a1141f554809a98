import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { topLevelBoxes } from './bmff';

// HEIC photos as pictures the station can show. The bundled ffmpeg (2018) has an HEVC decoder but no
// HEIF reader, and sharp's libheif decodes AV1 only; exifr finds no EXIF thumbnail in phone HEICs (the
// preview there is its own HEVC image, a `thmb` item). So the meta box is read here: which items make
// the picture (one HEVC image, or a grid of 512×512 tiles), where their bytes lie, their decoder setup
// (hvcC) and how the picture turns (irot, imir, clap). ISO/IEC 23008-12 (HEIF), 14496-12 (boxes),
// 14496-15 §8.3.3 (hvcC).

export interface HeifImage {
  /** HEVC Annex B: the parameter sets, then each coded image (one per tile) in order. */
  annexB: Buffer;
  /** Tiles across and down (1×1 for a single image). */
  columns: number;
  rows: number;
  /** The picture's size before it turns (a grid is cropped to this). */
  width: number;
  height: number;
  /** What to do after decoding, in order. */
  transforms: HeifTransform[];
}

export type HeifTransform =
  | { kind: 'crop'; x: number; y: number; width: number; height: number }
  /** Degrees anti-clockwise (irot). */
  | { kind: 'rotate'; degrees: number }
  /** imir axis 0: about the vertical axis (left and right swap); 1: about the horizontal axis. */
  | { kind: 'mirror'; axis: 0 | 1 };

export class HeifUnreadable extends Error {}

interface Child { type: string; start: number; end: number }
interface Extent { offset: number; length: number }
interface Item { id: number; type: string; method: number; baseOffset: number; extents: Extent[] }

// Limits against a hostile file (the same bytes named by a thousand tiles, a grid of a billion pixels).
const MAX_META = 16 * 1024 * 1024;
const MAX_TILES = 1024;
const MAX_IMAGE_BYTES = 256 * 1024 * 1024;
/** 200-megapixel phones exist; more is not a photo. */
const MAX_PIXELS = 256 * 1024 * 1024;

function children(buf: Buffer, start: number, end: number): Child[] {
  const out: Child[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > end) break;
      size = Number(buf.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < header || pos + size > end) throw new HeifUnreadable(`box ${type} runs past its parent`);
    out.push({ type, start: pos + header, end: pos + size });
    pos += size;
  }
  return out;
}

/** A reader over one box's payload that refuses to run past it. */
class Cursor {
  constructor(private readonly buf: Buffer, public pos: number, private readonly end: number) {}
  private need(n: number): void {
    if (this.pos + n > this.end) throw new HeifUnreadable('box shorter than its fields');
  }
  u8(): number { this.need(1); return this.buf.readUInt8(this.pos++); }
  u16(): number { this.need(2); const v = this.buf.readUInt16BE(this.pos); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.buf.readUInt32BE(this.pos); this.pos += 4; return v; }
  i32(): number { this.need(4); const v = this.buf.readInt32BE(this.pos); this.pos += 4; return v; }
  uint(bytes: number): number {
    if (bytes === 0) return 0;
    if (bytes === 2) return this.u16();
    if (bytes === 4) return this.u32();
    if (bytes === 8) { this.need(8); const v = Number(this.buf.readBigUInt64BE(this.pos)); this.pos += 8; return v; }
    throw new HeifUnreadable(`field of ${bytes} bytes`);
  }
  bytes(n: number): Buffer { this.need(n); const v = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return v; }
}

/** The meta box's parts this reader needs; items by id. */
interface Meta {
  primary: number;
  items: Map<number, Item>;
  /** iref: from-item → type → to-items. */
  refs: { type: string; from: number; to: number[] }[];
  properties: Child[];
  associations: Map<number, number[]>;
  buf: Buffer;
  idat: Child | null;
}

function parseMeta(buf: Buffer, meta: Child): Meta {
  const boxes = children(buf, meta.start + 4, meta.end);
  const find = (type: string) => boxes.find((b) => b.type === type) ?? null;
  const pitm = find('pitm');
  const iloc = find('iloc');
  const iinf = find('iinf');
  const ipco = find('iprp') && children(buf, find('iprp')!.start, find('iprp')!.end);
  if (!pitm || !iloc || !iinf || !ipco) throw new HeifUnreadable('meta lacks pitm, iloc, iinf or iprp');

  let c = new Cursor(buf, pitm.start, pitm.end);
  const primary = c.u32() >>> 24 === 0 ? c.u16() : c.u32();

  const items = new Map<number, Item>();
  c = new Cursor(buf, iinf.start, iinf.end);
  const iinfVersion = c.u32() >>> 24;
  c.pos += iinfVersion === 0 ? 2 : 4;
  for (const infe of children(buf, c.pos, iinf.end).filter((b) => b.type === 'infe')) {
    const e = new Cursor(buf, infe.start, infe.end);
    const version = e.u32() >>> 24;
    if (version < 2) continue;
    const id = version === 2 ? e.u16() : e.u32();
    e.u16();
    items.set(id, { id, type: e.bytes(4).toString('latin1'), method: 0, baseOffset: 0, extents: [] });
  }

  c = new Cursor(buf, iloc.start, iloc.end);
  const ilocVersion = c.u32() >>> 24;
  const sizes = c.u8();
  const more = c.u8();
  const [offsetSize, lengthSize, baseSize] = [sizes >> 4, sizes & 15, more >> 4];
  const indexSize = ilocVersion === 1 || ilocVersion === 2 ? more & 15 : 0;
  // Every extent must cost bytes to list: with no length field, 65,535 extents per item cost nothing and a
  // small hostile file would hold the station for hours. (A length of 0, "to the end", is refused anyway.)
  if (lengthSize === 0) throw new HeifUnreadable('iloc without extent lengths');
  const count = ilocVersion < 2 ? c.u16() : c.u32();
  for (let i = 0; i < count; i++) {
    const id = ilocVersion < 2 ? c.u16() : c.u32();
    const method = ilocVersion === 1 || ilocVersion === 2 ? c.u16() & 15 : 0;
    c.u16();
    const baseOffset = c.uint(baseSize);
    const extents: Extent[] = [];
    for (let n = c.u16(); n > 0; n--) {
      c.uint(indexSize);
      extents.push({ offset: c.uint(offsetSize), length: c.uint(lengthSize) });
    }
    const item = items.get(id);
    if (item) Object.assign(item, { method, baseOffset, extents });
  }

  const refs: Meta['refs'] = [];
  const iref = find('iref');
  if (iref) {
    const wide = buf.readUInt8(iref.start) !== 0;
    for (const r of children(buf, iref.start + 4, iref.end)) {
      const e = new Cursor(buf, r.start, r.end);
      const from = wide ? e.u32() : e.u16();
      const to: number[] = [];
      for (let n = e.u16(); n > 0; n--) to.push(wide ? e.u32() : e.u16());
      refs.push({ type: r.type, from, to });
    }
  }

  const ipcoBox = ipco.find((b) => b.type === 'ipco');
  const ipma = ipco.find((b) => b.type === 'ipma');
  if (!ipcoBox || !ipma) throw new HeifUnreadable('iprp lacks ipco or ipma');
  const properties = children(buf, ipcoBox.start, ipcoBox.end);
  const associations = new Map<number, number[]>();
  c = new Cursor(buf, ipma.start, ipma.end);
  const head = c.u32();
  const [ipmaVersion, flags] = [head >>> 24, head & 0xffffff];
  for (let n = c.u32(); n > 0; n--) {
    const id = ipmaVersion < 1 ? c.u16() : c.u32();
    const list: number[] = [];
    for (let k = c.u8(); k > 0; k--) list.push(flags & 1 ? c.u16() & 0x7fff : c.u8() & 0x7f);
    associations.set(id, list);
  }
  return { primary, items, refs, properties, associations, buf, idat: find('idat') };
}

/** An item's properties of one type, in the order the file lists them (1-based indexes; 0 means none). */
function propertiesOf(meta: Meta, id: number): Child[] {
  return (meta.associations.get(id) ?? []).filter((i) => i > 0).map((i) => meta.properties[i - 1]).filter((p): p is Child => p !== undefined);
}

/** The NAL units of an hvcC record, each as Annex B. */
function parameterSets(buf: Buffer, hvcC: Child): { nals: Buffer[]; lengthSize: number } {
  const c = new Cursor(buf, hvcC.start, hvcC.end);
  c.bytes(21);
  const lengthSize = (c.u8() & 3) + 1;
  const nals: Buffer[] = [];
  for (let arrays = c.u8(); arrays > 0; arrays--) {
    c.u8();
    for (let n = c.u16(); n > 0; n--) nals.push(c.bytes(c.u16()));
  }
  return { nals, lengthSize };
}

const START = Buffer.from([0, 0, 0, 1]);

async function readItem(path: string, meta: Meta, item: Item, fileSize: number): Promise<Buffer> {
  const total = item.extents.reduce((n, e) => n + e.length, 0);
  // Extents may overlap: a picture can never be larger than the bytes that hold it.
  const room = item.method === 1 ? (meta.idat ? meta.idat.end - meta.idat.start : 0) : fileSize;
  if (item.extents.length === 0 || total > MAX_IMAGE_BYTES || total > room) throw new HeifUnreadable(`item ${item.id} has no usable extents`);
  if (item.method === 1) {
    if (!meta.idat) throw new HeifUnreadable('item in idat, but no idat');
    return Buffer.concat(item.extents.map((e) => {
      const from = meta.idat!.start + item.baseOffset + e.offset;
      if (from + e.length > meta.idat!.end) throw new HeifUnreadable('item runs past idat');
      return meta.buf.subarray(from, from + e.length);
    }));
  }
  if (item.method !== 0) throw new HeifUnreadable(`construction method ${item.method}`);
  const handle = await open(path, constants.O_RDONLY);
  try {
    const parts: Buffer[] = [];
    for (const e of item.extents) {
      const from = item.baseOffset + e.offset;
      // A copy cut short: the picture's bytes are not all there.
      if (e.length === 0 || from + e.length > fileSize) throw new HeifUnreadable(`item ${item.id} lies past the end of the file`);
      const part = Buffer.alloc(e.length);
      await handle.read(part, 0, e.length, from);
      parts.push(part);
    }
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}

/** Length-prefixed NAL units (as HEIF stores them) to Annex B. */
function toAnnexB(data: Buffer, lengthSize: number): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos + lengthSize <= data.length) {
    const n = data.readUIntBE(pos, lengthSize);
    pos += lengthSize;
    if (n === 0 || pos + n > data.length) throw new HeifUnreadable('NAL unit runs past its item');
    out.push(START, data.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

function transformsOf(meta: Meta, id: number, width: number, height: number): HeifTransform[] {
  const out: HeifTransform[] = [];
  for (const p of propertiesOf(meta, id)) {
    const c = new Cursor(meta.buf, p.start, p.end);
    if (p.type === 'irot') out.push({ kind: 'rotate', degrees: (c.u8() & 3) * 90 });
    else if (p.type === 'imir') out.push({ kind: 'mirror', axis: (c.u8() & 1) as 0 | 1 });
    else if (p.type === 'clap') {
      const [wN, wD, hN, hD, xN, xD, yN, yD] = [c.i32(), c.u32(), c.i32(), c.u32(), c.i32(), c.u32(), c.i32(), c.u32()];
      if (wD === 0 || hD === 0 || xD === 0 || yD === 0) continue;
      const w = Math.round(wN / wD);
      const h = Math.round(hN / hD);
      const x = Math.round((width - w) / 2 + xN / xD);
      const y = Math.round((height - h) / 2 + yN / yD);
      if (w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= width && y + h <= height) out.push({ kind: 'crop', x, y, width: w, height: h });
    }
  }
  return out;
}

/** One image item (hvc1 or a grid of hvc1 tiles) as an HEVC stream to decode. */
async function imageOf(path: string, meta: Meta, id: number, fileSize: number): Promise<HeifImage> {
  const item = meta.items.get(id);
  if (!item) throw new HeifUnreadable(`no item ${id}`);
  let tiles: Item[];
  let columns = 1;
  let rows = 1;
  let width: number;
  let height: number;
  if (item.type === 'grid') {
    const data = await readItem(path, meta, item, fileSize);
    const g = new Cursor(data, 0, data.length);
    const flags = (g.u8(), g.u8());
    rows = g.u8() + 1;
    columns = g.u8() + 1;
    width = g.uint(flags & 1 ? 4 : 2);
    height = g.uint(flags & 1 ? 4 : 2);
    const ids = meta.refs.find((r) => r.type === 'dimg' && r.from === id)?.to ?? [];
    if (ids.length !== rows * columns || ids.length > MAX_TILES) throw new HeifUnreadable('grid tiles do not match its size');
    tiles = ids.map((t) => meta.items.get(t)).filter((t): t is Item => t !== undefined);
    if (tiles.length !== ids.length) throw new HeifUnreadable('grid names a missing tile');
  } else {
    tiles = [item];
    const ispe = propertiesOf(meta, id).find((p) => p.type === 'ispe');
    if (!ispe) throw new HeifUnreadable('image without ispe');
    const c = new Cursor(meta.buf, ispe.start + 4, ispe.end);
    width = c.u32();
    height = c.u32();
  }
  if (tiles.some((t) => t.type !== 'hvc1')) throw new HeifUnreadable('not HEVC');
  if (width * height > MAX_PIXELS) throw new HeifUnreadable(`picture of ${width}×${height}`);
  const parts: Buffer[] = [];
  let bytes = 0;
  let lastConfig: Child | null = null;
  for (const tile of tiles) {
    const hvcC = propertiesOf(meta, tile.id).find((p) => p.type === 'hvcC');
    if (!hvcC) throw new HeifUnreadable(`tile ${tile.id} without hvcC`);
    const { nals, lengthSize } = parameterSets(meta.buf, hvcC);
    // Tiles share one decoder setup as a rule: its parameter sets go in once, again only when it changes.
    if (hvcC !== lastConfig) nals.forEach((n) => parts.push(START, n));
    lastConfig = hvcC;
    const data = await readItem(path, meta, tile, fileSize);
    bytes += data.length;
    if (bytes > MAX_IMAGE_BYTES) throw new HeifUnreadable('tiles larger than a photo');
    parts.push(...toAnnexB(data, lengthSize));
  }
  return { annexB: Buffer.concat(parts), columns, rows, width, height, transforms: transformsOf(meta, id, width, height) };
}

async function readMeta(path: string): Promise<{ meta: Meta; fileSize: number }> {
  const { boxes, fileSize } = await topLevelBoxes(path);
  const metaBox = boxes.find((b) => b.type === 'meta');
  if (!metaBox || metaBox.size > MAX_META) throw new HeifUnreadable('no meta box');
  const handle = await open(path, constants.O_RDONLY);
  try {
    const buf = Buffer.alloc(metaBox.size);
    const { bytesRead } = await handle.read(buf, 0, metaBox.size, metaBox.offset);
    const header = buf.readUInt32BE(0) === 1 ? 16 : 8;
    return { meta: parseMeta(buf.subarray(0, bytesRead), { type: 'meta', start: header, end: bytesRead }), fileSize };
  } finally {
    await handle.close();
  }
}

/** Malformed bytes end as HeifUnreadable, whatever part of the reading they break. */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) throw new HeifUnreadable(`malformed: ${err.message}`);
    throw err;
  }
}

/** The whole picture (the primary item). Throws HeifUnreadable when it cannot be put together. */
export function heifPrimary(path: string): Promise<HeifImage> {
  return reading(async () => {
    const { meta, fileSize } = await readMeta(path);
    return imageOf(path, meta, meta.primary, fileSize);
  });
}

/** The preview the phone stored next to the picture (a `thmb` item pointing at the primary), or null. */
export function heifThumbnail(path: string): Promise<HeifImage | null> {
  return reading(async () => {
    const { meta, fileSize } = await readMeta(path);
    const thumb = meta.refs.find((r) => r.type === 'thmb' && r.to.includes(meta.primary));
    return thumb ? imageOf(path, meta, thumb.from, fileSize) : null;
  });
}

/** The ffmpeg filter that assembles the tiles and turns the picture as the file says. */
export function heifFilter(image: HeifImage): string {
  const steps: string[] = [];
  if (image.columns * image.rows > 1) steps.push(`tile=${image.columns}x${image.rows}`);
  // Some writers give the coded size in ispe, a few lines more than the decoder puts out: never crop past it.
  const crop = (w: number, h: number, x: number, y: number) => `crop=w='min(iw,${w})':h='min(ih,${h})':x='min(${x},iw-ow)':y='min(${y},ih-oh)'`;
  steps.push(crop(image.width, image.height, 0, 0));
  for (const t of image.transforms) {
    if (t.kind === 'crop') steps.push(crop(t.width, t.height, t.x, t.y));
    else if (t.kind === 'mirror') steps.push(t.axis === 0 ? 'hflip' : 'vflip');
    // irot is anti-clockwise; transpose=2 turns 90° anti-clockwise, transpose=1 clockwise.
    else if (t.degrees === 90) steps.push('transpose=2');
    else if (t.degrees === 180) steps.push('hflip,vflip');
    else if (t.degrees === 270) steps.push('transpose=1');
  }
  return steps.join(',');
}
