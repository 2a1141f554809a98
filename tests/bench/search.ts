import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { listOfficers, listPlaces } from '../../db/queries/catalog';
import { idsByPlateKey, idsByTerms, type NewReport, reportCode } from '../../db/queries/reports';
import { normalizePlate } from '../../electron/contract/domain/plate';
import { searchTerms } from '../../electron/contract/domain/text';
import { catalogNames } from '../../electron/services/catalog/catalog';
import { seedCatalogs, defaultUnitPreset } from '../../electron/services/catalog/seed';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { reportFromForm } from '../../electron/services/intake/intake-form';
import { searchReports } from '../../electron/services/intake/reports';
import { EvidenceStore } from '../../electron/services/evidence/store';
import type { Station } from '../../electron/services/station';

// `npm run bench`: plate look-up and diacritic-insensitive text search over 1,000,000 reports, through
// Kysely (the station's own query functions) and the same SQL written straight in better-sqlite3, in
// the same run. Targets: p95 < 20 ms, Kysely/raw ratio < 1.3. The database is built once and reused
// (BENCH_DIR, default .bench/); BENCH_REPORTS changes the size.

const COUNT = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const dir = resolve(process.env.BENCH_DIR ?? '.bench');
const file = join(dir, `reports-${COUNT}.sqlite`);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const WARMUP = 1000;
const NOW = new Date('2026-11-23T03:00:00Z');

function bulkInsert(raw: Database.Database, reports: Iterable<NewReport>): void {
  const counter = new Map<number, number>();
  const ins = {
    reporter: raw.prepare('insert into reporters (full_name, birth_year, cccd, address, phone, created_at) values (?, ?, ?, ?, ?, ?)'),
    report: raw.prepare(`insert into reports (unit_id, code, channel, received_at, received_by, caller_phone, caller_phone_key,
      occurred_at, occurred_approx, ongoing, urgent, description, reporter_id, anonymous, wants_feedback, status, created_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)`),
    violation: raw.prepare('insert into report_violations (report_id, violation_code) values (?, ?)'),
    location: raw.prepare(`insert into locations (report_id, road, house_number, intersection, km_marker, province_code, commune_code, lat, lng)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    vehicle: raw.prepare(`insert into vehicles (report_id, position, plate_input, plate_canonical, plate_key, plate_kind, plate_province_code,
      plate_flags, vehicle_type, colour, brand, features, owner_name, driver_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    term: raw.prepare('insert into report_terms (term, report_id) values (?, ?)'),
  };
  let n = 0;
  const batch: NewReport[] = [];
  const flush = raw.transaction((items: NewReport[]) => {
    for (const r of items) {
      const seq = (counter.get(r.year) ?? 0) + 1;
      counter.set(r.year, seq);
      let pid: number | null = null;
      if (r.reporter) {
        const p = r.reporter;
        pid = Number(ins.reporter.run(p.fullName, p.birthYear, p.cccd, p.address, p.phone, r.createdAt).lastInsertRowid);
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
    }
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
  rmSync(file, { force: true });
  const { db, raw } = openSqlite(file);
  await migrateToLatest(db);
  const presets = await seedCatalogs(db);
  const unitId = presets.get(defaultUnitPreset)!;
  const officerId = (await listOfficers(db, unitId))[0]!.id;
  const station: Station = { db, unitId, officerId, now: () => NOW, store: new EvidenceStore(join(dir, 'evidence')), log: () => {} };
  const names = await catalogNames(station);
  const { communes } = await listPlaces(db);
  raw.pragma('synchronous = OFF'); // bulk load only; the station itself always runs with FULL
  const started = performance.now();
  const reports = (function* () {
    for (const form of demoForms(COUNT, { seed: 7, until: NOW, days: 730, communes })) {
      yield reportFromForm(form, { unitId, officerId, now: NOW, ...names });
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

/** Times each run; with a second function, the two alternate call by call so neither gets a warmer cache. */
async function measure(...runs: ((i: number) => unknown)[]): Promise<Timing[]> {
  for (let i = 0; i < WARMUP; i++) for (const run of runs) await run(i);
  const times = runs.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, run] of runs.entries()) {
      const t0 = performance.now();
      await run(i);
      times[k]!.push(performance.now() - t0);
    }
  }
  return times.map(summarize);
}

async function main(): Promise<void> {
  console.log(`Benchmark: ${COUNT.toLocaleString('en')} reports in ${file}`);
  if (!existsSync(file)) {
    console.log('  building the database (once; reused by later runs)…');
    await buildDatabase();
  }
  const { db, raw } = openSqlite(file);
  const unitId = (await db.selectFrom('units').select('id').where('preset_key', '=', defaultUnitPreset).executeTakeFirstOrThrow()).id;
  const total = (raw.prepare('select count(*) as n from reports').get() as { n: number }).n;

  // Plates as an officer would type them: lower case, no separators, spaces in odd places.
  const sample = raw.prepare('select plate_canonical as p from vehicles where id % 4999 = 0 limit 400').all() as { p: string }[];
  const typed = sample.map((s, i) => (i % 2 ? s.p.toLowerCase().replace(/[-. ]/g, '') : s.p.replace(/[-.]/g, ' ')));
  const keys = typed.map((p) => normalizePlate(p).key);
  const queries = ['dong da', 'nguyen trai', 'vuot den do', 'tran phu', 'quoc lo 14', 'lang lach danh vong', 'qua tai', 'xe khach cho qua so nguoi']
    .map(searchTerms);

  const rawPlate = raw.prepare(`select distinct r.id from vehicles v inner join reports r on r.id = v.report_id
    where v.plate_key = ? and r.unit_id = ? and r.received_at >= ? order by r.id desc limit ?`);
  const rawTerms = (n: number) => raw.prepare(`select t.report_id as id from report_terms t inner join reports r on r.id = t.report_id
    where t.term = ? and r.unit_id = ?${' and exists (select o.report_id from report_terms o where o.report_id = t.report_id and o.term = ?)'.repeat(n - 1)}
    order by t.report_id desc limit ?`);
  const rawTermStatements = new Map(queries.map((q) => [q.length, rawTerms(q.length)]));
  const byLength = (q: string[]) => [...q].sort((a, b) => b.length - a.length);

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

  const station: Station = { db, unitId, officerId: 1, now: () => NOW, store: new EvidenceStore(join(dir, 'evidence')), log: () => {} };
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
  const [whole] = await measure((i) => searchReports(station, i % 2 ? typed[i % typed.length]! : queries[i % queries.length]!.join(' ')));
  const rows = [
    ['plate lookup (Kysely)', plateKysely!],
    ['plate lookup (raw better-sqlite3)', plateRaw!],
    ['text search (Kysely)', textKysely!],
    ['text search (raw better-sqlite3)', textRaw!],
    ['search box, whole (service + list rows)', whole!],
  ] as const;
  console.log(`\n  ${total.toLocaleString('en')} reports, ${RUNS} runs each after ${WARMUP} warm-up runs; Kysely and raw alternate call by call\n`);
  console.log(`  ${'query'.padEnd(42)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
  for (const [name, r] of rows) console.log(`  ${name.padEnd(42)} ${r.p50.toFixed(3).padStart(8)} ${r.p95.toFixed(3).padStart(8)}`);
  const ratio = (k: Timing, b: Timing) => ({ p50: k.p50 / b.p50, p95: k.p95 / b.p95 });
  const plateRatio = ratio(rows[0][1], rows[1][1]);
  const textRatio = ratio(rows[2][1], rows[3][1]);
  console.log(`\n  Kysely overhead ratio, plate: p50 ${plateRatio.p50.toFixed(2)}×, p95 ${plateRatio.p95.toFixed(2)}×`);
  console.log(`  Kysely overhead ratio, text:  p50 ${textRatio.p50.toFixed(2)}×, p95 ${textRatio.p95.toFixed(2)}×`);
  const ok = rows[0][1].p95 < 20 && rows[2][1].p95 < 20 && plateRatio.p50 < 1.3 && textRatio.p50 < 1.3;
  console.log(`\n  targets (p95 < 20 ms through Kysely; Kysely/raw p50 ratio < 1.3): ${ok ? 'met' : 'NOT met'}`);
  await db.destroy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
