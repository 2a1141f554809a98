import { type Channel, contract, type Input, isChannel, type Output, type Result } from '../contract/channels';
import { vi } from '../contract/messages.vi';
import { StationError } from '../services/errors';

export type Handlers = { [C in Channel]: (input: Input<C>) => Promise<Output<C>> };

/**
 * A NUL character anywhere in the input: PostgreSQL refuses it in text (an internal error after a number or
 * a file may already be taken) while SQLite keeps it; refused at the door, both databases behave the same.
 */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}
export type Log = (line: string) => void;

/** A full disk, as SQLite, PostgreSQL (disk_full, 53100) and the file system say it. */
function diskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100';
}

/**
 * The one entry for both transports: the channel is checked, the input parsed with its zod schema,
 * the handler run, and every outcome returned as a value (thrown errors lose their shape over IPC).
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown, log: Log): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: vi.error.unknownChannel(String(channel).slice(0, 60)) } };
  }
  const parsed = holdsNul(input) ? null : contract[channel].input.safeParse(input);
  if (!parsed) {
    log(`invalid input on ${channel}: a NUL character`);
    return { ok: false, error: { code: 'invalid-input', message: vi.error.invalidInput } };
  }
  if (!parsed.success) {
    log(`invalid input on ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { ok: false, error: { code: 'invalid-input', message: vi.error.invalidInput } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = contract[channel].output.parse(await handler(parsed.data));
    return { ok: true, value };
  } catch (err) {
    if (err instanceof StationError) return { ok: false, error: { code: err.code, message: err.message } };
    if (diskFull(err)) {
      log(`disk full on ${channel}: ${err instanceof Error ? err.message : String(err)}`);
      return { ok: false, error: { code: 'rejected', message: vi.error.diskFull } };
    }
    log(`error on ${channel}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return { ok: false, error: { code: 'internal', message: vi.error.internal } };
  }
}
