import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { openStation } from '../../electron/host/open-station';
import { listPlaces } from '../../db/queries/catalog';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { makeJpeg } from '../support/media';
import { signInForTest, TEST_LOGIN, TEST_PASSWORD } from '../support/station';
import { COUNT, dir, file, NOW, prepareDatabase } from './bench-database';

// `npm run bench:startup` (issue 13.7): the station in browser mode (`npm run serve`: the command line bundled into
// one file, out/cli/station.mjs) launched on the benchmark's 1,000,000 reports, timed from launch to its sign-in
// screen ready for typing in Chromium, and from the password's Enter to the intake form ready, three times with the
// machine's file cache dropped (a desk switched on in the morning) and three times warm; the median of each. The
// baseline, in the same run: a bare Node server giving Chromium the same page. Then a day's work through the
// station's API (saves, searches, an import, previews, the statistics) and the server's resident memory.
// Goals: launch to sign-in < 1.5 s; resident memory after the day < 400 MB.

const root = resolve(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'cli', 'station.mjs');
const dataDir = join(dir, 'startup');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function dropCaches(): boolean {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/** Starts a server process and waits for the address it prints. */
async function launch(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      output += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (m) resolveUrl(m[1]!);
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => { output += c; });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  console.log(`Benchmark: launch and a day's work on ${COUNT.toLocaleString('en')} reports (${file})`);
  await prepareDatabase();
  mkdirSync(dataDir, { recursive: true });
  for (const part of ['station.sqlite', 'station.sqlite-wal', 'station.sqlite-shm']) rmSync(join(dataDir, part), { force: true });
  // A copy: the day's work below adds reports, and the other benchmarks compare against the database as built.
  copyFileSync(file, join(dataDir, 'station.sqlite'));
  const first = await openStation({ dataDir, now: () => NOW });
  await signInForTest(first);
  const { communes } = await listPlaces(first.station.db);
  await first.close();
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const rendererIndex = join(root, 'out', 'renderer', 'index.html');
  const bare = `const http=require('http'),fs=require('fs'),path=require('path');const dir=${JSON.stringify(join(root, 'out', 'renderer'))};
http.createServer((q,s)=>{const p=path.join(dir,q.url==='/'?'index.html':decodeURIComponent(q.url.split('?')[0]));fs.readFile(p,(e,b)=>{if(e){s.writeHead(404).end();return;}
s.writeHead(200,{'content-type':p.endsWith('.js')?'text/javascript':p.endsWith('.css')?'text/css':'text/html'}).end(b);});}).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/');});`;
  if (!existsSync(rendererIndex)) throw new Error('no renderer build');

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page: Page = await browser.newPage();
  const timings = { cold: { toSignIn: [] as number[], toIntake: [] as number[] }, warm: { toSignIn: [] as number[], toIntake: [] as number[] }, bare: [] as number[] };
  const canDrop = dropCaches();
  let last: { child: ChildProcess; url: string } | null = null;
  const order: ('cold' | 'warm')[] = [...(canDrop ? ['cold', 'cold', 'cold'] as const : []), 'warm', 'warm', 'warm'];
  for (const temperature of order) {
    if (temperature === 'cold') dropCaches();
    const t0 = performance.now();
    const served = await launch([bundle, 'serve', '--data', dataDir]);
    await page.goto(served.url);
    await page.getByLabel('Tên đăng nhập').waitFor({ state: 'visible' });
    const t1 = performance.now();
    await page.getByLabel('Tên đăng nhập').fill(TEST_LOGIN);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(TEST_PASSWORD);
    const t2 = performance.now();
    await page.keyboard.press('Enter');
    await page.getByLabel('Kênh', { exact: true }).waitFor({ state: 'visible' });
    const t3 = performance.now();
    timings[temperature].toSignIn.push(t1 - t0);
    timings[temperature].toIntake.push(t3 - t2);
    if (last) await stop(last.child);
    last = served;
    if (temperature === 'cold') { await stop(served.child); last = null; }
  }
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const served = await launch(['-e', bare]);
    await page.goto(served.url, { waitUntil: 'load' });
    timings.bare.push(performance.now() - t0);
    await stop(served.child);
  }

  // A day's work through the API of the last warm launch, as the screens call it.
  const served = last!;
  const token = new URL(served.url).searchParams.get('token') ?? '';
  const base = new URL(served.url).origin;
  const call = async (channel: string, input: unknown) => {
    const res = await fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-station-token': token }, body: JSON.stringify(input) });
    const body = await res.json() as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  };
  const photos = join(dir, 'startup-photos');
  if (!existsSync(photos)) for (let k = 0; k < 20; k++) await makeJpeg(join(photos, `IMG_${k}.jpg`), { taken: '2026:11:20 14:05:09', colour: `#${(k * 9 + 16).toString(16)}3322` }, { width: 1600, height: 1200, noise: true });
  const dayStart = performance.now();
  let saved = 0;
  let searched = 0;
  const ids: number[] = [];
  for (const form of demoForms(300, { seed: 77, until: NOW, days: 1, communes })) {
    ids.push((await call('report:create', { draftId: null, form }) as { id: number }).id);
    saved++;
    for (const q of ['xe tai', form.vehicles[0]?.plate ?? 'honda', 'nguoc chieu', String(1000 + saved), 'qua tai dak']) {
      await call('report:search', { query: q });
      searched++;
    }
    if (saved % 30 === 0) {
      await call('document:preview', { reportId: ids.at(-1), request: { kind: 'intake_form', params: { signer: { authority: null, title: 'Cán bộ tiếp nhận', rank: '', name: 'Lê Thị Hoa' } } } });
      await call('report:today', {});
      await call('report:due', {});
    }
  }
  await call('stats:get', { from: '2026-01-01', to: '2026-11-23', communeCode: null, violationCode: null, channel: null, outcome: null });
  const scanId = randomUUID();
  const scan = await call('evidence:scan', { scanId, folder: photos }) as { files: { relPath: string }[] };
  const job = await call('evidence:import', { scanId, reportId: ids[0], files: scan.files.map((f) => f.relPath) }) as { importId: string };
  for (;;) {
    const status = await call('evidence:importStatus', { importId: job.importId }) as { state: string };
    if (status.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const daySeconds = (performance.now() - dayStart) / 1000;
  const status = readFileSync(`/proc/${served.child.pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  await stop(served.child);
  await browser.close();

  const ms = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})` : '—');
  console.log(`\n  launch → sign-in screen ready, cold cache: ${canDrop ? ms(timings.cold.toSignIn) : 'not measured (the file cache cannot be dropped here)'}`);
  console.log(`  launch → sign-in screen ready, warm:       ${ms(timings.warm.toSignIn)}`);
  console.log(`  baseline: a bare Node server, the same page loaded: ${ms(timings.bare)}; ratio (warm) ${(median(timings.warm.toSignIn) / median(timings.bare)).toFixed(2)}×`);
  console.log(`  Enter on the password → intake form ready (scrypt included): cold ${ms(timings.cold.toIntake)}, warm ${ms(timings.warm.toIntake)}`);
  console.log(`  a day's work: ${saved} saves, ${searched} searches, ${Math.floor(saved / 30)} previews and lists, the statistics, 20 photos imported, in ${daySeconds.toFixed(0)} s`);
  console.log(`  server's resident memory after it: ${(kb('VmRSS') / 1024).toFixed(0)} MB (peak ${(kb('VmHWM') / 1024).toFixed(0)} MB)`);
  const worst = canDrop ? median(timings.cold.toSignIn) : median(timings.warm.toSignIn);
  console.log(`\n  goals: launch to sign-in < 1.5 s: ${worst < 1500 ? 'met' : 'NOT met'}; memory < 400 MB: ${kb('VmRSS') / 1024 < 400 ? 'met' : 'NOT met'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
