import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { listPlaces, listViolationTypes } from '../../db/queries/catalog';
import { idsByPlateDigits, idsByPlateKey, idsByReportNumber, idsByTerms, type NewReport, reportCode } from '../../db/queries/reports';
import { normalizePlate } from '../../electron/contract/domain/plate';
import { searchTerms } from '../../electron/contract/domain/text';
import { seedCatalogs } from '../../electron/services/catalog/seed';
import { firstUnitId, setUpStation } from '../../db/queries/units';
import { TEST_UNIT } from '../support/station';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { reportFromForm } from '../../electron/services/intake/intake-form';
import { searchReports } from '../../electron/services/intake/reports';
import { EvidenceStore } from '../../electron/services/evidence/store';
import type { Station } from '../../electron/services/station';
import { identityKeys } from '../../electron/services/keys/sealing';
import { sealPending } from '../../electron/services/keys/keyring';

// `npm run bench`: plate look-up, diacritic-insensitive text search, digits of a plate ("12345", "2345"), report
// number ("301", "000301") and a caller's phone through its blind index over 1,000,000 reports, through Kysely (the station's own query functions)
// and the same SQL written straight in better-sqlite3, in the same run. Targets: p95 < 20 ms, Kysely/raw
// ratio < 1.3. The database is built once and reused (BENCH_DIR, default .bench/); BENCH_REPORTS changes the
// size. A database left by an older loader (before plate_digits and report_counters) is rebuilt.

const COUNT = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const dir = resolve(process.env.BENCH_DIR ?? '.bench');
const file = join(dir, `reports-${COUNT}.sqlite`);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const WARMUP = 1000;
const NOW = new Date('2026-11-23T03:00:00Z');
/** A fixed data key: the database is built once and reused across runs (nothing in it is anyone's identity). */
const BENCH_KEYS = identityKeys(Buffer.alloc(32, 7));

/**
 * Writes what insertReport (db/queries/reports.ts) writes for each report, minus the audit line, in plain
 * prepared statements: numbered per unit and year, plate parts from reportFromForm (plateDigitParts), and the
 * counters left where the station would have left them, so report numbers of later saves follow on.
 */
function bulkInsert(raw: Database.Database, reports: Iterable<NewReport>): void {
  const counter = new Map<string, { unitId: number; year: number; seq: number }>();
  const ins = {
    reporter: raw.prepare('insert into reporters (identity, cccd_mac, phone_mac, created_at) values (?, ?, ?, ?)'),
    report: raw.prepare(`insert into reports (unit_id, code, channel, received_at, received_by, caller_phone, caller_phone_key,
      occurred_at, occurred_approx, ongoing, urgent, description, reporter_id, anonymous, wants_feedback, status, created_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)`),
    violation: raw.prepare('insert into report_violations (report_id, violation_code) values (?, ?)'),
    location: raw.prepare(`insert into locations (report_id, road, house_number, intersection, km_marker, province_code, commune_code, lat, lng)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    vehicle: raw.prepare(`insert into vehicles (report_id, position, plate_input, plate_canonical, plate_key, plate_kind, plate_province_code,
      plate_flags, vehicle_type, colour, brand, features, owner_name, driver_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    term: raw.prepare('insert into report_terms (term, report_id) values (?, ?)'),
    digits: raw.prepare('insert into plate_digits (digits, whole, report_id) values (?, ?, ?)'),
    counter: raw.prepare(`insert into report_counters (unit_id, year, last_seq) values (?, ?, ?)
      on conflict (unit_id, year) do update set last_seq = excluded.last_seq`),
  };
  let n = 0;
  const batch: NewReport[] = [];
  const flush = raw.transaction((items: NewReport[]) => {
    for (const r of items) {
      const numbering = counter.get(`${r.unitId}/${r.year}`) ?? { unitId: r.unitId, year: r.year, seq: 0 };
      const seq = ++numbering.seq;
      counter.set(`${r.unitId}/${r.year}`, numbering);
      let pid: number | null = null;
      if (r.reporter) {
        const p = r.reporter;
        pid = Number(ins.reporter.run(p.identity, p.cccdMac, p.phoneMac, r.createdAt).lastInsertRowid);
      }
      const id = Number(ins.report.run(r.unitId, reportCode(r.year, seq), r.channel, r.receivedAt, r.receivedBy, r.callerPhone,
        r.callerPhoneKey, r.occurredAt, Number(r.occurredApprox), Number(r.ongoing), Number(r.ongoing), r.description, pid,
        Number(r.anonymous), Number(r.wantsFeedback), r.createdAt).lastInsertRowid);
      for (const v of r.violationCodes) ins.violation.run(id, v);
      const l = r.location;
      ins.location.run(id, l.road, l.houseNumber, l.intersection, l.kmMarker, l.provinceCode, l.communeCode, l.lat, l.lng);
      r.vehicles.forEach((v, i) => ins.vehicle.run(id, i, v.plateInput, v.plateCanonical, v.plateKey, v.plateKind, v.plateProvinceCode,
        v.plateFlags.join(' '), v.vehicleType, v.colour, v.brand, v.features, v.ownerName, v.driverName));
      for (const t of r.terms) ins.term.run(t, id);
      for (const p of r.plateDigits) ins.digits.run(p.digits, Number(p.whole), id);
    }
    for (const c of counter.values()) ins.counter.run(c.unitId, c.year, c.seq);
  });
  for (const r of reports) {
    batch.push(r);
    if (batch.length === 10_000) {
      flush(batch.splice(0));
      n += 10_000;
      if (n % 100_000 === 0) process.stdout.write(`  ${n.toLocaleString('en')} reports\n`);
    }
  }
  flush(batch.splice(0));
}

async function buildDatabase(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const part of ['', '-wal', '-shm']) rmSync(file + part, { force: true });
  const { db, raw } = openSqlite(file);
  await migrateToLatest(db);
  await seedCatalogs(db, new Date().toISOString());
  const { unitId, officerId } = (await setUpStation(db, TEST_UNIT, { fullName: 'Cán bộ trực ban', rank: '', login: 'bench', passwordHash: 'x', roles: ['duty'] }))!;
  const { communes, provinces } = await listPlaces(db);
  // The whole map at once (a desk reads the form's own commune and province per save: catalogNames).
  const names = {
    violationNames: new Map((await listViolationTypes(db)).map((v) => [v.code, v.name])),
    communeNames: new Map(communes.map((c) => [c.code, c.name])),
    provinceNames: new Map(provinces.map((p) => [p.code, p.name])),
  };
  raw.pragma('synchronous = OFF'); // bulk load only; the station itself always runs with FULL
  const started = performance.now();
  const reports = (function* () {
    for (const form of demoForms(COUNT, { seed: 7, until: NOW, days: 730, communes })) {
      yield reportFromForm(form, { unitId, officerId, now: NOW, ...names, keys: BENCH_KEYS });
    }
  })();
  bulkInsert(raw, reports);
  raw.pragma('analyze');
  console.log(`  built ${COUNT.toLocaleString('en')} reports in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await db.destroy();
}

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

/**
 * Why a database left in BENCH_DIR cannot be measured as it is, or null when it can. The loader before
 * migration 0007 wrote no plate parts and no report counters, so digit and report-number searches would
 * find nothing there and their timings would mean nothing.
 */
function staleReason(raw: Database.Database): string | null {
  const hasLog = raw.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
  if (!hasLog) return 'it has no migration log';
  const applied = (raw.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
  if (!applied.includes('0007_plate_digits')) return `it was built at migration ${applied.sort().at(-1) ?? '(none)'}, before 0007_plate_digits`;
  if (!raw.prepare('select 1 from report_counters limit 1').get()) return 'it has no report counters (built by the loader before report numbers were searched)';
  if (!raw.prepare('select 1 from plate_digits limit 1').get()) return 'it has no plate parts (built by the loader before plate digits were searched)';
  return null;
}

/** Builds the database, rebuilds one an older loader left, and brings a usable one to the latest migration. */
async function prepareDatabase(): Promise<void> {
  if (existsSync(file)) {
    const { db, raw } = openSqlite(file);
    const stale = staleReason(raw);
    const applied = stale ? [] : (raw.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
    const pending = Object.keys(migrations).filter((name) => !applied.includes(name));
    if (!stale && pending.length > 0) {
      console.log(`  upgrading the database: ${pending.join(', ')}`);
      await migrateToLatest(db);
      // Identities an older loader wrote plain are sealed as a desk's first sign-in seals them (with the bench's key).
      if (pending.includes('0013_sealed_identity')) {
        const unitId = (await firstUnitId(db))!;
        await sealPending({ db, unitId, officerId: 1, now: () => NOW, store: new EvidenceStore(join(dir, 'evidence')), log: () => {}, keys: BENCH_KEYS }, BENCH_KEYS);
      }
    }
    await db.destroy();
    if (!stale) return;
    console.log(`  the database there cannot be measured: ${stale}. Rebuilding it…`);
  } else {
    console.log('  building the database (once; reused by later runs)…');
  }
  await buildDatabase();
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
