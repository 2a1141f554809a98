import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real station in browser mode (`station serve`) as its own process, on a data folder. */
export async function serveStation(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), 'serve', '--data', dataDir], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station serve did not start: ${output}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`station serve exited ${code}: ${output}`)); });
  });
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/**
 * For a Playwright file: each test gets a fresh data folder; `start()` serves the station on it, and
 * whatever was started is stopped and the folder removed after the test.
 */
export function stationPerTest() {
  const state = {
    dataDir: '',
    served: null as Served | null,
    async start(): Promise<Served> {
      state.served = await serveStation(state.dataDir);
      return state.served;
    },
  };
  test.beforeEach(() => { state.dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-')); });
  test.afterEach(async () => {
    await state.served?.stop();
    state.served = null;
    rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}
