// What a file is, from its first bytes: an extension can lie (HEIC photos named .JPG, PNG named .jpg).

import type { EvidenceKind } from '../../contract/schemas';

export type { EvidenceKind };
export interface Sniffed { kind: EvidenceKind; format: string }

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const QT_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function ascii(head: Buffer, from: number, to: number): string {
  return head.subarray(from, to).toString('latin1');
}

/** The kind and format of a file from its first bytes (64 are enough; give 400 for MPEG transport streams). */
export function sniff(head: Buffer): Sniffed {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return { kind: 'photo', format: 'jpeg' };
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'photo', format: 'png' };
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return { kind: 'photo', format: 'tiff' };
  if (ascii(head, 0, 4) === 'GIF8') return { kind: 'photo', format: 'gif' };
  if (ascii(head, 0, 4) === 'RIFF') {
    const sub = ascii(head, 8, 12);
    if (sub === 'WEBP') return { kind: 'photo', format: 'webp' };
    if (sub === 'AVI ') return { kind: 'video', format: 'avi' };
  }
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) return { kind: 'video', format: 'matroska' };
  const box = ascii(head, 4, 8);
  if (box === 'ftyp') {
    const brands = [ascii(head, 8, 12)];
    const boxSize = head.readUInt32BE(0);
    for (let i = 16; i + 4 <= Math.min(boxSize, head.length); i += 4) brands.push(ascii(head, i, i + 4));
    const major = brands[0]!;
    if (AVIF_BRANDS.has(major)) return { kind: 'photo', format: 'avif' };
    if (HEIF_BRANDS.has(major)) return { kind: 'photo', format: brands.some((b) => b.startsWith('hei') || b.startsWith('hev')) ? 'heic' : 'heif' };
    if (major === 'qt  ') return { kind: 'video', format: 'mov' };
    if (major.startsWith('3g')) return { kind: 'video', format: '3gp' };
    if (major === 'crx ') return { kind: 'photo', format: 'cr3' };
    return { kind: 'video', format: 'mp4' };
  }
  if (QT_ATOMS.has(box)) return { kind: 'video', format: 'mov' };
  // MPEG transport streams: sync byte every 188 bytes, or every 192 (M2TS/AVCHD .mts with a 4-byte timestamp).
  if (head.length >= 385 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47) return { kind: 'video', format: 'mpegts' };
  if (head.length >= 389 && head[4] === 0x47 && head[196] === 0x47 && head[388] === 0x47) return { kind: 'video', format: 'mpegts' };
  return { kind: 'other', format: 'unknown' };
}

const EXTENSION_FORMATS: Record<string, string[]> = {
  jpg: ['jpeg'], jpeg: ['jpeg'], jpe: ['jpeg'], png: ['png'], tif: ['tiff'], tiff: ['tiff'], dng: ['tiff'], gif: ['gif'],
  webp: ['webp'], heic: ['heic', 'heif'], heif: ['heic', 'heif'], hif: ['heic', 'heif'], avif: ['avif'],
  mp4: ['mp4', 'mov', '3gp'], m4v: ['mp4', 'mov'], mov: ['mov', 'mp4'], qt: ['mov'], '3gp': ['3gp', 'mp4'], '3g2': ['3gp', 'mp4'],
  avi: ['avi'], mkv: ['matroska'], webm: ['matroska'], mts: ['mpegts'], m2ts: ['mpegts'], ts: ['mpegts'], lrv: ['mp4'],
};

export function hasMediaExtension(fileName: string): boolean {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(EXTENSION_FORMATS, ext);
}

/** True when the extension names another format than the content (a sign for the officer, not a refusal). */
export function extensionLies(fileName: string, sniffed: Sniffed): boolean {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext || sniffed.format === 'unknown') return false;
  const expected = EXTENSION_FORMATS[ext];
  return expected !== undefined && !expected.includes(sniffed.format);
}
