import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type EvidenceKind, type Sniffed, sniff } from './sniff';

// Walking a citizen's drive: read-only, never following links out of it, skipping what operating
// systems leave behind, and telling kinds apart by content.

const CLUTTER = new Set([
  '$recycle.bin', 'recycler', 'system volume information', '.trashes', '.trash', '.spotlight-v100', '.fseventsd',
  '.temporaryitems', '.documentrevisions-v100', 'thumbs.db', 'desktop.ini', '.ds_store', '.thumbnails', 'lost.dir',
]);

export function isClutter(name: string): boolean {
  return CLUTTER.has(name.toLowerCase()) || name.startsWith('._');
}

export interface ScannedFile extends Sniffed {
  path: string;
  /** Path inside the scanned folder, as the file system gives it. */
  relPath: string;
  size: number;
  mtime: Date;
}

export interface ScanResult {
  files: ScannedFile[];
  byKind: Record<EvidenceKind, { count: number; bytes: number }>;
  /** Folders or files that could not be read (no permission, vanished). */
  unreadable: string[];
}

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const buffer = Buffer.alloc(400);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function scanFolder(root: string, signal?: AbortSignal): Promise<ScanResult> {
  const result: ScanResult = {
    files: [], unreadable: [],
    byKind: { photo: { count: 0, bytes: 0 }, video: { count: 0, bytes: 0 }, other: { count: 0, bytes: 0 } },
  };
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      result.unreadable.push(relative(root, dir) || '.');
      return;
    }
    for (const name of names.sort()) {
      if (signal?.aborted) return;
      if (isClutter(name)) continue;
      const path = join(dir, name);
      try {
        // lstat: a link is never followed (it could lead out of the drive, or loop).
        const info = await lstat(path);
        if (info.isDirectory()) await walk(path);
        else if (info.isFile()) {
          const sniffed = sniff(await head(path));
          result.files.push({ path, relPath: relative(root, path), size: info.size, mtime: info.mtime, ...sniffed });
          result.byKind[sniffed.kind].count += 1;
          result.byKind[sniffed.kind].bytes += info.size;
        }
      } catch {
        result.unreadable.push(relative(root, path));
      }
    }
  };
  await walk(root);
  return result;
}
