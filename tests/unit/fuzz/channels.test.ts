import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { type Channel, contract } from '../../../electron/contract/channels';
import { dispatch, type Handlers } from '../../../electron/host/dispatch';
import { figures, FUZZ_RUNS, FUZZ_SEED, hostileChunk, hostileString } from './fuzz-settings';
import { candidatesOf } from './schema-examples';

// Every channel's input schema against what a hostile page could send (issue 13.5). Inputs arrive by structured
// clone over Electron IPC (electron/main/ipc.ts: BigInt, Date, Map, typed arrays, sparse arrays, null-prototype
// objects…) or by JSON.parse in the loopback web host (electron/host/web-host.ts, bodies up to 1 MiB); both go
// through dispatch (electron/host/dispatch.ts). The channel table is read at run time: a new channel is covered.

const count = figures('channels.test.ts');
const channels = Object.keys(contract) as Channel[];
const schemaOf = (channel: Channel) => contract[channel].input as z.ZodType;

/** A schema that transforms (admin:saveViolationType: '' → null) gives what it would not accept again. */
function transforms(schema: z.ZodType): boolean {
  try {
    z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' });
    return false;
  } catch {
    return true;
  }
}

type Path = (string | number)[];

/** Every node of a JSON-like value, the root first. */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}
const valueAt = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);

/** A copy of a JSON-like value with the node at `path` replaced (an own property, even for "__proto__"). */
function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1]!, { value: by, enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Where a parsed value is not plain data: an own "__proto__", a foreign prototype (a Date, a Map), and with `nul`
 * a key or string holding NUL (the schemas take NUL; dispatch refuses it before them).
 */
function unclean(value: unknown, nul = false, at = '$'): string | null {
  if (typeof value === 'string') return nul && value.includes('\u0000') ? `${at} holds NUL` : null;
  if (value === null || typeof value !== 'object') return null;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype) return `${at} has a foreign prototype`;
  if (Object.hasOwn(value, '__proto__')) return `${at} has an own __proto__`;
  for (const [k, v] of Object.entries(value)) {
    const found = (nul && k.includes('\u0000') ? `${at} has a key with NUL` : null) ?? unclean(v, nul, `${at}.${k}`);
    if (found) return found;
  }
  return null;
}

/**
 * -0 as 0: every `.min(0)` number takes -0 (fines, amounts, rule counts, a still's second) and JSON writes it as 0.
 * Harmless where it goes (formatVndFigures, amountInWords and templates print "0"; SQLite's INTEGER columns keep 0),
 * so the JSON round trip is compared with -0 read as 0, and the cases are counted.
 */
function zeroed(value: unknown): unknown {
  if (Object.is(value, -0)) {
    count('-0 accepted as 0', 1);
    return 0;
  }
  if (Array.isArray(value)) return value.map(zeroed);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, zeroed(v)]));
  return value;
}

/** What an accepted input must be: plain data, the same after JSON (the web host's transport), and stable under a second parse. */
function expectSound(schema: z.ZodType, data: unknown, closed: boolean): void {
  expect(unclean(data)).toBeNull();
  const wire: unknown = JSON.parse(JSON.stringify(data));
  expect(wire).toStrictEqual(zeroed(data));
  if (!closed) return;
  const again = schema.safeParse(data);
  expect(again.success).toBe(true);
  expect(again.data).toStrictEqual(data);
  expect(schema.safeParse(wire).data).toStrictEqual(wire);
}

const oddNumber = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 2, 0.1 + 0.2, -1, 1e21);
/** Long strings (the web host takes bodies up to 1 MiB; a 1 MiB string at every field is tried below). */
const longString = fc.tuple(hostileChunk, fc.integer({ min: 1_000, max: 70_000 })).map(([c, n]) => c.repeat(Math.ceil(n / c.length)));
/** Nested arrays or objects thousands deep (JSON.parse builds them; so does structured clone). */
const deepValue = fc.tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});
const protoBomb = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '[{"__proto__":{"polluted":"yes"}}]',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
).map((text) => JSON.parse(text) as unknown);
const hostileValue = fc.oneof(
  fc.anything({
    maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true,
    withNullPrototype: true, withBoxedValues: true, stringUnit: 'binary',
  }),
  fc.jsonValue({ maxDepth: 3 }),
  hostileString, oddNumber, longString, deepValue, protoBomb,
);

/** A value of another kind than `v` (never null or undefined: nullable fields and defaults take those). */
function wrongKinds(v: unknown): unknown[] {
  const kind = (x: unknown) => (Array.isArray(x) ? 'array' : typeof x);
  return ['1', 1, true, [], {}].filter((w) => kind(w) !== kind(v));
}

/** A handler table whose every handler keeps what it was given and stops there. */
function recordingHandlers(seen: unknown[]): Handlers {
  return new Proxy({}, {
    get: () => async (input: unknown) => {
      seen.push(input);
      throw new Error('stop');
    },
  }) as Handlers;
}

let slowest = 0;
const prototypeBefore = { object: Object.getOwnPropertyNames(Object.prototype), array: Object.getOwnPropertyNames(Array.prototype) };

describe.each(channels)('%s', (channel) => {
  const schema = schemaOf(channel);
  const closed = !transforms(schema);
  const candidate = candidatesOf(schema);
  /** A candidate the schema accepts (the generator reads JSON Schema, which leaves out refinements). */
  const accepted = (v: unknown) => {
    const ok = schema.safeParse(v).success;
    fc.pre(ok);
    return ok;
  };

  it('answers any value without throwing; what it accepts is plain, JSON-stable, idempotent', () => {
    fc.assert(fc.property(hostileValue, (input) => {
      count('any value', 1);
      const parsed = schema.safeParse(input);
      if (parsed.success) count('any value accepted', 1);
      if (parsed.success) expectSound(schema, parsed.data, closed);
    }));
  });

  it('accepts generated valid inputs as plain, JSON-stable, idempotent data', () => {
    fc.assert(fc.property(candidate, (input) => {
      accepted(input);
      count('valid example', 1);
      expectSound(schema, schema.parse(input), closed);
    }));
  });

  it('with a hostile value at any node of a valid input: never throws; accepts only plain, JSON-stable data', () => {
    fc.assert(fc.property(candidate, fc.nat(), hostileValue, (input, n, hostile) => {
      accepted(input);
      count('hostile node', 1);
      const all = paths(input);
      const parsed = schema.safeParse(replaced(input, all[n % all.length]!, hostile));
      if (parsed.success) count('hostile node accepted', 1);
      if (parsed.success) expectSound(schema, parsed.data, closed);
    }));
  });

  it('refuses a valid input with one node of the wrong kind', () => {
    fc.assert(fc.property(candidate, fc.nat(), fc.nat(), (input, n, w) => {
      accepted(input);
      const all = paths(input).filter((p) => valueAt(input, p) !== null);
      const path = all[n % all.length]!;
      const kinds = wrongKinds(valueAt(input, path));
      count('wrong kind', 1);
      const parsed = schema.safeParse(replaced(input, path, kinds[w % kinds.length]));
      expect(parsed.success, `${channel} took ${JSON.stringify(kinds[w % kinds.length])} at ${path.join('.')}`).toBe(false);
    }));
  });

  it('takes a special number (NaN, ±Infinity, -0, 1e308, 2^53+2) at a numeric node only as JSON-stable data', () => {
    fc.assert(fc.property(candidate, fc.nat(), oddNumber, (input, n, odd) => {
      accepted(input);
      const numeric = paths(input).filter((p) => typeof valueAt(input, p) === 'number');
      if (numeric.length === 0) return;
      count('special number', 1);
      const parsed = schema.safeParse(replaced(input, numeric[n % numeric.length]!, odd));
      if (parsed.success) expectSound(schema, parsed.data, closed);
    }));
  });

  it('drops or refuses __proto__ and constructor keys injected into any object of a valid input', () => {
    const bomb = fc.constantFrom('__proto__', 'constructor', 'prototype').chain((key) => fc.tuple(fc.constant(key), fc.oneof(protoBomb, fc.constant({ polluted: 'yes' }))));
    fc.assert(fc.property(candidate, fc.nat(), bomb, (input, n, [key, value]) => {
      accepted(input);
      const objects = paths(input).filter((p) => { const v = valueAt(input, p); return v !== null && typeof v === 'object' && !Array.isArray(v); });
      if (objects.length === 0) return;
      count('prototype keys', 1);
      const parsed = schema.safeParse(replaced(input, [...objects[n % objects.length]!, key], value));
      if (parsed.success) expect(unclean(parsed.data)).toBeNull();
      if (parsed.success) expect(parsed.data).toStrictEqual(schema.parse(input));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }));
  });

  it('through dispatch: refuses a NUL anywhere (a string, a key), hands the handler exactly the parsed input', async () => {
    const seen: unknown[] = [];
    const handlers = recordingHandlers(seen);
    const where = fc.constantFrom('nowhere', 'string', 'key', 'deep under an extra key');
    await fc.assert(fc.asyncProperty(candidate, fc.nat(), hostileString, where, async (input, n, text, at) => {
      accepted(input);
      count('dispatch', 1);
      const all = paths(input);
      const objects = all.filter((p) => { const v = valueAt(input, p); return v !== null && typeof v === 'object' && !Array.isArray(v); });
      const path = all[n % all.length]!;
      const nul = `${text}\u0000${text}`;
      // Deeper than dispatch looks (32 levels): a strict object refuses the key, a stripping one drops it.
      let deep: unknown = nul;
      for (let i = 0; i < 40; i++) deep = { a: deep };
      const sent = at === 'nowhere' ? input
        : at === 'string' ? replaced(input, path, typeof valueAt(input, path) === 'string' ? nul : [nul])
          : objects.length === 0 ? input
            : replaced(input, [...objects[n % objects.length]!, at === 'key' ? nul : 'extra'], at === 'key' ? 'x' : deep);
      seen.length = 0;
      const result = await dispatch(handlers, channel, sent, () => {});
      expect(result.ok).toBe(false);
      for (const value of seen) expect(unclean(value, true)).toBeNull();
      if (sent === input) expect(seen).toStrictEqual(JSON.stringify(input).includes('\\u0000') ? [] : [schema.parse(input)]);
      if (at === 'string' || (at === 'key' && objects.length > 0)) expect(seen).toEqual([]);
    }), { numRuns: Math.ceil(FUZZ_RUNS / 4) });
  });

  it('answers a 1 MiB string at each node of a valid input within 250 ms', () => {
    const [input] = fc.sample(candidate.filter((v) => schema.safeParse(v).success), { numRuns: 1, seed: FUZZ_SEED });
    const huge = 'ệ\u202E '.repeat(350_000);
    for (const path of paths(input)) {
      const started = performance.now();
      schema.safeParse(replaced(input, path, huge));
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      expect(ms, `${channel} at ${path.join('.')}`).toBeLessThan(250);
      count('1 MiB string', 1);
    }
  });
});

it('leaves Object.prototype and Array.prototype as they were', () => {
  count(`slowest 1 MiB parse ${slowest.toFixed(1)} ms`, 0);
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore.object);
  expect(Object.getOwnPropertyNames(Array.prototype)).toEqual(prototypeBefore.array);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
});
