import { existsSync } from 'node:fs';
import { readdir, readFile, realpath, statfs } from 'node:fs/promises';
import { basename, join } from 'node:path';

// Where a citizen's files can come from: USB sticks, SD cards and phones mounted as drives. Any folder
// can be chosen instead; this list only saves the officer from hunting for the mount point.

export interface Source {
  path: string;
  label: string;
  sizeBytes: number | null;
  fsType: string;
  removable: boolean;
}

const REMOVABLE_ROOTS = ['/media/', '/run/media/', '/mnt/'];
const PSEUDO_FS = new Set(['proc', 'sysfs', 'tmpfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'overlay', 'squashfs', 'securityfs', 'debugfs', 'tracefs', 'mqueue', 'pstore', 'bpf', 'autofs', 'fusectl', 'configfs', 'hugetlbfs', 'binfmt_misc', 'nsfs', 'ramfs', 'efivarfs']);

async function size(path: string): Promise<number | null> {
  const s = await statfs(path).catch(() => null);
  return s ? s.blocks * s.bsize : null;
}

/** /sys/block/<disk>/removable says whether the kernel sees the device as removable. */
async function removableDevice(device: string): Promise<boolean> {
  if (!device.startsWith('/dev/')) return false;
  const name = basename(await realpath(device).catch(() => device));
  const disk = name.replace(/p?\d+$/, '');
  for (const candidate of [name, disk]) {
    const flag = await readFile(`/sys/block/${candidate}/removable`, 'utf8').catch(() => null);
    if (flag !== null) return flag.trim() === '1';
  }
  return false;
}

/** Mount points decode spaces and other bytes as \040 octal escapes. */
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** /proc/mounts lines as mount points of real file systems (pseudo file systems left out). */
export function parseMounts(text: string): { device: string; path: string; fsType: string }[] {
  return text.split('\n').flatMap((line) => {
    const [device, rawPath, fsType] = line.split(' ');
    if (!device || !rawPath || !fsType || PSEUDO_FS.has(fsType)) return [];
    return [{ device, path: unescapeMount(rawPath), fsType }];
  });
}

async function linuxSources(): Promise<Source[]> {
  const out: Source[] = [];
  for (const { device, path, fsType } of parseMounts(await readFile('/proc/mounts', 'utf8').catch(() => ''))) {
    const removable = await removableDevice(device);
    if (!removable && !REMOVABLE_ROOTS.some((r) => path.startsWith(r))) continue;
    out.push({ path, label: basename(path), sizeBytes: await size(path), fsType, removable });
  }
  return out;
}

async function macSources(): Promise<Source[]> {
  const names = await readdir('/Volumes').catch(() => [] as string[]);
  return Promise.all(names.filter((n) => n !== 'Macintosh HD').map(async (n) => {
    const path = join('/Volumes', n);
    return { path, label: n, sizeBytes: await size(path), fsType: '', removable: true };
  }));
}

function windowsSources(): Promise<Source[]> {
  // C: is the system drive; removable media take the letters after it.
  const letters = 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:\\`).filter((p) => existsSync(p));
  return Promise.all(letters.map(async (path) => ({ path, label: path.slice(0, 2), sizeBytes: await size(path), fsType: '', removable: true })));
}

export async function listSources(): Promise<Source[]> {
  if (process.platform === 'win32') return windowsSources();
  if (process.platform === 'darwin') return macSources();
  return linuxSources();
}
