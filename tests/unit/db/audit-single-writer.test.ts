import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

// Issue 10.5: every audit line is appended to the hash chain by db/queries/audit.ts addAuditEvent, which takes the
// chain's lock and seals the line. A plain insert anywhere else would leave an unchained line (and, on
// PostgreSQL, could fork the chain): none in the app's code. Migrations and tests that set up old databases may.

const root = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

it('only db/queries/audit.ts inserts into audit_events', () => {
  const writers = [...sources(join(root, 'db')), ...sources(join(root, 'electron'))]
    .filter((file) => !relative(root, file).startsWith(join('db', 'migrations')))
    .filter((file) => /insertInto\(\s*['"]audit_events['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
  expect(writers).toEqual([join('db', 'queries', 'audit.ts')]);
});
