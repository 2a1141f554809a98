import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqlite } from '../../db/connection';
import { listPlaces } from '../../db/queries/catalog';
import { idsByPlateDigits, idsByPlateKey, idsByReportNumber, idsByTerms, reportCode } from '../../db/queries/reports';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { normalizePlate } from '../../electron/contract/domain/plate';
import { searchTerms } from '../../electron/contract/domain/text';
import { firstUnitId } from '../../db/queries/units';
import { searchReports } from '../../electron/services/intake/reports';
import { EvidenceStore } from '../../electron/services/evidence/store';
import type { Station } from '../../electron/services/station';
import { BENCH_KEYS, COUNT, dir, file, NOW, prepareDatabase } from './bench-database';

// `npm run bench`: plate look-up, diacritic-insensitive text search, digits of a plate ("12345", "2345"), report
// number ("301", "000301") and a caller's phone through its blind index over 1,000,000 reports, through Kysely (the station's own query functions)
// and the same SQL written straight in better-sqlite3, in the same run. Targets: p95 < 20 ms, Kysely/raw
// ratio < 1.3. The database is built once and reused (BENCH_DIR, default .bench/); BENCH_REPORTS changes the
// size. A database left by an older loader (before plate_digits and report_counters) is rebuilt.

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const WARMUP = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

type Timing = { p50: number; p95: number };

function summarize(times: number[]): Timing {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * Times each run; with a second function, the two alternate call by call, and which goes first alternates
 * too: the first to look a value up reads its pages into SQLite's cache for the second, so the same one
 * always going first would make it look slower.
 */
async function measure(...runs: ((i: number) => unknown)[]): Promise<Timing[]> {
  const inTurn = (i: number) => [...runs.entries()].sort(([a], [b]) => (i % 2 === 0 ? a - b : b - a));
  for (let i = 0; i < WARMUP; i++) for (const [, run] of inTurn(i)) await run(i);
  const times = runs.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, run] of inTurn(i)) {
      const t0 = performance.now();
      await run(i);
      times[k]!.push(performance.now() - t0);
    }
  }
  return times.map(summarize);
}


async function main(): Promise<void> {
  console.log(`Benchmark: ${COUNT.toLocaleString('en')} reports in ${file}`);
  await prepareDatabase();
  const { db, raw } = openSqlite(file);
  const unitId = (await firstUnitId(db))!;
  const total = (raw.prepare('select count(*) as n from reports').get() as { n: number }).n;

  // Plates as an officer would type them: lower case, no separators, spaces in odd places.
  const sample = raw.prepare('select plate_canonical as p from vehicles where id % 4999 = 0 limit 400').all() as { p: string }[];
  const typed = sample.map((s, i) => (i % 2 ? s.p.toLowerCase().replace(/[-. ]/g, '') : s.p.replace(/[-.]/g, ' ')));
  const keys = typed.map((p) => normalizePlate(p).key);
  const queries = ['dong da', 'nguyen trai', 'vuot den do', 'tran phu', 'quoc lo 14', 'lang lach danh vong', 'qua tai', 'xe khach cho qua so nguoi']
    .map(searchTerms);
  // Digits of the same plates: the whole number ("12345" of 82A-123.45), its last four ("2345"), and two that no
  // demo plate holds (numbers run 10000–99999 and series digits 1–9, so no 5-digit part starts with "0"; no
  // plate has 7 digits).
  // Each kind is timed on its own: at a million reports a whole number, a part (a full page of 50) and a miss
  // take about 30, 110 and 15 µs, and the median of a mix would fall in the gaps between them.
  const numbers = sample.map((s) => s.p.split(/[\s-]/).pop()!.replace(/\D/g, ''));
  const digitKinds = [
    { name: 'whole number', digits: numbers, hit: true },
    { name: 'part', digits: numbers.map((n) => n.slice(-4)), hit: true },
    { name: 'no plate', digits: numbers.flatMap((n) => [`0${n.slice(-4)}`, `${n}00`]), hit: false },
  ];
  const digitsTyped = numbers.flatMap((n) => [`${n.slice(0, 3)}.${n.slice(3)}`, n.slice(-4), `0${n.slice(-4)}`, `${n}00`]);
  // Report numbers as typed in the search box: bare and zero-padded, in several years, and one past every counter.
  const reportNumbers = ['301', '000301', '42', '4711', '000042', '999999'];
  const seqs = reportNumbers.map(Number);

  const rawPlate = raw.prepare(`select distinct r.id from vehicles v inner join reports r on r.id = v.report_id
    where v.plate_key = ? and r.unit_id = ? and r.received_at >= ? order by r.id desc limit ?`);
  const rawTerms = (n: number) => raw.prepare(`select t.report_id as id from report_terms t inner join reports r on r.id = t.report_id
    where t.term = ? and r.unit_id = ?${' and exists (select o.report_id from report_terms o where o.report_id = t.report_id and o.term = ?)'.repeat(n - 1)}
    order by t.report_id desc limit ?`);
  const rawTermStatements = new Map(queries.map((q) => [q.length, rawTerms(q.length)]));
  const byLength = (q: string[]) => [...q].sort((a, b) => b.length - a.length);
  const rawDigits = raw.prepare(`select d.report_id as id, d.whole from plate_digits d inner join reports r on r.id = d.report_id
    where d.digits = ? and r.unit_id = ? order by d.whole desc, d.report_id desc limit ?`);
  const rawYears = raw.prepare('select year from report_counters where unit_id = ? and last_seq >= ?');
  const rawCodes = [1, 2, 3, 4, 5].map((n) => raw.prepare(`select id from reports where unit_id = ? and code in (${Array(n).fill('?').join(', ')}) order by code desc`));
  const rawReportNumber = (seq: number) => {
    const years = rawYears.all(unitId, seq) as { year: number }[];
    if (years.length === 0) return [];
    const codes = rawCodes[years.length - 1];
    if (!codes) throw new Error(`report number ${seq}: ${years.length} years of counters, the raw statements cover 5`);
    return (codes.all(unitId, ...years.map((y) => reportCode(y.year, seq))) as { id: number }[]).map((r) => r.id);
  };

  // Same answers both ways, or the comparison means nothing.
  for (const [i, key] of keys.entries()) {
    const a = await idsByPlateKey(db, unitId, key);
    const b = (rawPlate.all(key, unitId, '', 50) as { id: number }[]).map((r) => r.id);
    if (JSON.stringify(a) !== JSON.stringify(b) || a.length === 0) throw new Error(`plate ${typed[i]}: Kysely and raw differ or find nothing`);
  }
  for (const q of queries) {
    const [first, ...rest] = byLength(q);
    const a = await idsByTerms(db, unitId, q);
    const b = (rawTermStatements.get(q.length)!.all(first, unitId, ...rest, 50) as { id: number }[]).map((r) => r.id);
    if (JSON.stringify(a) !== JSON.stringify(b) || a.length === 0) throw new Error(`text "${q.join(' ')}": Kysely and raw differ or find nothing`);
  }
  for (const kind of digitKinds) {
    for (const d of kind.digits) {
      const a = await idsByPlateDigits(db, unitId, d);
      const b = (rawDigits.all(d, unitId, 50) as { id: number; whole: number }[]).map((r) => ({ id: r.id, whole: r.whole === 1 }));
      if (JSON.stringify(a) !== JSON.stringify(b) || (a.length > 0) !== kind.hit) {
        throw new Error(`digits ${d}: Kysely and raw differ, or a ${kind.hit ? 'hit finds nothing' : 'miss finds something'}`);
      }
    }
  }
  for (const seq of seqs) {
    const a = await idsByReportNumber(db, unitId, seq);
    const b = rawReportNumber(seq);
    if (JSON.stringify(a) !== JSON.stringify(b) || (seq === 301 && a.length === 0)) throw new Error(`report number ${seq}: Kysely and raw differ or find nothing`);
  }
  const station: Station = { db, unitId, officerId: 1, now: () => NOW, store: new EvidenceStore(join(dir, 'evidence')), log: () => {}, keys: BENCH_KEYS };
  const found = async (query: string) => (await searchReports(station, query)).length;
  const hits = { digits: await Promise.all(digitsTyped.map(found)), numbers: await Promise.all(reportNumbers.map(found)) };

  const [plateKysely, plateRaw] = await measure(
    (i) => idsByPlateKey(db, unitId, keys[i % keys.length]!),
    (i) => rawPlate.all(keys[i % keys.length]!, unitId, '', 50),
  );
  const [textKysely, textRaw] = await measure(
    (i) => idsByTerms(db, unitId, queries[i % queries.length]!),
    (i) => {
      const q = queries[i % queries.length]!;
      const [first, ...rest] = byLength(q);
      return rawTermStatements.get(q.length)!.all(first, unitId, ...rest, 50);
    },
  );
  const digitTimes: (readonly [string, Timing])[] = [];
  for (const { name, digits } of digitKinds) {
    const [kysely, direct] = await measure(
      (i) => idsByPlateDigits(db, unitId, digits[i % digits.length]!),
      (i) => rawDigits.all(digits[i % digits.length]!, unitId, 50),
    );
    digitTimes.push([`plate digits, ${name} (Kysely)`, kysely!], [`plate digits, ${name} (raw better-sqlite3)`, direct!]);
  }
  const [numberKysely, numberRaw] = await measure(
    (i) => idsByReportNumber(db, unitId, seqs[i % seqs.length]!),
    (i) => rawReportNumber(seqs[i % seqs.length]!),
  );
  const [whole] = await measure((i) => searchReports(station, i % 2 ? typed[i % typed.length]! : queries[i % queries.length]!.join(' ')));
  // Callers' numbers (the demo's own, regenerated: the database holds them sealed) typed as a desk types them, and
  // numbers no demo caller has (they all start 09): found through the blind index, nothing decrypted.
  const { communes } = await listPlaces(db);
  const callers: string[] = [];
  for (const form of demoForms(COUNT, { seed: 7, until: NOW, days: 730, communes })) {
    callers.push(callers.length % 2 ? form.callerPhone : `${form.callerPhone.slice(0, 4)} ${form.callerPhone.slice(4, 7)} ${form.callerPhone.slice(7)}`);
    if (callers.length === 400) break;
  }
  const strangers = callers.map((p) => `08${p.replace(/\D/g, '').slice(2)}`);
  const phoneHits = await Promise.all(callers.map(found));
  if (phoneHits.some((n) => n === 0)) throw new Error('a caller\'s number found no report through the blind index');
  if ((await Promise.all(strangers.map(found))).some((n) => n > 0)) throw new Error('a number no caller has found a report');
  const [phoneHit, phoneMiss] = await measure(
    (i) => searchReports(station, callers[i % callers.length]!),
    (i) => searchReports(station, strangers[i % strangers.length]!),
  );
  const [wholeDigits, wholeNumber] = await measure(
    (i) => searchReports(station, digitsTyped[i % digitsTyped.length]!),
    (i) => searchReports(station, reportNumbers[i % reportNumbers.length]!),
  );
  // Kysely and raw pairs first, then the whole search box.
  const pairs: (readonly [string, Timing])[] = [
    ['plate lookup (Kysely)', plateKysely!],
    ['plate lookup (raw better-sqlite3)', plateRaw!],
    ['text search (Kysely)', textKysely!],
    ['text search (raw better-sqlite3)', textRaw!],
    ...digitTimes,
    ['report number (Kysely)', numberKysely!],
    ['report number (raw better-sqlite3)', numberRaw!],
  ];
  const rows = [
    ...pairs,
    ['search box, whole (service + list rows)', whole!],
    ['search box, plate digits (whole)', wholeDigits!],
    ['search box, report number (whole)', wholeNumber!],
    ['search box, caller\'s phone (blind index, hit)', phoneHit!],
    ['search box, phone no one called from (miss)', phoneMiss!],
  ] as const;
  console.log(`\n  ${total.toLocaleString('en')} reports, ${RUNS} runs each after ${WARMUP} warm-up runs; Kysely and raw alternate call by call`);
  console.log(`  plate digits: ${digitsTyped.map((d, i) => `"${d}" ${hits.digits[i]}`).slice(0, 8).join(', ')}${digitsTyped.length > 8 ? ', …' : ''} (rows the search box lists)`);
  console.log(`  report number: ${reportNumbers.map((n, i) => `"${n}" ${hits.numbers[i]}`).join(', ')} (rows the search box lists)\n`);
  console.log(`  ${'query'.padEnd(48)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
  for (const [name, r] of rows) console.log(`  ${name.padEnd(48)} ${r.p50.toFixed(3).padStart(8)} ${r.p95.toFixed(3).padStart(8)}`);
  const ratio = (k: Timing, b: Timing) => ({ p50: k.p50 / b.p50, p95: k.p95 / b.p95 });
  const ratios = Array.from({ length: pairs.length / 2 }, (_, k) => {
    const [name, kysely] = pairs[2 * k]!;
    return { name: name.replace(' (Kysely)', ''), kysely, ...ratio(kysely, pairs[2 * k + 1]![1]) };
  });
  console.log('');
  for (const r of ratios) console.log(`  Kysely overhead ratio, ${`${r.name}:`.padEnd(28)} p50 ${r.p50.toFixed(2)}×, p95 ${r.p95.toFixed(2)}×`);
  const missed = ratios.filter((r) => r.kysely.p95 >= 20 || r.p50 >= 1.3).map((r) => r.name);
  if (phoneHit!.p95 >= 20 || phoneMiss!.p95 >= 20) missed.push('phone through the blind index');
  console.log(`\n  targets (p95 < 20 ms through Kysely; Kysely/raw p50 ratio < 1.3): ${missed.length === 0 ? 'met' : `NOT met for ${missed.join(', ')}`}`);
  await db.destroy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
