import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';

// ffmpeg and ffprobe ship inside npm packages. STATION_FFMPEG / STATION_FFPROBE point at a system build
// instead (the bundled ffmpeg is from 2018). Inside a packaged app the binaries live in app.asar.unpacked.

function unpacked(path: string): string {
  return path.replace(`app.asar${process.platform === 'win32' ? '\\' : '/'}`, `app.asar.unpacked${process.platform === 'win32' ? '\\' : '/'}`);
}

export const tools = {
  ffmpeg: process.env.STATION_FFMPEG ?? unpacked(ffmpegInstaller.path),
  ffprobe: process.env.STATION_FFPROBE ?? unpacked(ffprobeInstaller.path),
};

// The Linux builds in the npm packages (and the static builds people download) link glibc in. Reading an
// MPEG-TS service table (SDT: every ffmpeg-written .ts, many dashcams), ffprobe converts the service
// names from their DVB charset with iconv (ISO 6937 when unmarked); a static glibc's iconv then loads the
// host's gconv module (ISO_6937.so), which drags the host's libc.so.6 into the process, and ffprobe dies
// with SIGSEGV before printing anything. A gconv-modules of our own, read before the system's, aliases
// every charset FFmpeg's mpegts demuxer may ask for to one that does not exist: iconv_open fails without
// loading anything and FFmpeg keeps the raw bytes of the service name, which the station does not use.
// UTF-8 and UCS-2BE are built into glibc and load nothing.
const DVB_CHARSETS = ['ISO6937', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15].map((n) => `ISO-8859-${n}`), 'KSC_5601', 'GB2312'];
const GCONV_ALIASES = DVB_CHARSETS.map((c) => `alias\t${c}//\tSTATION-NO-CONVERSION//\n`).join('');
let gconvDir: string | null = null;

/**
 * A folder only this user can write (a gconv-modules file names code the tools load): one per user, kept
 * across runs so nothing piles up in the temp folder; a fresh private one if someone else holds the name.
 */
function makeGconvDir(): string {
  const uid = process.getuid?.() ?? -1;
  let dir = join(tmpdir(), `station-gconv-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) dir = mkdtempSync(join(tmpdir(), 'station-gconv-'));
  const file = join(dir, 'gconv-modules');
  if (!existsSync(file) || readFileSync(file, 'utf8') !== GCONV_ALIASES) {
    const part = `${file}.${randomUUID()}`;
    writeFileSync(part, GCONV_ALIASES);
    renameSync(part, file);
  }
  return dir;
}

/** The environment for a tool: on Linux, GCONV_PATH at the aliases above (made again if a temp cleaner took them). */
function toolEnv(): NodeJS.ProcessEnv | undefined {
  if (process.platform !== 'linux') return undefined;
  if (!gconvDir || !existsSync(join(gconvDir, 'gconv-modules'))) gconvDir = makeGconvDir();
  return { ...process.env, GCONV_PATH: gconvDir };
}

export class ToolError extends Error {
  /**
   * `signal`: the tool crashed (SIGSEGV, SIGABRT…): it says nothing about the file. Null when the tool
   * exited with an error, or when the station killed it past its time limit (`timedOut`).
   */
  constructor(message: string, readonly timedOut: boolean, readonly stderr: string, readonly signal: NodeJS.Signals | null = null) {
    super(message);
    this.name = 'ToolError';
  }
}

/** Runs a tool with a time limit (killed past it) and a cap on what it may print; `env` adds to its environment. */
export function runTool(binary: string, args: string[], timeoutMs: number, maxBuffer = 32 * 1024 * 1024, env: NodeJS.ProcessEnv = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer, encoding: 'buffer', windowsHide: true, env: { ...(toolEnv() ?? process.env), ...env } },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const failure = err as NodeJS.ErrnoException & { killed?: boolean; signal?: NodeJS.Signals | null };
        const timedOut = failure.killed === true;
        const signal = timedOut ? null : failure.signal ?? null;
        const what = timedOut ? 'timed out' : signal ? `crashed (${signal})` : 'failed';
        reject(new ToolError(`${binary} ${what}: ${err.message}`, timedOut, stderr.toString('utf8').slice(-2000), signal));
      });
  });
}
