import { constants } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { vi } from '../../contract/messages.vi';
import { type EvidenceKind, type Sniffed, sniff } from './sniff';

// Walking a citizen's drive: read-only, never following links out of it, skipping what operating
// systems leave behind, telling kinds apart by content, and bounded: a scan of a whole disk stops with
// a message instead of freezing the desk. Whatever is not listed as a file is named with its reason.

const CLUTTER = new Set([
  '$recycle.bin', 'recycler', 'system volume information', '.trashes', '.trash', '.spotlight-v100', '.fseventsd',
  '.temporaryitems', '.documentrevisions-v100', 'thumbs.db', 'desktop.ini', '.ds_store', '.thumbnails', 'lost.dir',
]);

export function isClutter(name: string): boolean {
  return CLUTTER.has(name.toLowerCase()) || name.startsWith('._');
}

/** Opening never follows a link and never waits on a FIFO or a device. */
export const SAFE_OPEN = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface ScannedFile extends Sniffed {
  path: string;
  /** Path inside the scanned folder, as the file system gives it. */
  relPath: string;
  size: number;
  mtime: Date;
  /** The file's identity when scanned: the copy refuses anything else put in its place. */
  dev: string;
  ino: string;
  /** Change time in ns: set by the system on every write, it cannot be set back like mtime. */
  ctimeNs: string;
}

export interface ScanLimits {
  files: number;
  depth: number;
  ms: number;
}

export const SCAN_LIMITS: ScanLimits = { files: 5_000, depth: 16, ms: 30_000 };

export interface ScanResult {
  files: ScannedFile[];
  byKind: Record<EvidenceKind, { count: number; bytes: number }>;
  /** What was seen and not listed (no permission, a link, a name not in UTF-8…): its path, readable, and why. */
  problems: { relPath: string; message: string }[];
  /** Why the scan stopped early, as a sentence; null when it saw everything. */
  limited: string | null;
}

/**
 * Places no citizen's files come from: the system's own folders, and the station's data. A USB stick is
 * mounted below /media, /mnt or /run/media, a phone's folder is the officer's choice elsewhere.
 */
const SYSTEM_TREES = ['/proc', '/sys', '/dev', '/etc', '/boot', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/var', '/snap',
  '/System', '/Library', '/private'];
const SYSTEM_EXACT = ['/', '/run', '/home', '/Users'];

function within(path: string, tree: string): boolean {
  return path === tree || path.startsWith(tree.endsWith(sep) ? tree : tree + sep);
}

/** Is this real (link-resolved) folder one the station refuses to scan? */
export function refusedFolder(real: string, stationDirs: string[]): boolean {
  if (process.platform === 'win32') {
    const p = real.toLowerCase().replace(/[\\/]+$/, '');
    const systemDrive = (process.env.SystemDrive ?? 'C:').toLowerCase();
    if (p === systemDrive) return true;
    const trees = ['windows', 'program files', 'program files (x86)', 'programdata'].map((t) => `${systemDrive}\\${t}`);
    if (trees.some((t) => within(p, t))) return true;
  } else {
    const temporary = ['/var/tmp', '/private/tmp', '/private/var/folders'].some((t) => within(real, t));
    if (SYSTEM_EXACT.includes(real) || (!temporary && SYSTEM_TREES.some((t) => within(real, t)))) return true;
  }
  // The station's own data: scanning it would import the evidence store into itself.
  return stationDirs.some((d) => within(real, d) || within(d, real));
}

/** The folder as it really is (links resolved), or null when it is not a readable folder. */
export async function realFolder(folder: string): Promise<string | null> {
  const real = await realpath(folder).catch(() => null);
  if (!real) return null;
  return (await lstat(real).catch(() => null))?.isDirectory() ? real : null;
}

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, SAFE_OPEN);
  try {
    const buffer = Buffer.alloc(400);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A name that is not UTF-8 (an old Windows stick), shown as the Vietnamese Windows code page reads it. */
function renderName(raw: Buffer): string {
  try {
    return new TextDecoder('windows-1258').decode(raw).normalize('NFC');
  } catch {
    return raw.toString('latin1');
  }
}

export async function scanFolder(root: string, opts: { signal?: AbortSignal; limits?: ScanLimits; skip?: string[] } = {}): Promise<ScanResult> {
  const limits = opts.limits ?? SCAN_LIMITS;
  const deadline = Date.now() + limits.ms;
  const result: ScanResult = {
    files: [], problems: [], limited: null,
    byKind: { photo: { count: 0, bytes: 0 }, video: { count: 0, bytes: 0 }, other: { count: 0, bytes: 0 } },
  };
  const stop = (): boolean => {
    if (result.limited) return true;
    if (opts.signal?.aborted) result.limited = vi.evidenceError.scanCancelled;
    else if (result.files.length >= limits.files) result.limited = vi.evidenceError.scanLimited('files', limits.files.toLocaleString('vi-VN'));
    else if (Date.now() > deadline) result.limited = vi.evidenceError.scanLimited('time', (limits.ms / 1000).toLocaleString('vi-VN'));
    return result.limited !== null;
  };
  let tooDeep = false;
  const problem = (relPath: string, message: (name: string) => string) => result.problems.push({ relPath, message: message(relPath) });
  const walk = async (dir: string, depth: number): Promise<void> => {
    let names: Buffer[];
    try {
      names = await readdir(dir, { encoding: 'buffer' });
    } catch {
      problem(relative(root, dir) || '.', vi.evidence.unreadableEntry);
      return;
    }
    for (const raw of names.sort(Buffer.compare)) {
      if (stop()) return;
      const name = raw.toString('utf8');
      if (!Buffer.from(name, 'utf8').equals(raw)) {
        problem(join(relative(root, dir), renderName(raw)), vi.evidenceError.badName);
        continue;
      }
      if (isClutter(name)) continue;
      const path = join(dir, name);
      const relPath = relative(root, path);
      try {
        // lstat: a link is never followed (it could lead out of the drive, or loop).
        const info = await lstat(path, { bigint: true });
        if (info.isDirectory()) {
          if (opts.skip?.some((d) => within(path, d))) problem(relPath, vi.evidenceError.systemFolder);
          else if (depth >= limits.depth) tooDeep = true;
          else await walk(path, depth + 1);
        } else if (info.isFile()) {
          const sniffed = sniff(await head(path));
          const size = Number(info.size);
          result.files.push({ path, relPath, size, mtime: new Date(Number(info.mtimeMs)), dev: String(info.dev), ino: String(info.ino), ctimeNs: String(info.ctimeNs), ...sniffed });
          result.byKind[sniffed.kind].count += 1;
          result.byKind[sniffed.kind].bytes += size;
        } else if (info.isSymbolicLink()) {
          problem(relPath, vi.evidenceError.link);
        } else {
          problem(relPath, vi.evidenceError.notListed);
        }
      } catch {
        problem(relPath, vi.evidence.unreadableEntry);
      }
    }
  };
  await walk(root, 0);
  // Folders too deep are left out, the rest is listed: said at the end, unless the scan stopped for more.
  if (tooDeep) result.limited ??= vi.evidenceError.scanLimited('depth', String(limits.depth));
  return result;
}
