import { createHash, randomUUID } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import { access, chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Copier, type ExpectedSource } from './copier';

// The evidence store: every file once, named by its SHA-256, read-only after it is written. A copy is
// written under tmp/, synced, hashed on the way, then renamed into place: the store never holds half a
// file under a hash name, and the database only ever points at whole files.
//
// Several processes share a store (the app, `station import`, other desks' apps when the store is a folder on a
// NAS). Each writes its copies in a tmp folder of its own, named by host and pid, and a start cleans only the
// folders of its own host's processes that are gone. Whole files no record points to (a crash between the rename
// and the record) are moved to quarantine/, never deleted. What the desks must agree on goes through the database
// (the ledger, services/evidence/ledger.ts), never through files a network file system may show late: a committer
// names its files in the database before it renames them and clears them after their records; a cleaner, one at a
// time, takes for orphans only files neither named nor recorded.

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

/** How desks sharing a store agree, through the database (services/evidence/ledger.ts). */
export interface StoreLedger {
  /** Names files about to be renamed into the store; the function it returns clears them once they are recorded. */
  intend(sha256s: string[]): Promise<() => Promise<void>>;
  /** Of these store paths, those no record and no intent names. */
  unrecorded(storePaths: string[]): Promise<string[]>;
  /** True when this desk may clean now (one cleaner at a time); cleaned() when it is done. */
  mayClean(): Promise<boolean>;
  cleaned(): Promise<void>;
}

export class EvidenceStore {
  private readonly copier = new Copier();
  /**
   * Flushes to disk, each started as soon as its copy is written, a few at once (the file system merges
   * them into one journal commit) but never all of libuv's pool: the copies still running need threads.
   */
  private flushLanes: Promise<unknown>[] = Array.from({ length: 3 }, () => Promise.resolve());
  private nextLane = 0;

  /**
   * `verifySource`: re-read every source after its copy and compare (forensic practice; slow on USB 2.0 sticks).
   * `ledger`: the station's database, for a store desks share (without one, as for a backup's store, nothing is
   * cleaned but this host's dead work folders).
   */
  constructor(readonly root: string, readonly options: { verifySource?: boolean; ledger?: StoreLedger } = {}) {}

  /** This process's own work folder: nobody else writes or removes anything in it while it runs. */
  get tmp(): string {
    return join(this.root, 'tmp', OWNER);
  }

  /** Why the store cannot take files now (a NAS out of reach, its folder gone or read-only), or null. */
  async unreachable(): Promise<string | null> {
    try {
      await mkdir(this.tmp, { recursive: true });
      await access(this.tmp, constants.W_OK);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
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
    const clear = await this.options.ledger?.intend(pending.map((p) => p.sha256));
    try {
      return await record(await this.place(pending));
    } finally {
      // The records are written (or failed) whatever happens here: an intent left behind only expires.
      await clear?.().catch(() => {});
    }
  }

  /**
   * The batch's files at once (each a few system calls: awaited one after another they were most of the import of a
   * stick of small photos); the same bytes twice in a batch are placed once, the second copy found there.
   */
  private async place(pending: PendingFile[]): Promise<StoredFile[]> {
    const folders = new Set<string>();
    const placeOne = async (p: PendingFile): Promise<StoredFile> => {
      const storePath = storePathOf(p.sha256);
      const target = this.absolute(storePath);
      const existing = await stat(target).catch(() => null);
      if (existing && existing.size === p.size) {
        await rm(p.tmpPath);
        return { sha256: p.sha256, size: p.size, storePath, existed: true };
      }
      await mkdir(join(target, '..'), { recursive: true });
      await rename(p.tmpPath, target);
      await chmod(target, 0o444);
      folders.add(join(target, '..'));
      return { sha256: p.sha256, size: p.size, storePath, existed: false };
    };
    const first = new Map<string, number>();
    pending.forEach((p, k) => { if (!first.has(p.sha256)) first.set(p.sha256, k); });
    const placed = await Promise.all(pending.map((p, k) => (first.get(p.sha256) === k ? placeOne(p) : null)));
    const stored: StoredFile[] = [];
    for (const [k, p] of pending.entries()) stored.push(placed[k] ?? await placeOne(p));
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
   * After a crash: the work folders of this host's processes that are gone are removed; whole files that no record
   * points to are moved to quarantine/ (with a ledger: one desk at a time, asking the database after listing).
   */
  async cleanUp(): Promise<{ partial: number; orphans: number }> {
    const tmpRoot = join(this.root, 'tmp');
    const owners = await readdir(tmpRoot, { withFileTypes: true }).catch(() => []);
    let partial = 0;
    for (const entry of owners) {
      if (!entry.isDirectory() || ownerAlive(entry.name)) continue;
      partial += (await readdir(join(tmpRoot, entry.name)).catch(() => [])).length;
      await rm(join(tmpRoot, entry.name), { recursive: true, force: true });
    }
    const ledger = this.options.ledger;
    return { partial, orphans: ledger ? await this.quarantineOrphans(ledger) : 0 };
  }

  private async quarantineOrphans(ledger: StoreLedger): Promise<number> {
    if (!(await ledger.mayClean())) return 0; // another desk is cleaning
    try {
      const orphans = await ledger.unrecorded(await this.list());
      let moved = 0;
      for (const p of orphans) {
        const target = join(this.root, 'quarantine', `${Date.now()}-${p.split('/').pop()}`);
        await mkdir(join(target, '..'), { recursive: true });
        // Gone already: another desk cleaning at the same moment (after a cleaner died holding its claim).
        const gone = await rename(this.absolute(p), target).then(() => true, (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return false;
          throw err;
        });
        if (!gone) continue;
        // A desk importing the same bytes meanwhile found the file in place and recorded it without a copy of its
        // own: asked again after the move, the file is put back if anything names it now.
        if ((await ledger.unrecorded([p])).length === 0) await rename(target, this.absolute(p));
        else moved++;
      }
      return moved;
    } finally {
      await ledger.cleaned();
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
