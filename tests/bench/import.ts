import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { photoFacts } from '../../electron/services/evidence/photo-metadata';
import { runTool, tools } from '../../electron/services/evidence/tools';
import { makeJpeg, makeVideo } from '../support/media';
import buildBundles, { bundled } from '../support/bundles';

// `npm run bench:import`: the station's import from a folder into its store against `cp -r` + `sync` of the same
// folder (copying alone), in the same run: a stick of 2,000 small photos (the common phone and chat-app case; goal
// ≤ 3×) and ~2 GB of photos and videos (goal ≤ 1.3×). Each contender runs three times, the machine's file cache
// dropped before each run (as root: /proc/sys/vm/drop_caches; else the runs are warm and say so), and the median is
// reported. Also `openssl dgst -sha256` (hashing alone), the peak memory importing one 4 GB video summed over the
// import's process and its children (ffprobe, ffmpeg; goal < 300 MB), and metadata per photo against
// `exiftool -json` (Debian libimage-exiftool-perl).

const MB = 1024 * 1024;
const dir = resolve(process.env.BENCH_DIR ?? '.bench');
const target = Number(process.env.BENCH_IMPORT_MB ?? 2048) * MB;
const mediaDir = join(dir, `media-${target / MB}mb`);
const stickDir = join(dir, 'media-2000-photos');
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

/** Drops the machine's file cache (root only): each run reads its source from the disk, as from a stick plugged in. */
function dropCache(): boolean {
  spawnSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The resident memory of a process and all its descendants now (Linux /proc), in KiB. */
function treeRssKiB(pid: number): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const inTree = (p: number): boolean => p === pid || (parent.has(p) && p !== 1 && inTree(parent.get(p)!));
  let kib = 0;
  for (const p of parent.keys()) {
    if (!inTree(p)) continue;
    try { kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0); } catch { /* gone */ }
  }
  return kib;
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

/** Imports a folder into a fresh station in a child process; its peak memory with its children, sampled every 20 ms. */
async function importInChild(folder: string): Promise<{ ms: number; ok: number; failed: number; peakTreeKiB: number }> {
  const dataDir = join(work, `station-${Date.now()}`);
  const child = spawn(process.execPath, [bundled('import-one'), folder, dataDir], { cwd: root });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { err += c; });
  let peakTreeKiB = 0;
  const sampler = setInterval(() => { peakTreeKiB = Math.max(peakTreeKiB, treeRssKiB(child.pid!)); }, 20);
  const code = await new Promise<number | null>((resolveCode) => child.once('exit', resolveCode));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`import failed: ${err}`);
  rmSync(dataDir, { recursive: true, force: true });
  return { ...JSON.parse(out.trim().split('\n').pop()!), peakTreeKiB };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (bytes: number, ms: number) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;

async function generateStick(): Promise<void> {
  if (existsSync(`${stickDir}.complete`)) return;
  console.log(`  generating 2,000 small photos in ${stickDir} (once)…`);
  rmSync(stickDir, { recursive: true, force: true });
  for (let i = 0; i < 2000; i++) {
    await makeJpeg(join(stickDir, 'DCIM', 'Camera', `IMG_2026112${i % 10}_${String(i).padStart(6, '0')}.jpg`), {
      make: 'samsung', model: 'SM-A546E', taken: '2026:11:20 14:05:09', offset: '+07:00', gps: { lat: 14.3545, lng: 108.0076 },
      colour: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}`,
    }, { width: 640, height: 480, noise: true });
  }
  writeFileSync(`${stickDir}.complete`, '');
}

/** The floor (copy-floor.ts: read, hash, write and flush each file, two threads, nothing of the station's), in ms. */
function floorRun(folder: string): number {
  const out = spawnSync(process.execPath, [bundled('copy-floor'), folder, join(work, 'floor')], { encoding: 'utf8' });
  rmSync(join(work, 'floor'), { recursive: true, force: true });
  if (out.status !== 0) throw new Error(`copy floor: ${out.stderr}`);
  return (JSON.parse(out.stdout.trim()) as { ms: number }).ms;
}

/**
 * cp -r + sync against the station's import of one folder, three runs each from a cold cache, medians; and the floor
 * of any import that hashes what it copies on this machine, to tell the station's own cost from the work's.
 */
async function compare(name: string, folder: string, goal: number): Promise<boolean> {
  const list = files(folder);
  const total = bytesOf(list);
  const copies: number[] = [];
  const imports: number[] = [];
  const floors: number[] = [];
  let cold = true;
  for (let k = 0; k < 3; k++) {
    cold = dropCache() && cold;
    copies.push(run('cp', ['-r', folder, join(work, 'copy')]) + run('sync', []));
    rmSync(join(work, 'copy'), { recursive: true, force: true });
    cold = dropCache() && cold;
    const imported = await importInChild(folder);
    if (imported.failed > 0 || imported.ok !== list.length) throw new Error(`import: ${imported.ok} ok, ${imported.failed} failed`);
    imports.push(imported.ms);
    cold = dropCache() && cold;
    floors.push(floorRun(folder));
  }
  const [copyMs, importMs, floorMs] = [median(copies), median(imports), median(floors)];
  const ratio = importMs / copyMs;
  const floorRatio = floorMs / copyMs;
  console.log(`\n  ${name}: ${list.length.toLocaleString('en')} files, ${(total / MB).toFixed(0)} MB; medians of 3 runs, ${cold ? 'file cache dropped before each' : 'WARM (the file cache could not be dropped here)'}`);
  console.log(`    cp -r + sync             ${seconds(copyMs).padStart(9)} ${rate(total, copyMs).padStart(10)}   (${copies.map(seconds).join(', ')})`);
  console.log(`    station import           ${seconds(importMs).padStart(9)} ${rate(total, importMs).padStart(10)}   (${imports.map(seconds).join(', ')})`);
  console.log(`    floor: read, hash, write ${seconds(floorMs).padStart(9)} ${rate(total, floorMs).padStart(10)}   (${floors.map(seconds).join(', ')}; two threads, nothing else)`);
  console.log(`    import / copy: ${ratio.toFixed(2)}× (goal ≤ ${goal}×): ${ratio <= goal ? 'met' : 'NOT met'}${ratio > goal && floorRatio > goal ? ` — the floor alone is ${floorRatio.toFixed(2)}× here: out of reach on this machine for an import that hashes what it copies` : ''}; import / floor ${(importMs / floorMs).toFixed(2)}×`);
  return ratio <= goal;
}

async function main(): Promise<void> {
  await buildBundles();
  await generate();
  await generateStick();
  const list = files(mediaDir);
  const photos = list.filter((f) => f.endsWith('.jpg'));
  console.log('Import benchmark');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('sync', []);
  await compare('a stick of 2,000 small photos', stickDir, 3);
  await compare('~2 GB of photos and videos', mediaDir, 1.3);
  dropCache();
  const hashMs = run('openssl', ['dgst', '-sha256', ...list]);
  console.log(`\n  openssl dgst -sha256 of the 2 GB (hash floor, cold): ${seconds(hashMs)} ${rate(bytesOf(list), hashMs)}`);

  await generateBig();
  dropCache();
  const big = await importInChild(bigDir);
  const rssMb = big.peakTreeKiB / 1024;
  console.log(`  one 4 GB video: ${seconds(big.ms)}, peak memory of the import and its children ${rssMb.toFixed(0)} MB (goal < 300 MB): ${rssMb < 300 ? 'met' : 'NOT met'}`);

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
