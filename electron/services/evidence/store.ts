import { createHash, randomUUID } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Copier, type ExpectedSource } from './copier';

// The evidence store: every file once, named by its SHA-256, read-only after it is written. A copy is
// written under tmp/, synced, hashed on the way, then renamed into place: the store never holds half a
// file under a hash name, and the database only ever points at whole files.
//
// Several processes share a store (the app, `station import`, a second desk's `serve`). Each writes its
// copies in a tmp folder of its own, named by host and pid, and a start cleans only the folders of
// processes that are gone. Whole files no record points to (a crash between the rename and the record)
// are moved to quarantine/, never deleted, and only while no process is between a rename and its record:
// a committer leaves a marker in its folder before it renames and checks for the cleaner's lock after;
// the cleaner takes its lock before it looks for markers. Each writes, then looks, so one of them always
// sees the other and the cleaner gives way.

const CHUNK = 4 * 1024 * 1024;

export interface StoredFile {
  sha256: string;
  size: number;
  /** Path inside the store ("sha256/ab/cd/abcd…"), with forward slashes. */
  storePath: string;
  /** The same bytes were already in the store. */
  existed: boolean;
}

/** A copy made and hashed, not yet in the store: commit() or discard() it. */
export interface PendingFile {
  sha256: string;
  size: number;
  /** The copy, readable for metadata before it is committed. */
  tmpPath: string;
  /** Settles when the copy is on disk: with null, or with the error the flush met. */
  flushed: Promise<Error | null>;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export class SourceChanged extends Error {
  constructor() {
    super('source changed while it was copied');
    this.name = 'SourceChanged';
  }
}

function storePathOf(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** This boot of the machine (Linux): a pid from an earlier boot names a process that is gone, whoever has that pid now. */
const BOOT = (() => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
  } catch {
    return '';
  }
})();
/** This process's mark on what it writes: the host (another machine's folders are never judged), pid and boot. */
const OWNER = `${hostname().replace(/[^\w.-]/g, '_')}~${process.pid}~${BOOT}~${randomUUID().slice(0, 8)}`;
const CLEANUP_LOCK = 'cleanup.lock';

/** Is the process that named this folder still running? Processes on other hosts are taken as running. */
function ownerAlive(owner: string): boolean {
  const [host, pid, boot] = owner.split('~');
  if (host !== OWNER.split('~')[0] || !/^\d+$/.test(pid ?? '')) return true;
  if (BOOT && boot && boot !== BOOT) return false;
  if (Number(pid) === process.pid) return owner === OWNER;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A cleaner takes a second or two; a lock older than this was left by one that died on another machine. */
const CLEANUP_STALE_MS = 60_000;

/** Is a live cleaner holding this lock? */
async function cleanerAt(lock: string): Promise<boolean> {
  const [owner, info] = await Promise.all([readFile(lock, 'utf8').catch(() => null), stat(lock).catch(() => null)]);
  return owner !== null && info !== null && ownerAlive(owner) && Date.now() - info.mtimeMs < CLEANUP_STALE_MS;
}

export class EvidenceStore {
  private readonly copier = new Copier();
  /**
   * Flushes to disk, each started as soon as its copy is written, a few at once (the file system merges
   * them into one journal commit) but never all of libuv's pool: the copies still running need threads.
   */
  private flushLanes: Promise<unknown>[] = Array.from({ length: 3 }, () => Promise.resolve());
  private nextLane = 0;

  /** `verifySource`: re-read every source after its copy and compare (forensic practice; slow on USB 2.0 sticks). */
  constructor(readonly root: string, readonly options: { verifySource?: boolean } = {}) {}

  /** This process's own work folder: nobody else writes or removes anything in it while it runs. */
  get tmp(): string {
    return join(this.root, 'tmp', OWNER);
  }

  /** Views made from evidence (thumbnails, contact sheets): not evidence, safe to delete. */
  cachePath(name: string): string {
    return join(this.root, 'cache', name);
  }

  absolute(storePath: string): string {
    return join(this.root, ...storePath.split('/'));
  }

  /**
   * Copies a file and hashes it in the same pass (constant memory); the source is only ever opened for
   * reading. `onBytes` reports progress; `signal` cancels (the partial copy is removed). The copy's flush
   * to disk starts at once in the background; commit() waits for it.
   */
  async ingest(source: string, onBytes: (n: number) => void = () => {}, signal?: AbortSignal, expected?: ExpectedSource): Promise<PendingFile> {
    if (signal?.aborted) throw new Cancelled();
    await mkdir(this.tmp, { recursive: true });
    const tmpPath = join(this.tmp, `${randomUUID()}.part`);
    let copied: { sha256: string; size: number };
    try {
      copied = await this.copier.copy({ source, target: tmpPath, onBytes, signal, expected, verifySource: this.options.verifySource });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'STATION_CANCELLED') throw new Cancelled();
      if (code === 'STATION_SOURCE_CHANGED') throw new SourceChanged();
      throw err; // with its code: STATION_NOT_REGULAR, STATION_STALLED, or the system's
    }
    const lane = this.nextLane++ % this.flushLanes.length;
    const flushed = this.flushLanes[lane]!.then(() => flushFile(tmpPath)).then(() => null, (err: unknown) => err as Error);
    this.flushLanes[lane] = flushed;
    return { ...copied, tmpPath, flushed };
  }

  /**
   * Puts flushed copies in the store under their hash, read-only: renamed once on disk, then their
   * folders flushed, then `record` writes them to the database. Until `record` has settled, no cleaner
   * can take them for orphans.
   */
  async commit<T>(pending: PendingFile[], record: (stored: StoredFile[]) => Promise<T>): Promise<T> {
    for (const p of pending) {
      const err = await p.flushed;
      if (err) throw err;
    }
    const marker = join(this.tmp, `commit-${randomUUID()}`);
    await writeFile(marker, '');
    try {
      await this.waitForCleaner();
      return await record(await this.place(pending));
    } finally {
      await rm(marker, { force: true });
    }
  }

  private async waitForCleaner(): Promise<void> {
    while (await cleanerAt(join(this.root, 'tmp', CLEANUP_LOCK))) await sleep(20);
  }

  private async place(pending: PendingFile[]): Promise<StoredFile[]> {
    const stored: StoredFile[] = [];
    const folders = new Set<string>();
    for (const p of pending) {
      const storePath = storePathOf(p.sha256);
      const target = this.absolute(storePath);
      const existing = await stat(target).catch(() => null);
      if (existing && existing.size === p.size) {
        await rm(p.tmpPath);
        stored.push({ sha256: p.sha256, size: p.size, storePath, existed: true });
        continue;
      }
      await mkdir(join(target, '..'), { recursive: true });
      await rename(p.tmpPath, target);
      await chmod(target, 0o444);
      folders.add(join(target, '..'));
      stored.push({ sha256: p.sha256, size: p.size, storePath, existed: false });
    }
    await Promise.all([...folders].map(syncDir));
    return stored;
  }

  async discard(pending: PendingFile[]): Promise<void> {
    await Promise.all(pending.map((p) => rm(p.tmpPath, { force: true })));
  }

  /** SHA-256 of a stored file as it is on disk now; null when it is missing. */
  async hashOf(storePath: string): Promise<string | null> {
    const file = this.absolute(storePath);
    const handle = await open(file, constants.O_RDONLY).catch(() => null);
    if (!handle) return null;
    try {
      const hash = createHash('sha256');
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
      return hash.digest('hex');
    } finally {
      await handle.close();
    }
  }

  /** Every file in the store (store paths). */
  async list(): Promise<string[]> {
    const base = join(this.root, 'sha256');
    const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'));
  }

  /**
   * After a crash: the work folders of processes that are gone are removed; whole files that no record
   * points to (`unknown` asks the database, after the store is listed) are moved to quarantine/.
   */
  async cleanUp(unknown: (storePaths: string[]) => Promise<string[]>): Promise<{ partial: number; orphans: number }> {
    const tmpRoot = join(this.root, 'tmp');
    const owners = await readdir(tmpRoot, { withFileTypes: true }).catch(() => []);
    let partial = 0;
    for (const entry of owners) {
      if (!entry.isDirectory() || ownerAlive(entry.name)) continue;
      partial += (await readdir(join(tmpRoot, entry.name)).catch(() => [])).filter((n) => !n.startsWith('commit-')).length;
      await rm(join(tmpRoot, entry.name), { recursive: true, force: true });
    }
    return { partial, orphans: await this.quarantineOrphans(unknown) };
  }

  private async quarantineOrphans(unknown: (storePaths: string[]) => Promise<string[]>): Promise<number> {
    const tmpRoot = join(this.root, 'tmp');
    const lock = join(tmpRoot, CLEANUP_LOCK);
    await mkdir(tmpRoot, { recursive: true });
    if (await cleanerAt(lock)) return 0;
    await rm(lock, { force: true });
    try {
      await writeFile(lock, OWNER, { flag: 'wx' });
    } catch {
      return 0; // another start is cleaning
    }
    try {
      // A process between a rename and its record: its files are not orphans. Try again at a later start.
      for (const entry of await readdir(tmpRoot, { withFileTypes: true })) {
        if (!entry.isDirectory() || !ownerAlive(entry.name)) continue;
        if ((await readdir(join(tmpRoot, entry.name)).catch(() => [])).some((n) => n.startsWith('commit-'))) return 0;
      }
      const orphans = await unknown(await this.list());
      let moved = 0;
      for (const p of orphans) {
        const target = join(this.root, 'quarantine', `${Date.now()}-${p.split('/').pop()}`);
        await mkdir(join(target, '..'), { recursive: true });
        // Gone already: another start cleaning at the same moment (after a cleaner died holding the lock).
        moved += await rename(this.absolute(p), target).then(() => 1, (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return 0;
          throw err;
        });
      }
      return moved;
    } finally {
      await rm(lock, { force: true });
    }
  }
}

async function flushFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  // Make the rename durable; directories cannot be opened this way on Windows, where NTFS journals it.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
