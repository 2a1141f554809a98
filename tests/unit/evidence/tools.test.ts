import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkVideo } from '../../../electron/services/evidence/integrity';
import { runTool, ToolError, tools } from '../../../electron/services/evidence/tools';

// A tool that crashes is not a bad file: ToolError says which signal ended it, and the first-frame check
// does not turn a crash into an 'undecodable' sign.

const dir = mkdtempSync(join(tmpdir(), 'station-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(process.platform === 'win32')('running ffmpeg and ffprobe', () => {
  it('reports a crash with its signal', async () => {
    const err = await runTool('/bin/sh', ['-c', 'kill -SEGV $$'], 5_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect(err).toMatchObject({ signal: 'SIGSEGV', timedOut: false, message: expect.stringContaining('crashed (SIGSEGV)') });
  });

  it('tells a time-out and a plain failure from a crash', async () => {
    await expect(runTool('/bin/sh', ['-c', 'sleep 5'], 200)).rejects.toMatchObject({ timedOut: true, signal: null });
    await expect(runTool('/bin/sh', ['-c', 'echo bad >&2; exit 1'], 5_000)).rejects.toMatchObject({ timedOut: false, signal: null, stderr: 'bad\n' });
  });

  it('first-frame check: a decoder error is a sign on the file, a decoder crash is not', async () => {
    const bundled = tools.ffmpeg;
    try {
      tools.ffmpeg = script('ffmpeg-fails', 'exit 1');
      expect(await checkVideo(join(dir, 'clip.ts'), 'mpegts')).toBe('undecodable');
      tools.ffmpeg = script('ffmpeg-crashes', 'kill -SEGV $$');
      await expect(checkVideo(join(dir, 'clip.ts'), 'mpegts')).rejects.toMatchObject({ name: 'ToolError', signal: 'SIGSEGV' });
    } finally {
      tools.ffmpeg = bundled;
    }
  });
});
