import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportedFile, type ImportResult } from '../../../electron/services/evidence/import';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { runTool, tools } from '../../../electron/services/evidence/tools';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// MPEG transport streams, as dashcams (188-byte packets, .ts) and camcorders (AVCHD: 192-byte packets,
// .MTS under PRIVATE/AVCHD/BDMV/STREAM) write them, made by the station's own ffmpeg. ffmpeg writes a
// service table (SDT) into every .ts; reading it once crashed the bundled ffprobe (issue 7, point 11).

/** H.264 + AAC in MPEG-TS; `m2ts` adds the 4-byte timestamp before each packet (192 bytes), as AVCHD does. */
async function makeTransportStream(path: string, m2ts: boolean, seconds = 2): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await runTool(tools.ffmpeg, ['-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(seconds), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-f', 'mpegts', '-mpegts_m2ts_mode', m2ts ? '1' : '0', path], 120_000);
}

/** CRC-32/MPEG-2, which closes every PSI/SI section. */
function crc32Mpeg(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

/**
 * Marks the SDT's provider name as ISO 8859-15 (first byte 0x0B), as European broadcast gear does, with
 * the section's CRC made good again: the demuxer then asks iconv for another charset than ISO 6937.
 */
function markSdtCharset(ts: Buffer): number {
  let marked = 0;
  for (let at = 0; at + 188 <= ts.length; at += 188) {
    const pid = ((ts[at + 1]! & 0x1f) << 8) | ts[at + 2]!;
    if (ts[at] !== 0x47 || pid !== 0x11 || !(ts[at + 1]! & 0x40)) continue;
    const section = at + 5 + ts[at + 4]!;
    const end = section + 3 + (((ts[section + 1]! & 0x0f) << 8) | ts[section + 2]!);
    const name = ts.indexOf('FFmpeg', section, 'latin1');
    if (name < 0 || name >= end) continue;
    ts[name] = 0x0b;
    ts.writeUInt32BE(crc32Mpeg(ts.subarray(section, end - 4)), end - 4);
    marked += 1;
  }
  return marked;
}

let card: string;

// The card is made once (ffmpeg); each database's run imports it into a station of its own.
beforeAll(async () => {
  card = mkdtempSync(join(tmpdir(), 'station-mpegts-'));
  await makeTransportStream(join(card, 'DCIM', 'FILE0001.ts'), false);
  await makeTransportStream(join(card, 'clip.mts'), true);
  await makeTransportStream(join(card, 'clip.m2ts'), true);
  // A camcorder card: the clip with AVCHD's index files around it (those import as other files).
  const avchd = join(card, 'PRIVATE', 'AVCHD', 'BDMV');
  await makeTransportStream(join(avchd, 'STREAM', '00000.MTS'), true, 3);
  writeFileSync(join(avchd, 'INDEX.BDM'), Buffer.concat([Buffer.from('INDX0100'), Buffer.alloc(112)]));
  mkdirSync(join(avchd, 'CLIPINF'));
  writeFileSync(join(avchd, 'CLIPINF', '00000.CPI'), Buffer.concat([Buffer.from('HDMV0100'), Buffer.alloc(112)]));
  const broadcast = readFileSync(join(card, 'DCIM', 'FILE0001.ts'));
  expect(markSdtCharset(broadcast)).toBeGreaterThan(0);
  writeFileSync(join(card, 'broadcast.ts'), broadcast);
}, 120_000);

afterAll(() => {
  rmSync(card, { recursive: true, force: true });
});

describe.each(backends)('%s: MPEG transport streams with the bundled ffmpeg and ffprobe', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let results: ImportResult[];

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    const { id: reportId } = await createReport(t.station, null, form());
    const scan = await scanFolder(card);
    expect(scan.byKind.video.count).toBe(5);
    expect(scan.files.filter((f) => f.kind === 'video').every((f) => f.format === 'mpegts')).toBe(true);
    results = await importFiles(t.station, { reportId, files: scan.files, sourceLabel: 'THẺ NHỚ CAMERA' });
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  function imported(path: string): ImportedFile {
    const r = results.find((x) => x.path === path);
    if (!r) throw new Error(`no result for ${path}`);
    if (!r.ok) throw new Error(`${path} failed: ${r.error}`);
    return r;
  }

  async function item(path: string) {
    return t.station.db.selectFrom('evidence_items').select(['kind', 'format', 'duration_s', 'codecs', 'width', 'height', 'signs'])
      .where('id', '=', imported(path).evidenceId).executeTakeFirstOrThrow();
  }

  it.each([
    ['DCIM/FILE0001.ts', 2],
    ['clip.mts', 2],
    ['clip.m2ts', 2],
    ['PRIVATE/AVCHD/BDMV/STREAM/00000.MTS', 3],
    ['broadcast.ts', 2],
  ])('imports %s with its duration, codecs and size read, and no damage', async (path, seconds) => {
    const row = await item(path);
    expect(row).toMatchObject({ kind: 'video', format: 'mpegts', codecs: 'h264, aac', width: 320, height: 240 });
    expect(row.duration_s).toBeCloseTo(seconds, 0);
    expect(row.signs.split(' ').filter((s) => ['truncated', 'corrupt', 'undecodable'].includes(s))).toEqual([]);
  });

  it('imports the whole camcorder card, index files included', () => {
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(imported('PRIVATE/AVCHD/BDMV/INDEX.BDM')).toMatchObject({ kind: 'other' });
  });
});
