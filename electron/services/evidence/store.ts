import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Copier } from './copier';

// The evidence store: every file once, named by its SHA-256, read-only after it is written. A copy is
// written under tmp/, synced, hashed on the way, then renamed into place: the store never holds half a
// file under a hash name, and the database only ever points at whole files.

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

export class EvidenceStore {
  private readonly copier = new Copier();
  /**
   * Flushes to disk, each started as soon as its copy is written, a few at once (the file system merges
   * them into one journal commit) but never all of libuv's pool: the copies still running need threads.
   */
  private flushLanes: Promise<unknown>[] = Array.from({ length: 3 }, () => Promise.resolve());
  private nextLane = 0;

  constructor(readonly root: string) {}

  get tmp(): string {
    return join(this.root, 'tmp');
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
  async ingest(source: string, onBytes: (n: number) => void = () => {}, signal?: AbortSignal): Promise<PendingFile> {
    if (signal?.aborted) throw new Cancelled();
    await mkdir(this.tmp, { recursive: true });
    const tmpPath = join(this.tmp, `${randomUUID()}.part`);
    let copied: { sha256: string; size: number };
    try {
      copied = await this.copier.copy({ source, target: tmpPath, onBytes, signal });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'STATION_CANCELLED') throw new Cancelled();
      if (code === 'STATION_SOURCE_CHANGED') throw new SourceChanged();
      throw err;
    }
    const lane = this.nextLane++ % this.flushLanes.length;
    const flushed = this.flushLanes[lane]!.then(() => flushFile(tmpPath)).then(() => null, (err: unknown) => err as Error);
    this.flushLanes[lane] = flushed;
    return { ...copied, tmpPath, flushed };
  }

  /**
   * Puts flushed copies in the store under their hash, read-only: renamed once on disk, then their
   * folders flushed. Only after this may the database point to them.
   */
  async commit(pending: PendingFile[]): Promise<StoredFile[]> {
    for (const p of pending) {
      const err = await p.flushed;
      if (err) throw err;
    }
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

  /** Removes a file no record points to (read-only files need their write bit back first on Windows). */
  async remove(storePath: string): Promise<void> {
    const file = this.absolute(storePath);
    await chmod(file, 0o644).catch(() => {});
    await rm(file, { force: true });
  }

  /** Every file in the store (store paths). */
  async list(): Promise<string[]> {
    const base = join(this.root, 'sha256');
    const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'));
  }

  /** After a crash: partial copies go; whole files the database never recorded go too. */
  async cleanUp(known: Set<string>): Promise<{ partial: number; orphans: number }> {
    const partials = await readdir(this.tmp).catch(() => [] as string[]);
    await Promise.all(partials.map((name) => rm(join(this.tmp, name), { recursive: true, force: true })));
    const orphans = (await this.list()).filter((p) => !known.has(p));
    for (const p of orphans) await this.remove(p);
    return { partial: partials.length, orphans: orphans.length };
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
