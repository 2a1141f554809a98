import fc from 'fast-check';
import { z } from 'zod';

// Candidate inputs for any channel, read off its zod schema through z.toJSONSchema (zod's public export), so a new
// channel gets examples without a generator of its own. Refinements (a real day, from ≤ to, login with password)
// are not in JSON Schema: some candidates are refused, and the tests keep the ones the schema accepts.

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** A day that exists: the station's date patterns also refuse 2026-02-30, which no regex generator knows. */
const realDay = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

/** What officers type: Vietnamese letters, digits, punctuation, now and then a hostile chunk. */
const typedText = (minLength: number, maxLength: number) => fc.string({
  unit: fc.oneof(
    { arbitrary: fc.constantFrom(...'abcdeghiklmnopqrstuvxyĐđăâêôơưàáảãạếệổữợ0123456789 .,-/'), weight: 8 },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
  ),
  minLength,
  maxLength: Math.min(maxLength, minLength + 24),
});

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 200;
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (s.format === 'email') return fc.emailAddress().filter(fits);
  if (s.format === 'uuid') return fc.uuid({ version: 4 });
  if (s.format === 'date-time') {
    return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (s.pattern !== undefined) {
    const matching = fc.stringMatching(new RegExp(s.pattern), { maxLength: max });
    return fc.tuple(matching, realDay).map(([v, day]) => (DATE_PREFIX.test(v) ? day + v.slice(10) : v)).filter(fits);
  }
  return typedText(min, max);
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : (s.minimum ?? -1e9);
  const hi = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : (s.maximum ?? 1e9);
  const whole = fc.oneof(
    fc.constantFrom(Math.ceil(lo), Math.floor(hi)),
    fc.integer({ min: Math.ceil(Math.max(lo, -1000)), max: Math.floor(Math.min(hi, Math.max(lo, -1000) + 2000)) }),
    fc.bigInt({ min: BigInt(Math.ceil(lo)), max: BigInt(Math.floor(hi)) }).map(Number),
  );
  if (integer) return whole;
  // Shares are whole tenths of a per cent: a grid of thousandths finds them, doubles find the rest.
  return fc.oneof(whole, whole.map((n) => n / 1000).filter((n) => n >= lo && n <= hi), fc.double({ min: lo, max: hi, noNaN: true }));
}

export function arbitraryOf(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const choices = s.anyOf ?? s.oneOf;
  if (choices) return fc.oneof(...choices.map(arbitraryOf));
  switch (s.type) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return numberOf(s, true);
    case 'number': return numberOf(s, false);
    case 'string': return stringOf(s);
    case 'array': return fc.array(arbitraryOf(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, arbitraryOf(v)]));
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
    default: return fc.constant(null);
  }
}

/** Candidate inputs for a schema, in the shape its JSON Schema (as an input) describes. */
export function candidatesOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  return arbitraryOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}
