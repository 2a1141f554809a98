import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

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

/** A copy made and hashed, not yet durable nor in the store: commit() or discard() it. */
export interface PendingFile {
  sha256: string;
  size: number;
  /** The copy, readable for metadata before it is committed. */
  tmpPath: string;
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

export function storePathOf(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export class EvidenceStore {
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
   * reading. `onBytes` reports progress; `signal` cancels (the partial copy is removed). The copy is not
   * yet durable: commit() makes a batch durable at once, as `cp` + `sync` would, rather than paying a
   * disk flush per file.
   */
  async ingest(source: string, onBytes: (n: number) => void = () => {}, signal?: AbortSignal): Promise<PendingFile> {
    await mkdir(this.tmp, { recursive: true });
    const tmpPath = join(this.tmp, `${randomUUID()}.part`);
    const input = await open(source, constants.O_RDONLY);
    let output: Awaited<ReturnType<typeof open>> | null = null;
    try {
      const before = await input.stat();
      output = await open(tmpPath, 'wx', 0o600);
      const hash = createHash('sha256');
      // Two buffers: the next chunk is read while this one is hashed and written.
      let buffer = Buffer.allocUnsafe(CHUNK);
      let spare = Buffer.allocUnsafe(CHUNK);
      let size = 0;
      let bytesRead = (await input.read(buffer, 0, CHUNK, null)).bytesRead;
      while (bytesRead > 0) {
        if (signal?.aborted) throw new Cancelled();
        const next = input.read(spare, 0, CHUNK, null);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await output.write(chunk);
        size += bytesRead;
        onBytes(bytesRead);
        bytesRead = (await next).bytesRead;
        [buffer, spare] = [spare, buffer];
      }
      await output.close();
      output = null;
      // The copy is what was read: the source must not have changed while it was read (a phone still
      // recording, a stick being written by another machine).
      const after = await input.stat();
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== after.size) throw new SourceChanged();
      return { sha256: hash.digest('hex'), size, tmpPath };
    } catch (err) {
      await output?.close().catch(() => {});
      await rm(tmpPath, { force: true });
      throw err;
    } finally {
      await input.close();
    }
  }

  /**
   * Makes copies durable and puts them in the store under their hash, read-only: all files flushed, then
   * renamed, then their folders flushed. Only after this may the database point to them.
   */
  async commit(pending: PendingFile[]): Promise<StoredFile[]> {
    // One at a time: a flush mostly waits for the disk, and parallel ones would take every thread of
    // libuv's pool from the copies still running.
    for (const p of pending) {
      const handle = await open(p.tmpPath, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
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
