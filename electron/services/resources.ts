import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Files shipped in resources/ (fonts). From sources (tsx, vitest) and from the Electron bundle
// (out/main/index.js) they sit at different depths: look upwards for the folder.
export function resourcePath(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', ...parts);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`resources/${parts.join('/')} not found`);
}
