import fc from 'fast-check';
import { afterAll } from 'vitest';

// One seed and one count for every property of tests/unit/fuzz (issue 13.5): `npm test` replays the same cases
// on every run and every machine. FUZZ_SEED replays another run (fast-check prints the seed and path of a
// failure), FUZZ_RUNS tries more cases (FUZZ_RUNS=5000 before a release).
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261202);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

fc.configureGlobal({ seed: FUZZ_SEED, numRuns: FUZZ_RUNS });

/** Strings a hostile or careless caller sends: NUL, bidi overrides, lone surrogates, traversal, markup, combining marks. */
export const hostileChunk = fc.constantFrom(
  '\u0000', '\u202E', '\u202D', '\u2066', '\uFEFF', '\u200B', '\uD800', '\uDC00', '\uDBFF\uDFFF', '../', '..\\', '/etc/passwd',
  'C:\\Windows\\', '%00', '%2e%2e%2f', '<script>', '${}', '{{x}}', "'; DROP TABLE reports;--", '\u0301', 'Đ', 'ệ', 'e\u0323\u0302',
  '\r\n', '\t', ' ', '\u3000', '１', 'Ａ', '🚓', '__proto__', 'constructor',
);
/** Any UTF-16 string: every code point, lone surrogates, and the chunks above. */
export const hostileString = fc.string({
  unit: fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), weight: 1 },
    { arbitrary: hostileChunk, weight: 2 },
  ),
  maxLength: 40,
});

/**
 * Counts the cases each property tried (a count of 0 prints the name alone, for a figure such as a time), printed in
 * one line when the file ends, with the seed that replays the run.
 */
export function figures(file: string): (property: string, cases?: number) => void {
  const counts = new Map<string, number>();
  afterAll(() => {
    const list = [...counts].map(([name, n]) => (n === 0 ? name : `${name} ${n}`)).join('; ');
    console.log(`${file} (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${FUZZ_RUNS}): ${list}`);
  });
  return (property, cases = 1) => counts.set(property, (counts.get(property) ?? 0) + cases);
}
