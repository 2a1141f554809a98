import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { type Db, openSqlite } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { BLOCK_WORDS, blockOf, countBits, encodeBlock, setBit } from '../../db/migrations/term-blocks-format';
import { listPlaces, listViolationTypes } from '../../db/queries/catalog';
import { type NewReport, reportCode } from '../../db/queries/reports';
import { firstUnitId, setUpStation } from '../../db/queries/units';
import { seedCatalogs } from '../../electron/services/catalog/seed';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { EvidenceStore } from '../../electron/services/evidence/store';
import { reportFromForm } from '../../electron/services/intake/intake-form';
import { sealPending } from '../../electron/services/keys/keyring';
import { identityKeys } from '../../electron/services/keys/sealing';
import { TEST_UNIT } from '../support/station';

// The benchmarks' database of 1,000,000 reports (BENCH_REPORTS changes the size), built once in BENCH_DIR (default
// .bench/) from the demo forms through reportFromForm, and reused by later runs, brought to the latest migration.

export const COUNT = Number(process.env.BENCH_REPORTS ?? 1_000_000);
export const dir = resolve(process.env.BENCH_DIR ?? '.bench');
export const file = join(dir, `reports-${COUNT}.sqlite`);
export const NOW = new Date('2026-11-23T03:00:00Z');
/** A fixed data key: the database is built once and reused across runs (nothing in it is anyone's identity). */
export const BENCH_KEYS = identityKeys(Buffer.alloc(32, 7));

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
    terms: raw.prepare('insert into term_blocks (unit_id, term, block, n, ids) values (?, ?, ?, ?, ?)'),
    digits: raw.prepare('insert into plate_digits (digits, whole, report_id) values (?, ?, ?)'),
    counter: raw.prepare(`insert into report_counters (unit_id, year, last_seq) values (?, ?, ?)
      on conflict (unit_id, year) do update set last_seq = excluded.last_seq`),
  };
  let n = 0;
  const batch: NewReport[] = [];
  // Search words by block as addTerms keeps them (db/queries/term-blocks.ts): ids only grow, so a block is written
  // once, when the first report of the next one comes (or at the end).
  let words = { block: -1, bits: new Map<string, { unitId: number; term: string; bits: Uint32Array }>() };
  const writeWords = () => {
    for (const w of words.bits.values()) ins.terms.run(w.unitId, w.term, words.block, countBits(w.bits), encodeBlock(w.bits));
  };
  const flush = raw.transaction((items: NewReport[], last: boolean) => {
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
      const { block, bit } = blockOf(id);
      if (block !== words.block) {
        writeWords();
        words = { block, bits: new Map() };
      }
      for (const term of r.terms) {
        const key = `${r.unitId} ${term}`;
        let w = words.bits.get(key);
        if (!w) words.bits.set(key, (w = { unitId: r.unitId, term, bits: new Uint32Array(BLOCK_WORDS) }));
        setBit(w.bits, bit);
      }
      for (const p of r.plateDigits) ins.digits.run(p.digits, Number(p.whole), id);
    }
    for (const c of counter.values()) ins.counter.run(c.unitId, c.year, c.seq);
    if (last) writeWords();
  });
  for (const r of reports) {
    batch.push(r);
    if (batch.length === 10_000) {
      flush(batch.splice(0), false);
      n += 10_000;
      if (n % 100_000 === 0) process.stdout.write(`  ${n.toLocaleString('en')} reports\n`);
    }
  }
  flush(batch.splice(0), true);
}

/** The bench's reports in id order, as the loader wrote them: the same seed makes the same ones again. */
async function benchReports(db: Db, unitId: number, officerId: number): Promise<Iterable<NewReport>> {
  const { communes, provinces } = await listPlaces(db);
  // The whole map at once (a desk reads the form's own commune and province per save: catalogNames).
  const names = {
    violationNames: new Map((await listViolationTypes(db)).map((v) => [v.code, v.name])),
    communeNames: new Map(communes.map((c) => [c.code, c.name])),
    provinceNames: new Map(provinces.map((p) => [p.code, p.name])),
  };
  return (function* () {
    for (const form of demoForms(COUNT, { seed: 7, until: NOW, days: 730, communes })) {
      yield reportFromForm(form, { unitId, officerId, now: NOW, ...names, keys: BENCH_KEYS });
    }
  })();
}

async function buildDatabase(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const part of ['', '-wal', '-shm']) rmSync(file + part, { force: true });
  const { db, raw } = openSqlite(file);
  await migrateToLatest(db);
  await seedCatalogs(db, new Date().toISOString());
  const { unitId, officerId } = (await setUpStation(db, TEST_UNIT, { fullName: 'Cán bộ trực ban', rank: '', login: 'bench', passwordHash: 'x', roles: ['duty'] }))!;
  raw.pragma('synchronous = OFF'); // bulk load only; the station itself always runs with FULL
  const started = performance.now();
  const reports = await benchReports(db, unitId, officerId);
  bulkInsert(raw, reports);
  raw.pragma('analyze');
  console.log(`  built ${COUNT.toLocaleString('en')} reports in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await db.destroy();
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
export async function prepareDatabase(): Promise<void> {
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

