import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from '../contract/messages.vi';

// Secrets the command line reads: a password or a recovery key, typed at a prompt without echo, or read from a
// file when no one is at the keyboard — a regular file only its owner may read (0600), else refused: a secret
// left readable by others is no secret. Null (with the reason printed) when the file is refused.

export async function readSecret(prompt: string, file: string | undefined): Promise<string | null> {
  if (!file) return readHidden(prompt);
  const path = resolve(file);
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info?.isFile() || (info.mode & 0o077) !== 0 || info.uid !== process.getuid?.()) { console.error(vi.cli.passwordFileOpen(path)); return null; }
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/** A line typed at the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const input = process.stdin;
  if (!input.isTTY) return new Promise((done) => { let text = ''; input.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => done(text.replace(/\r?\n$/, ''))); });
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((done) => {
    let text = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          input.setRawMode(false); input.pause(); input.off('data', onData); process.stdout.write('\n'); done(text); return;
        }
        if (ch === '\u0003') process.exit(130);
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
      }
    };
    input.on('data', onData);
  });
}
