import { execFile } from 'node:child_process';
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

export class ToolError extends Error {
  constructor(message: string, readonly timedOut: boolean, readonly stderr: string) {
    super(message);
    this.name = 'ToolError';
  }
}

/** Runs a tool with a time limit (killed past it) and a cap on what it may print. */
export function runTool(binary: string, args: string[], timeoutMs: number, maxBuffer = 32 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer, encoding: 'buffer', windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const timedOut = (err as NodeJS.ErrnoException & { killed?: boolean }).killed === true;
        reject(new ToolError(`${binary} ${timedOut ? 'timed out' : 'failed'}: ${err.message}`, timedOut, stderr.toString('utf8').slice(-2000)));
      });
  });
}
