import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { vi } from '../../../electron/contract/messages.vi';

// The messages file holds what the station says, and nothing it no longer says: a key no code names
// (by property, string or map lookup) is dead and goes.

const root = join(import.meta.dirname, '..', '..', '..');

it('every message key is used somewhere in the code', () => {
  const files = execFileSync('git', ['ls-files', 'electron', 'renderer/src', 'db'], { cwd: root, encoding: 'utf8' })
    .split('\n').filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('messages.vi.ts'));
  const code = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const dead: string[] = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const named = code.includes(`.${key}`) || code.includes(`'${key}'`) || code.includes(`"${key}"`) || code.includes(`${path.at(-1)}[`);
      if (!named) dead.push([...path, key].join('.'));
      else if (value && typeof value === 'object') walk(value as Record<string, unknown>, [...path, key]);
    }
  };
  walk(vi as unknown as Record<string, unknown>, []);
  expect(dead).toEqual([]);
});
