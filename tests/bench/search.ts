import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { type Db, openPostgres, openSqlite } from '../../db/connection';
import { listPlaces } from '../../db/queries/catalog';
import { idsByPlateDigits, idsByPlateKey, idsByReportNumber, reportCode } from '../../db/queries/reports';
import { decodeBlock } from '../../db/migrations/term-blocks-format';
import { idsByTerms, PAGE } from '../../db/queries/term-blocks';
import { firstUnitId } from '../../db/queries/units';
import { normalizePlate } from '../../electron/contract/domain/plate';
import { demoForms } from '../../electron/services/demo/demo-forms';
import { EvidenceStore } from '../../electron/services/evidence/store';
import { searchReports } from '../../electron/services/intake/reports';
import type { Station } from '../../electron/services/station';
import { BENCH_KEYS, COUNT, dir, file, NOW, prepareDatabase } from './bench-database';
import { pgServer, preparePostgres } from './bench-postgres';
import { seededRandom } from '../support/random';

// `npm run bench:search`: the search box's look-ups over 1,000,000 reports, each query shape timed on its own,
// p50/p95/p99, with honest inputs: plates drawn at random from the whole vehicles table with 30 % that no report
// holds; text as one frequent word, frequent words found together, frequent words that never meet ("qua tai nguoc
// chieu"), rare words, and words no report holds, alone and beside frequent ones; plate digits, report numbers and
// callers' numbers, hits and misses. Each shape runs through the station's own query function and, in the same run
// and alternating call by call, against a baseline: the same SQL straight in better-sqlite3, and for text SQLite's
// own full-text index (FTS5 over the same folded words, built once beside the database), whose answers must equal
// the station's. With BENCH_PG_URL or STATION_TEST_PG_URL the same functions run on PostgreSQL holding the same
// reports (bench-postgres.ts). Then the whole search box (searchReports: every look-up, Kysely building its
// queries, the list rows). Goal: p99 < 10 ms for every shape on both databases.

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const WARMUP = 500;

type Timing = { p50: number; p95: number; p99: number };
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Times each contender on the same inputs, alternating call by call, and which goes first alternates too: the first
 * to look a value up reads its pages into the cache for the next.
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
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { p50: percentile(t, 50), p95: percentile(t, 95), p99: percentile(t, 99) };
  });
}


/**
 * SQLite's own full-text index over the same folded words, one row per report (rowid = report id), built from the
 * database's own word blocks (so it holds whatever the database holds), and built again when the database has
 * another number of reports than it was built for.
 */
async function prepareFts5(raw: Database.Database, unitId: number): Promise<Database.Database> {
  const ftsFile = join(dir, `fts5-${COUNT}.sqlite`);
  const reports = (raw.prepare('select count(*) as n from reports where unit_id = ?').get(unitId) as { n: number }).n;
  if (existsSync(ftsFile)) {
    const fts = new Database(ftsFile, { readonly: true });
    const built = (fts.prepare(`select count(*) as n from sqlite_master where name = 'built_for'`).get() as { n: number }).n
      ? (fts.prepare('select reports from built_for').get() as { reports: number }).reports : -1;
    if (built === reports) return fts;
    fts.close();
  }
  console.log(`  building the FTS5 baseline ${ftsFile} from the database's words…`);
  const words = new Map<number, string[]>();
  for (const r of raw.prepare('select term, block, ids from term_blocks where unit_id = ?').iterate(unitId) as Iterable<{ term: string; block: number; ids: Buffer }>) {
    const bits = decodeBlock(r.ids);
    for (let w = 0; w < bits.length; w++) {
      for (let v = bits[w]!; v !== 0; v &= v - 1) {
        const id = r.block * 65_536 + w * 32 + 31 - Math.clz32(v & -v);
        const list = words.get(id);
        if (list) list.push(r.term);
        else words.set(id, [r.term]);
      }
    }
  }
  rmSync(`${ftsFile}.part`, { force: true });
  const fts = new Database(`${ftsFile}.part`);
  fts.exec(`create virtual table f using fts5(t, content='', detail=none, columnsize=0); create table built_for (reports integer)`);
  const insert = fts.prepare('insert into f (rowid, t) values (?, ?)');
  fts.transaction(() => {
    for (const id of [...words.keys()].sort((a, b) => a - b)) insert.run(id, words.get(id)!.join(' '));
    fts.prepare('insert into built_for (reports) values (?)').run(reports);
  })();
  fts.exec(`insert into f (f) values ('optimize')`);
  fts.close();
  renameSync(`${ftsFile}.part`, ftsFile);
  return new Database(ftsFile, { readonly: true });
}

type Shape = { name: string; queries: string[][] };

async function main(): Promise<void> {
  console.log(`Benchmark: ${COUNT.toLocaleString('en')} reports in ${file}`);
  await prepareDatabase();
  const { db, raw } = openSqlite(file);
  const unitId = (await firstUnitId(db))!;
  const fts = await prepareFts5(raw, unitId);
  const draw = seededRandom(2026);

  // Plates: 700 drawn from the whole vehicles table, typed as an officer types them; 300 of valid shape no report holds.
  const maxVehicle = (raw.prepare('select max(id) as n from vehicles').get() as { n: number }).n;
  const plateOf = raw.prepare(`select plate_canonical as p from vehicles where id >= ? and plate_canonical <> '' order by id limit 1`);
  const rawPlate = raw.prepare(`select distinct r.id from vehicles v inner join reports r on r.id = v.report_id
    where v.plate_key = ? and r.unit_id = ? and r.received_at >= ? order by r.id desc limit ?`);
  const plates: string[] = [];
  while (plates.length < 700) {
    const p = (plateOf.get(1 + Math.floor(draw() * maxVehicle)) as { p: string } | undefined)?.p;
    if (p) plates.push(plates.length % 2 ? p.toLowerCase().replace(/[-. ]/g, '') : p.replace(/[-.]/g, ' '));
  }
  while (plates.length < 1000) {
    const typed = `${10 + Math.floor(draw() * 89)}${'ABCDEFGHKLMNPSTUVXYZ'[Math.floor(draw() * 20)]}${String(Math.floor(draw() * 100000)).padStart(5, '0')}`;
    if ((rawPlate.all(normalizePlate(typed).key, unitId, '', PAGE) as unknown[]).length === 0) plates.push(typed);
  }
  plates.sort(() => draw() - 0.5);
  const plateKeys = plates.map((p) => normalizePlate(p).key);

  // Words by how many reports hold them (a bitmap block holds at least 4,096).
  const byCount = raw.prepare(`select term, sum(case when length(ids) = 8192 then 4096 else length(ids) / 2 end) as n
    from term_blocks where unit_id = ? group by term order by n desc`).all(unitId) as { term: string; n: number }[];
  const frequent = byCount.slice(0, 40).map((w) => w.term);
  // The demo's vocabulary is small (a few hundred words): its rarest words stand for the names and streets a real
  // station holds few reports of.
  const rare = byCount.slice(-40).map((w) => w.term);
  const ftsMatch = fts.prepare('select rowid as id from f where f match ? order by rowid desc limit ?');
  const viaFts = (words: string[]) => (ftsMatch.all(words.map((w) => `"${w}"`).join(' AND '), PAGE) as { id: number }[]).map((r) => r.id);
  const pairs = frequent.flatMap((a, i) => frequent.slice(i + 1).map((b) => [a, b]));
  const together = pairs.filter((q) => viaFts(q).length === PAGE).slice(0, 100);
  const apart = pairs.filter((q) => viaFts(q).length === 0);
  const nowhere = Array.from({ length: 100 }, (_, i) => `zq${Math.floor(draw() * 1e6)}${i}`);
  const shapes: Shape[] = [
    { name: 'one frequent word', queries: frequent.map((w) => [w]) },
    { name: 'frequent words found together', queries: together },
    { name: 'frequent words never together', queries: [...apart, ...apart.slice(0, 50).map((q, i) => [...q, ...apart[(i * 7 + 3) % apart.length]!])] },
    { name: 'rare words', queries: Array.from({ length: 200 }, () => [rare[Math.floor(draw() * rare.length)]!]) },
    { name: 'words no report holds', queries: nowhere.map((w, i) => (i % 2 ? [w] : [frequent[i % frequent.length]!, w])) },
  ];
  for (const shape of shapes) {
    if (shape.queries.length === 0) throw new Error(`no queries of shape "${shape.name}" in this database`);
    for (const q of shape.queries) {
      const ours = await idsByTerms(db, unitId, q);
      if (JSON.stringify(ours) !== JSON.stringify(viaFts(q))) throw new Error(`"${q.join(' ')}": the station and FTS5 find different reports`);
    }
  }

  // Plate digits (whole number, a part, none), report numbers and callers' numbers as before.
  const numbers = plates.slice(0, 400).map((p) => normalizePlate(p).canonical.split(/[\s-]/).pop()!.replace(/\D/g, ''));
  const digitKinds = [
    { name: 'plate digits, whole number', digits: numbers, hit: true },
    { name: 'plate digits, part', digits: numbers.map((n) => n.slice(-4)), hit: true },
    { name: 'plate digits no plate holds', digits: numbers.flatMap((n) => [`0${n.slice(-4)}`, `${n}00`]), hit: false },
  ];
  const rawDigits = raw.prepare(`select d.report_id as id, d.whole from plate_digits d inner join reports r on r.id = d.report_id
    where d.digits = ? and r.unit_id = ? order by d.whole desc, d.report_id desc limit ?`);
  const reportNumbers = ['301', '000301', '42', '4711', '000042', '999999'];
  const rawYears = raw.prepare('select year from report_counters where unit_id = ? and last_seq >= ?');
  const rawCode = raw.prepare('select id from reports where unit_id = ? and code = ?');
  const rawReportNumber = (seq: number) => (rawYears.all(unitId, seq) as { year: number }[]).map((y) => y.year).sort((a, b) => b - a)
    .flatMap((year) => (rawCode.all(unitId, reportCode(year, seq)) as { id: number }[]).map((r) => r.id));
  for (const seq of reportNumbers.map(Number)) {
    if (JSON.stringify(await idsByReportNumber(db, unitId, seq)) !== JSON.stringify(rawReportNumber(seq))) throw new Error(`report number ${seq}: Kysely and raw differ`);
  }
  const { communes } = await listPlaces(db);
  const callers: string[] = [];
  for (const form of demoForms(COUNT, { seed: 7, until: NOW, days: 730, communes })) {
    callers.push(callers.length % 2 ? form.callerPhone : `${form.callerPhone.slice(0, 4)} ${form.callerPhone.slice(4, 7)} ${form.callerPhone.slice(7)}`);
    if (callers.length === 400) break;
  }
  const strangers = callers.map((p) => `08${p.replace(/\D/g, '').slice(2)}`);

  // PostgreSQL holding the same reports, when a server is named.
  let pgDb: Db | null = null;
  if (pgServer) pgDb = await openPostgres(await preparePostgres());
  else console.log('  no PostgreSQL server named (BENCH_PG_URL or STATION_TEST_PG_URL): SQLite only');
  const pgUnit = pgDb ? (await firstUnitId(pgDb))! : 0;
  const stationOn = (on: Db, unit: number): Station => ({ db: on, unitId: unit, officerId: 1, now: () => NOW, store: new EvidenceStore(join(dir, 'evidence')), log: () => {}, keys: BENCH_KEYS });
  const stations = [stationOn(db, unitId), ...(pgDb ? [stationOn(pgDb, pgUnit)] : [])];
  for (const q of plateKeys.slice(0, 100)) {
    const a = await idsByPlateKey(db, unitId, q);
    if (JSON.stringify(a) !== JSON.stringify((rawPlate.all(q, unitId, '', PAGE) as { id: number }[]).map((r) => r.id))) throw new Error(`plate ${q}: Kysely and raw differ`);
    if (pgDb && JSON.stringify(a) !== JSON.stringify(await idsByPlateKey(pgDb, pgUnit, q))) throw new Error(`plate ${q}: SQLite and PostgreSQL differ`);
  }

  type Row = { name: string; station: Timing; baseline: Timing | null; baselineName: string; pg: Timing | null };
  const rows: Row[] = [];
  /** The station's function on SQLite, its baseline, and the function on PostgreSQL, alternating. */
  const compare = async (name: string, baselineName: string, ours: (on: Db, unit: number, i: number) => unknown, baseline: ((i: number) => unknown) | null) => {
    const runs = [(i: number) => ours(db, unitId, i), ...(baseline ? [baseline] : []), ...(pgDb ? [(i: number) => ours(pgDb!, pgUnit, i)] : [])];
    const [sqlite, ...rest] = await measure(...runs);
    rows.push({ name, station: sqlite!, baseline: baseline ? rest.shift()! : null, baselineName, pg: pgDb ? rest.shift()! : null });
  };
  await compare('plate (70 % drawn, 30 % none)', 'raw SQL', (on, unit, i) => idsByPlateKey(on, unit, plateKeys[i % plateKeys.length]!),
    (i) => rawPlate.all(plateKeys[i % plateKeys.length]!, unitId, '', PAGE));
  for (const shape of shapes) {
    const at = (i: number) => shape.queries[i % shape.queries.length]!;
    await compare(`text: ${shape.name}`, 'FTS5', (on, unit, i) => idsByTerms(on, unit, at(i)), (i) => viaFts(at(i)));
  }
  for (const kind of digitKinds) {
    await compare(kind.name, 'raw SQL', (on, unit, i) => idsByPlateDigits(on, unit, kind.digits[i % kind.digits.length]!),
      (i) => rawDigits.all(kind.digits[i % kind.digits.length]!, unitId, PAGE));
  }
  await compare('report number', 'raw SQL', (on, unit, i) => idsByReportNumber(on, unit, Number(reportNumbers[i % reportNumbers.length])),
    (i) => rawReportNumber(Number(reportNumbers[i % reportNumbers.length])));

  // The whole search box as a desk calls it, on each database.
  const textTyped = shapes.flatMap((s) => s.queries.slice(0, 40).map((q) => q.join(' ')));
  const boxInputs: [string, string[]][] = [
    ['search box: plates', plates],
    ['search box: text (every shape)', textTyped],
    ['search box: plate digits', digitKinds.flatMap((k) => k.digits.slice(0, 100))],
    ['search box: report numbers', reportNumbers],
    ['search box: a caller\'s phone (blind index)', callers],
    ['search box: a phone no one called from', strangers],
  ];
  for (const [name, inputs] of boxInputs) {
    const [sqlite, pgTiming] = await measure(...stations.map((s) => (i: number) => searchReports(s, inputs[i % inputs.length]!)));
    rows.push({ name, station: sqlite!, baseline: null, baselineName: '', pg: pgTiming ?? null });
  }

  const ms = (t: Timing | null) => (t ? `${t.p50.toFixed(3)} ${t.p95.toFixed(3)} ${t.p99.toFixed(3)}` : '—').padStart(22);
  console.log(`\n  ${COUNT.toLocaleString('en')} reports, ${RUNS} runs each after ${WARMUP} warm-up runs; contenders alternate call by call`);
  console.log(`  text queries: ${shapes.map((s) => `${s.name} ${s.queries.length} (e.g. "${s.queries[0]!.join(' ')}")`).join('; ')}`);
  console.log(`  words: ${byCount.length} in all; the frequent in ${byCount[39]!.n.toLocaleString('en')}–${byCount[0]!.n.toLocaleString('en')} reports, the rare in ${byCount.at(-1)!.n.toLocaleString('en')}–${byCount.at(-40)!.n.toLocaleString('en')} (a bitmap block counts as 4,096)\n`);
  console.log(`  ${'shape'.padEnd(44)} ${'SQLite p50 p95 p99 ms'.padStart(22)} ${'baseline p50 p95 p99'.padStart(22)} ${'p99 ratio'.padStart(14)} ${'PostgreSQL p50 p95 p99'.padStart(22)}`);
  for (const r of rows) {
    const ratio = r.baseline ? `${(r.station.p99 / r.baseline.p99).toFixed(2)}× ${r.baselineName}` : '';
    console.log(`  ${r.name.padEnd(44)} ${ms(r.station)} ${ms(r.baseline)} ${ratio.padStart(14)} ${ms(r.pg)}`);
  }
  const missed = rows.filter((r) => !r.name.startsWith('search box') && (r.station.p99 >= 10 || (r.pg && r.pg.p99 >= 10))).map((r) => r.name);
  console.log(`\n  goal (p99 < 10 ms for every query shape, ${pgDb ? 'SQLite and PostgreSQL' : 'SQLite'}): ${missed.length === 0 ? 'met' : `NOT met for ${missed.join(', ')}`}`);
  await db.destroy();
  await pgDb?.destroy();
  fts.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
