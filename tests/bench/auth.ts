import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStation } from '../../electron/host/open-station';
import { signInForTest, TEST_LOGIN, TEST_PASSWORD } from '../support/station';

// `npm run bench` (sign-in part): how long a desk waits to sign in (scrypt, N = 2^15), next to a plain read
// of today's list in the same run; and whether a wrong password and an unknown login take the same time
// (a faster "unknown" would tell an attacker which logins exist). Median of 15 each, after 2 warm-ups.

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    await f().catch(() => undefined);
    if (i >= 2) times.push(performance.now() - t0);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-bench-auth-'));
  const host = await openStation({ dataDir });
  try {
    await signInForTest(host);
    const h = host.handlers;
    const read = await timed(15, () => h['report:today']({}));
    const right = await timed(15, () => h['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD }));
    // Wrong passwords, not counted towards the lockout: the counter is reset by a right one between tries.
    const wrong = await timed(15, async () => {
      await h['auth:signIn']({ login: TEST_LOGIN, password: 'sai mật khẩu' }).catch(() => undefined);
      await host.station.db.updateTable('officers').set({ failed_sign_ins: 0 }).execute();
    });
    const unknown = await timed(15, () => h['auth:signIn']({ login: 'khong-co-ai', password: 'sai mật khẩu' }));
    console.log(`sign-in: right ${right.toFixed(0)} ms, wrong ${wrong.toFixed(0)} ms, unknown login ${unknown.toFixed(0)} ms; `
      + `a read of today's list ${read.toFixed(1)} ms (sign-in = ${(right / read).toFixed(0)}× a read)`);
    const oracle = Math.abs(unknown - wrong) / wrong;
    console.log(`unknown login vs wrong password: ${(oracle * 100).toFixed(0)} % apart (target < 25 %: no hint which logins exist)`);
    if (oracle >= 0.25 || right > 2000) process.exitCode = 1;
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
