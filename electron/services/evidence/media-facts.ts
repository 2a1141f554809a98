import type { CaptureTime } from './capture-time';
import type { LatLng } from './geo';
import type { Damage } from './integrity';

/** What a photo or video tells about itself; `raw` keeps the tags as read (JSON-safe). */
export interface MediaFacts {
  capture: CaptureTime | null;
  location: LatLng | null;
  make: string | null;
  model: string | null;
  software: string | null;
  width: number | null;
  height: number | null;
  /** Degrees the picture must turn to stand upright. */
  rotation: number | null;
  durationS: number | null;
  codecs: string | null;
  /** The file is not whole (see integrity.ts). */
  damage: Damage | null;
  /** The metadata block is broken (the picture may still be fine). */
  metadataDamaged: boolean;
  raw: Record<string, unknown>;
}

export const noFacts = (raw: Record<string, unknown> = {}): MediaFacts => ({
  capture: null, location: null, make: null, model: null, software: null, width: null, height: null,
  rotation: null, durationS: null, codecs: null, damage: null, metadataDamaged: false, raw,
});

/** Tags made storable: binary blobs summarised, long text cut, nothing that JSON cannot hold. */
export function jsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return depth > 4 ? '[…]' : value.slice(0, 64).map((v) => jsonSafe(v, depth + 1));
  if (typeof value === 'object' && depth <= 4) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v, depth + 1)]));
  }
  return String(value);
}

export function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Some cameras pad with NULs or spaces.
  const t = value.replace(/\0+$/g, '').trim();
  return t === '' ? null : t.normalize('NFC');
}
