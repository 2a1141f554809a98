import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { photoFacts } from '../../electron/services/evidence/photo-metadata';
import { runTool, tools } from '../../electron/services/evidence/tools';
import { makeJpeg, makeVideo } from '../support/media';

// `npm run bench` (import part): the station's import of ~2 GB of generated photos and videos from one
// folder into its store, against the floor measured in the same run on the same files: `cp -r` + `sync`
// (copying alone) and `openssl dgst -sha256` (hashing alone, with the CPU's SHA instructions).
// Target: import ≤ 1.3× the copy. Also: peak memory importing one 4 GB video (target < 300 MB), and
// metadata per photo against `exiftool -json` (Debian libimage-exiftool-perl) over the same photos.

const MB = 1024 * 1024;
const dir = resolve(process.env.BENCH_DIR ?? '.bench');
const target = Number(process.env.BENCH_IMPORT_MB ?? 2048) * MB;
const mediaDir = join(dir, `media-${target / MB}mb`);
const bigDir = join(dir, 'media-4gb');
const work = join(dir, 'import-run');
const root = resolve(import.meta.dirname, '..', '..');

function files(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name)).sort();
}
const bytesOf = (list: string[]) => list.reduce((n, f) => n + statSync(f).size, 0);

function run(cmd: string, args: string[]): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 64 * MB });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status})`);
  return performance.now() - started;
}

/** Reads every file once so that each contender starts from the same (warm) page cache. */
async function warm(list: string[]): Promise<void> {
  const buffer = Buffer.allocUnsafe(8 * MB);
  for (const f of list) {
    const h = await open(f, 'r');
    while ((await h.read(buffer, 0, buffer.length, null)).bytesRead > 0);
    await h.close();
  }
}

async function generate(): Promise<void> {
  // The marker sits beside the folder: the folder holds only what is imported.
  if (existsSync(`${mediaDir}.complete`)) return;
  console.log(`  generating ${target / MB} MB of photos and videos in ${mediaDir} (once)…`);
  rmSync(mediaDir, { recursive: true, force: true });
  let bytes = 0;
  for (let i = 0; bytes < target * 0.6; i++) {
    const f = join(mediaDir, 'DCIM', `VID_${String(i).padStart(4, '0')}.mp4`);
    await makeVideo(f, { seconds: 4, size: '1280x720', noise: true, tags: { creation_time: '2026-11-20T07:10:00Z', location: '+14.3545+108.0076/' } });
    bytes += statSync(f).size;
  }
  for (let i = 0; bytes < target; i++) {
    const f = join(mediaDir, 'DCIM', `IMG_${String(i).padStart(4, '0')}.jpg`);
    await makeJpeg(f, { make: 'samsung', model: 'SM-A546E', taken: '2026:11:20 14:05:09', offset: '+07:00', gps: { lat: 14.3545, lng: 108.0076 } },
      { width: 2400, height: 1800, noise: true });
    bytes += statSync(f).size;
  }
  writeFileSync(`${mediaDir}.complete`, '');
}

async function generateBig(): Promise<void> {
  if (existsSync(`${bigDir}.complete`)) return;
  console.log(`  generating one 4 GB video in ${bigDir} (once)…`);
  rmSync(bigDir, { recursive: true, force: true });
  mkdirSync(bigDir, { recursive: true });
  const seed = files(mediaDir).find((f) => f.endsWith('.mp4'))!;
  await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-stream_loop', '-1', '-i', seed, '-c', 'copy', '-fs', String(4096 * MB),
    '-fflags', '+bitexact', join(bigDir, 'VID_4GB.mp4')], 600_000);
  writeFileSync(`${bigDir}.complete`, '');
}

function importInChild(folder: string): { ms: number; ok: number; failed: number; maxRssKiB: number } {
  const dataDir = join(work, `station-${Date.now()}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests/bench/import-one.ts'), folder, dataDir],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * MB });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  rmSync(dataDir, { recursive: true, force: true });
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (bytes: number, ms: number) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;

async function main(): Promise<void> {
  await generate();
  const list = files(mediaDir);
  const total = bytesOf(list);
  const photos = list.filter((f) => f.endsWith('.jpg'));
  console.log(`Import benchmark: ${list.length} files (${photos.length} photos, ${list.length - photos.length} videos), ${(total / MB).toFixed(0)} MB`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('sync', []);

  await warm(list);
  const copyMs = run('cp', ['-r', mediaDir, join(work, 'copy')]) + run('sync', []);
  rmSync(join(work, 'copy'), { recursive: true, force: true });
  run('sync', []);
  await warm(list);
  const hashMs = run('openssl', ['dgst', '-sha256', ...list]);
  await warm(list);
  const imported = importInChild(mediaDir);
  if (imported.failed > 0 || imported.ok !== list.length) throw new Error(`import: ${imported.ok} ok, ${imported.failed} failed`);

  console.log(`\n  ${'step'.padEnd(46)} ${'time'.padStart(9)} ${'rate'.padStart(10)}`);
  console.log(`  ${'cp -r + sync (copy floor)'.padEnd(46)} ${seconds(copyMs).padStart(9)} ${rate(total, copyMs).padStart(10)}`);
  console.log(`  ${'openssl dgst -sha256 (hash floor)'.padEnd(46)} ${seconds(hashMs).padStart(9)} ${rate(total, hashMs).padStart(10)}`);
  console.log(`  ${'station import (copy+hash+fsync+metadata+db)'.padEnd(46)} ${seconds(imported.ms).padStart(9)} ${rate(total, imported.ms).padStart(10)}`);
  const ratio = imported.ms / copyMs;
  console.log(`\n  import / copy: ${ratio.toFixed(2)}× (target ≤ 1.3×): ${ratio <= 1.3 ? 'met' : 'NOT met'}`);

  await generateBig();
  const big = importInChild(bigDir);
  const rssMb = big.maxRssKiB / 1024;
  console.log(`  one 4 GB video: ${seconds(big.ms)}, peak RSS ${rssMb.toFixed(0)} MB (target < 300 MB): ${rssMb < 300 ? 'met' : 'NOT met'}`);

  const sample = photos.slice(0, 100);
  let oursMs = 0;
  for (const f of sample) {
    const t0 = performance.now();
    await photoFacts(f, 'jpeg');
    oursMs += performance.now() - t0;
  }
  if (spawnSync('exiftool', ['-ver']).status === 0) {
    const exiftoolMs = run('exiftool', ['-json', '-n', '-q', ...sample]);
    console.log(`  metadata per photo: station ${(oursMs / sample.length).toFixed(1)} ms, exiftool -json ${(exiftoolMs / sample.length).toFixed(1)} ms `
      + `(${(oursMs / exiftoolMs).toFixed(2)}× exiftool's time, over ${sample.length} photos)`);
  } else {
    console.log(`  metadata per photo: station ${(oursMs / sample.length).toFixed(1)} ms; exiftool not installed (apt-get install libimage-exiftool-perl) for the comparison`);
  }
  rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
