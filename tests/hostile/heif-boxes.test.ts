import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heifPrimary, HeifUnreadable } from '../../electron/services/evidence/heif';
import { hostileFigures } from './figures';

// A citizen's "photo" whose HEIF item table is built to hurt: extents that cost no bytes to list (a CPU
// bomb), or the same megabyte listed hundreds of times (a memory bomb). Both are refused at once.

const figures = hostileFigures('hostile HEIF boxes');
const dir = mkdtempSync(join(tmpdir(), 'station-heif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const box = (type: string, ...payload: Buffer[]) => {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
};
const full = (type: string, version: number, ...payload: Buffer[]) => box(type, u32(version << 24), ...payload);

/** ftyp + meta with one hvc1 item (id 1, 64×64, an empty decoder setup) and the given iloc body (after its version/flags). */
function heic(ilocVersion: number, iloc: Buffer, tail = Buffer.alloc(0)): Buffer {
  const infe = full('infe', 2, u16(1), u16(0), Buffer.from('hvc1', 'latin1'), Buffer.from([0]));
  const hvcC = box('hvcC', Buffer.alloc(21), Buffer.from([0xff, 0x00]));
  const ispe = full('ispe', 0, u32(64), u32(64));
  const ipma = full('ipma', 0, u32(1), u16(1), Buffer.from([2, 1, 2]));
  const meta = full('meta', 0,
    full('hdlr', 0, u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(13)),
    full('pitm', 0, u16(1)),
    full('iinf', 0, u16(1), infe),
    full('iloc', ilocVersion, iloc),
    box('iprp', box('ipco', hvcC, ispe), ipma));
  return Buffer.concat([box('ftyp', Buffer.from('heicmif1', 'latin1'), u32(0)), meta, tail]);
}

async function refusedWithin(path: string, ms: number): Promise<void> {
  figures.requestsTried += 1;
  const started = Date.now();
  await expect(heifPrimary(path)).rejects.toBeInstanceOf(HeifUnreadable);
  const took = Date.now() - started;
  if (took >= ms) figures.hangs += 1;
  expect(took).toBeLessThan(ms);
}

describe('HEIF item tables built to hurt', () => {
  it('extents that cost no bytes to list (no offset, no length fields) are refused at once', async () => {
    // 5,000 items × 65,535 empty extents each: hours of looping for a file of 40 KB.
    const items = Array.from({ length: 5000 }, (_, i) => Buffer.concat([u16(i + 1), u16(0), u16(0), u16(65535)]));
    const path = join(dir, 'cpu-bomb.heic');
    writeFileSync(path, heic(1, Buffer.concat([Buffer.from([0x00, 0x00]), u16(items.length), ...items])));
    await refusedWithin(path, 1000);
  });

  it('one megabyte listed 256 times is refused before anything is read (no half-gigabyte allocated)', async () => {
    const extents = Array.from({ length: 256 }, () => Buffer.concat([u32(0), u32(1024 * 1024)]));
    // One item (id 1) stored in the file (method 0), 256 extents of (offset 0, 1 MB).
    const iloc = Buffer.concat([Buffer.from([0x44, 0x00]), u16(1), u16(1), u16(0), u16(0), u16(extents.length), ...extents]);
    const path = join(dir, 'memory-bomb.heic');
    writeFileSync(path, heic(1, iloc, Buffer.alloc(1024 * 1024)));
    const before = process.memoryUsage().arrayBuffers;
    await refusedWithin(path, 1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });
});
