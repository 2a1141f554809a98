import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openPostgres, openSqlite } from '../../../db/connection';
import { migrateTo, migrateToLatest } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { openStation } from '../../../electron/host/open-station';
import { writeSettings } from '../../../electron/host/settings';
import { normalizePlate, plateDigitParts } from '../../../electron/contract/domain/plate';
import { listEvidence } from '../../../electron/services/evidence/list';
import { createReport, reportDetail, searchReports } from '../../../electron/services/intake/reports';
import { custodyOfReport } from '../../../db/queries/evidence';
import { idsByTerms } from '../../../db/queries/term-blocks';
import { auditHash, type ChainedFields, GENESIS_HASH } from '../../../db/queries/audit';
import { type Backend, backends, form, postgresUrl, signInForTest, pgAdmin, dropDatabase } from '../../support/station';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-migrate-'));
  dirs.push(dir);
  return join(dir, 'station.sqlite');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function tables(file: string): Promise<string[]> {
  const { db } = openSqlite(file);
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  await db.destroy();
  return rows.rows.map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered, in order, append-only names', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    names.forEach((n, i) => expect(n.startsWith(String(i + 1).padStart(4, '0') + '_')).toBe(true));
  });

  it('run up on an empty file and are idempotent', async () => {
    const file = tempFile();
    const { db, raw } = openSqlite(file);
    await migrateToLatest(db);
    await migrateToLatest(db);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    await db.destroy();
    expect(await tables(file)).toEqual(expect.arrayContaining([
      'audit_events', 'communes', 'drafts', 'locations', 'officers', 'provinces', 'report_counters', 'term_blocks',
      'report_violations', 'reporters', 'reports', 'units', 'vehicles', 'violation_types', 'plate_digits',
    ]));
  });

  it('0001 creates the foundation tables and nothing of 0002', async () => {
    const file = tempFile();
    const { db } = openSqlite(file);
    await migrateTo(db, '0001_foundation');
    await db.destroy();
    const names = await tables(file);
    expect(names).toContain('reports');
    expect(names).not.toContain('drafts');
    expect(names).not.toContain('report_terms');
  });

  it('0004 upgrades a file left by 0003: reports keep their data, open in the received state, not yet accepted', async () => {
    const file = tempFile();
    const { db } = openSqlite(file);
    await migrateTo(db, '0003_evidence');
    const unit = await db.insertInto('units').values({ preset_key: null, name: 'Đơn vị', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51' }).returning('id').executeTakeFirstOrThrow();
    const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
    await sql`insert into reports (unit_id, code, channel, received_at, received_by, occurred_approx, ongoing, urgent, anonymous, wants_feedback, status, created_at)
      values (${unit.id}, 'PA-2026-000007', 'hotline', '2026-01-02T03:04:05.000Z', ${officer.id}, 0, 0, 0, 1, 0, 'received', '2026-01-02T03:04:05.000Z')`.execute(db);
    await migrateToLatest(db);
    expect(await db.selectFrom('reports').select(['code', 'status', 'accepted_at', 'complex', 'assigned_to']).execute())
      .toEqual([{ code: 'PA-2026-000007', status: 'received', accepted_at: null, complex: 0, assigned_to: null }]);
    expect(await db.selectFrom('report_moves').selectAll().execute()).toEqual([]);
    await db.destroy();
  });

  it('0005 and 0006 upgrade a file left by 0004: units get an empty place name, documents and agencies start empty', async () => {
    const file = tempFile();
    const { db } = openSqlite(file);
    await migrateTo(db, '0004_workflow');
    await db.insertInto('units').values({ preset_key: 'x', name: 'Đơn vị', parent_name: null, address: '', hotlines: '[]', document_symbol: 'CATP', province_code: '51' }).execute();
    await migrateTo(db, '0005_documents');
    expect(await db.selectFrom('units').select(['name', 'place_name']).execute()).toEqual([{ name: 'Đơn vị', place_name: '' }]);
    expect(await db.selectFrom('documents').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('document_counters').selectAll().execute()).toEqual([]);
    await migrateToLatest(db);
    expect(await db.selectFrom('agencies').selectAll().execute()).toEqual([]);
    await db.destroy();
    expect(await tables(file)).toEqual(expect.arrayContaining(['agencies', 'documents', 'document_counters', 'report_moves', 'evidence_items']));
  });

  it('0002 upgrades a file left by 0001 and keeps its reports', async () => {
    const file = tempFile();
    const { db } = openSqlite(file);
    await migrateTo(db, '0001_foundation');
    const unit = await db.insertInto('units').values({ preset_key: null, name: 'Đơn vị cũ', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51' }).returning('id').executeTakeFirstOrThrow();
    const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('reports').values({
      unit_id: unit.id, code: 'PA-2026-000001', channel: 'hotline', received_at: '2026-01-02T03:04:05.000Z', received_by: officer.id,
      caller_phone: '', caller_phone_key: '', occurred_at: null, occurred_approx: 0, ongoing: 0, urgent: 0, description: 'Đống Đa',
      reporter_id: null, anonymous: 1, wants_feedback: 0, status: 'received', created_at: '2026-01-02T03:04:05.000Z',
    }).execute();
    await migrateToLatest(db);
    const kept = await db.selectFrom('reports').select(['code', 'description']).execute();
    expect(kept).toEqual([{ code: 'PA-2026-000001', description: 'Đống Đa' }]);
    await db.insertInto('drafts').values({ officer_id: officer.id, form: '{}', created_at: 'x', updated_at: 'x' }).execute();
    await db.insertInto('term_blocks').values({ unit_id: unit.id, term: 'dong', block: 0, n: 1, ids: Buffer.from([1, 0]) }).execute();
    await expect(db.insertInto('term_blocks').values({ unit_id: 99, term: 'dong', block: 0, n: 1, ids: Buffer.from([1, 0]) }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});

/**
 * A station's database that can be closed and opened again: a SQLite file in a data folder, or a fresh
 * PostgreSQL database named in that folder's settings (dropped after the test).
 */
async function stationDatabase(backend: Backend): Promise<{ dataDir: string; open(): Promise<Db> }> {
  const file = tempFile();
  const dataDir = dirname(file);
  if (backend === 'sqlite') return { dataDir, open: async () => openSqlite(file).db };
  const database = `station_migrate_${randomBytes(6).toString('hex')}`;
  await pgAdmin(`create database ${database}`);
  dropAfter.push(database);
  const url = new URL(postgresUrl!);
  url.pathname = `/${database}`;
  writeSettings(dataDir, { databaseUrl: url.toString() });
  return { dataDir, open: () => openPostgres(url.toString()) };
}

const dropAfter: string[] = [];
afterEach(async () => {
  for (const database of dropAfter.splice(0)) await dropDatabase(database);
});

/**
 * Each upgrade step on its own connection: the database is opened, migrated, checked and closed, so every
 * migration meets the file exactly as an earlier version of the station left it on disk.
 */
async function step<T>(database: { open(): Promise<Db> }, run: (db: Db) => Promise<T>): Promise<T> {
  const db = await database.open();
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

const applied = async (db: Db) =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);

/** Every row of a table, in a stable order, as plain objects. */
async function rows(db: Db, table: string): Promise<Record<string, unknown>[]> {
  const all = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
  return all.map((r) => ({ ...r })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The columns of the custody log's by-report key, in order, or null while it does not exist. */
async function custodyIndexColumns(db: Db, backend: Backend): Promise<string[] | null> {
  if (backend === 'sqlite') {
    const found = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name = 'custody_events_report' and tbl_name = 'custody_events'`.execute(db);
    if (found.rows.length === 0) return null;
    return (await sql<{ name: string }>`select name from pragma_index_info('custody_events_report') order by seqno`.execute(db)).rows.map((r) => r.name);
  }
  const found = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'custody_events' and indexname = 'custody_events_report'`.execute(db);
  const columns = /\(([^)]*)\)\s*$/.exec(found.rows[0]?.indexdef ?? '')?.[1];
  return columns === undefined ? null : columns.split(',').map((c) => c.trim());
}

/** What a desk running 0002 wrote for one report taken on the hotline, and a draft left half-typed. */
async function desk0002(db: Db) {
  await db.insertInto('provinces').values({ code: '51', name: 'Tỉnh Quảng Ngãi' }).execute();
  await db.insertInto('communes').values({ code: '51-001', name: 'Phường Kon Tum', province_code: '51' }).execute();
  await db.insertInto('violation_types').values({
    code: 'red_light', name: 'Không chấp hành hiệu lệnh đèn tín hiệu (vượt đèn đỏ)', legal_ref: 'NĐ 168/2024/NĐ-CP',
    article_car: '6.9.b', article_motorbike: '7.7.c', effective_from: '2025-01-01', active: 1, position: 0,
  }).execute();
  const unit = await db.insertInto('units').values({
    preset_key: 'csgt-kontum', name: 'Phòng Cảnh sát giao thông', parent_name: 'Công an tỉnh Kon Tum',
    address: 'Thành phố Kon Tum, tỉnh Kon Tum', hotlines: '["0260.386.2459"]', document_symbol: 'PC08', province_code: '51',
  }).returning('id').executeTakeFirstOrThrow();
  const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Cán bộ trực ban Phòng CSGT', rank: '', role: 'duty', active: 1 })
    .returning('id').executeTakeFirstOrThrow();
  // The reporters' columns before 0013 sealed them.
  const reporter = await (db as Kysely<any>).insertInto('reporters').values({
    full_name: 'Nguyễn Văn An', birth_year: 1990, cccd: '062090001234', address: 'Tổ 3, phường Kon Tum', phone: '0987 654 321',
    created_at: '2026-11-23T03:00:00.000Z',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('report_counters').values({ unit_id: unit.id, year: 2026, last_seq: 1 }).execute();
  const report = await db.insertInto('reports').values({
    unit_id: unit.id, code: 'PA-2026-000001', channel: 'hotline', received_at: '2026-11-23T02:30:00.000Z', received_by: officer.id,
    caller_phone: '0912 345 678', caller_phone_key: '0912345678', occurred_at: '2026-11-23T02:10:00.000Z', occurred_approx: 0,
    ongoing: 0, urgent: 0, description: 'Xe ô tô vượt đèn đỏ tại ngã tư.', reporter_id: reporter.id, anonymous: 0, wants_feedback: 1,
    status: 'received', created_at: '2026-11-23T03:00:00.000Z',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('report_violations').values({ report_id: report.id, violation_code: 'red_light' }).execute();
  await db.insertInto('locations').values({
    report_id: report.id, road: 'Phan Đình Phùng', house_number: '120', intersection: '', km_marker: '', province_code: '51',
    commune_code: '51-001', lat: 14.3545, lng: 108.0076,
  }).execute();
  await db.insertInto('vehicles').values({
    report_id: report.id, position: 0, plate_input: '82A-123.45', plate_canonical: '82A-123.45', plate_key: '82A12345', plate_kind: 'car',
    plate_province_code: '82', plate_flags: '', vehicle_type: 'car', colour: 'trắng', brand: 'Toyota Vios', features: '', owner_name: '', driver_name: '',
  }).execute();
  await (db as Kysely<any>).insertInto('report_terms')
    .values(['xe', 'o', 'to', 'vuot', 'den', 'do', 'tai', 'nga', 'tu', 'phan', 'dinh', 'phung', '120', 'trang', 'toyota', 'vios'].map((term) => ({ term, report_id: report.id })))
    .execute();
  await db.insertInto('audit_events').values({
    at: '2026-11-23T03:00:00.000Z', officer_id: officer.id, report_id: report.id, action: 'report.created', detail: JSON.stringify({ code: 'PA-2026-000001' }),
  }).execute();
  await db.insertInto('drafts').values({
    officer_id: officer.id, form: JSON.stringify(form({ channel: 'zalo', description: 'Xe tải chở quá khổ, người gọi mất sóng' })),
    created_at: '2026-11-23T03:05:00.000Z', updated_at: '2026-11-23T03:06:00.000Z',
  }).execute();
  return { unitId: unit.id, officerId: officer.id, reportId: report.id };
}

const tablesOf0002 = [
  'provinces', 'communes', 'violation_types', 'units', 'officers', 'reporters', 'report_counters', 'reports',
  'report_violations', 'locations', 'vehicles', 'report_terms', 'audit_events', 'drafts',
];

describe.each(backends)('%s: upgrades of a database a desk wrote, closed and reopened between versions', (backend) => {
  it('0007 indexes the plates of every report saved before it, across its batches, as the station does for new ones', async () => {
    const db = await (await stationDatabase(backend)).open();
    await migrateTo(db, '0006_agencies_notes');
    const unit = await db.insertInto('units').values({ preset_key: null, name: 'Đơn vị', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51' }).returning('id').executeTakeFirstOrThrow();
    const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
    // 4,500 reports (the migration reads 2,000 at a time): no plate, one plate, two plates, plates of every kind.
    const typed = ['82A-123.45', '82-B1 123.45', '29A-1234', '29-MĐ1 234.56', '51LD-111.11', '80NG12345', '82a1', 'không rõ', '30A-1234567890'];
    const platesOf = (n: number) => (n % 7 === 0 ? [] : n % 5 === 0 ? [typed[n % typed.length]!, typed[(n + 1) % typed.length]!] : [typed[n % typed.length]!]);
    await db.transaction().execute(async (trx) => {
      for (let n = 1; n <= 4500; n++) {
        const { id } = await trx.insertInto('reports').values({
          unit_id: unit.id, code: `PA-2026-${String(n).padStart(6, '0')}`, channel: 'hotline', received_at: '2026-01-02T03:04:05.000Z',
          received_by: officer.id, caller_phone: '', caller_phone_key: '', occurred_at: null, occurred_approx: 0, ongoing: 0, urgent: 0,
          description: '', reporter_id: null, anonymous: 1, wants_feedback: 0, status: 'received', created_at: '2026-01-02T03:04:05.000Z',
        }).returning('id').executeTakeFirstOrThrow();
        const plates = platesOf(n).map((p) => normalizePlate(p));
        if (plates.length > 0) {
          await trx.insertInto('vehicles').values(plates.map((p, position) => ({
            report_id: id, position, plate_input: p.input, plate_canonical: p.canonical, plate_key: p.key, plate_kind: p.kind,
            plate_province_code: p.provinceCode, plate_flags: p.flags.join(' '), vehicle_type: '', colour: '', brand: '', features: '',
            owner_name: '', driver_name: '',
          }))).execute();
        }
      }
    });
    await migrateToLatest(db);
    const expected = Array.from({ length: 4500 }, (_, i) => i + 1).flatMap((n) =>
      plateDigitParts(platesOf(n).map((p) => normalizePlate(p))).map((p) => ({ digits: p.digits, whole: Number(p.whole), report_id: n })));
    const order = (a: { digits: string; report_id: number }, b: { digits: string; report_id: number }) =>
      a.report_id - b.report_id || a.digits.localeCompare(b.digits);
    const indexed = await db.selectFrom('plate_digits').select(['digits', 'whole', 'report_id']).execute();
    expect(expected.length).toBeGreaterThan(20_000);
    expect(indexed.sort(order)).toEqual(expected.sort(order));
    await db.destroy();
  }, 60_000);

  it('0008 indexes the custody log by report on a file left by 0007: the log is unchanged and a report reads its events through the key', async () => {
    const database = await stationDatabase(backend);
    const ids = await step(database, async (db) => {
      await migrateTo(db, '0007_plate_digits');
      const unit = await db.insertInto('units').values({ preset_key: null, name: 'Đơn vị', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51' }).returning('id').executeTakeFirstOrThrow();
      const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
      const reports: number[] = [];
      for (const n of [1, 2]) {
        const { id } = await db.insertInto('reports').values({
          unit_id: unit.id, code: `PA-2026-${String(n).padStart(6, '0')}`, channel: 'hotline', received_at: '2026-11-23T02:30:00.000Z',
          received_by: officer.id, caller_phone: '', caller_phone_key: '', occurred_at: null, occurred_approx: 0, ongoing: 0, urgent: 0,
          description: '', reporter_id: null, anonymous: 1, wants_feedback: 0, status: 'received', created_at: '2026-11-23T02:30:00.000Z',
        }).returning('id').executeTakeFirstOrThrow();
        reports.push(id);
      }
      // One file sent with both reports: its events for the two reports interleave, and a verification belongs to no report.
      const { id: evidenceId } = await db.insertInto('evidence_items').values({
        sha256: 'b'.repeat(64), size: 1024, kind: 'photo', format: 'jpeg', store_path: `sha256/bb/bb/${'b'.repeat(64)}`, captured_local: null,
        captured_offset: null, captured_at: null, lat: null, lng: null, make: null, model: null, software: null, width: 640, height: 480,
        rotation: 0, duration_s: null, codecs: null, signs: '', metadata: '{}', derived_from: null, created_at: '2026-11-23T03:10:00.000Z',
      }).returning('id').executeTakeFirstOrThrow();
      for (const reportId of reports) {
        await db.insertInto('report_evidence').values({
          report_id: reportId, evidence_id: evidenceId, original_path: `Zalo/anh-${reportId}.jpg`, original_name: `anh-${reportId}.jpg`,
          original_name_raw: `anh-${reportId}.jpg`, source_label: 'Zalo', file_mtime: null, imported_at: '2026-11-23T03:10:00.000Z', imported_by: officer.id,
        }).execute();
      }
      const events: [number | null, string][] = [[reports[0]!, 'imported'], [reports[1]!, 'imported'], [null, 'verified'], [reports[0]!, 'viewed'], [reports[1]!, 'exported']];
      for (const [k, [reportId, action]] of events.entries()) {
        await db.insertInto('custody_events').values({
          evidence_id: evidenceId, report_id: reportId, at: `2026-11-23T03:1${k}:00.000Z`, officer_id: officer.id, action, detail: '{}',
        }).execute();
      }
      expect(await custodyIndexColumns(db, backend)).toBeNull();
      return { reports, custody: await rows(db, 'custody_events') };
    });

    await step(database, async (db) => {
      expect(await applied(db)).toEqual(Object.keys(migrations).filter((n) => n <= '0007_plate_digits'));
      await migrateToLatest(db);
      expect(await applied(db)).toEqual(Object.keys(migrations));
      expect(await custodyIndexColumns(db, backend)).toEqual(['report_id', 'id']);
      expect(await rows(db, 'custody_events')).toEqual(ids.custody);
      expect((await custodyOfReport(db, ids.reports[0]!)).map((e) => [e.action, e.itemName])).toEqual([['imported', 'anh-1.jpg'], ['viewed', 'anh-1.jpg']]);
      expect((await custodyOfReport(db, ids.reports[1]!)).map((e) => [e.action, e.itemName])).toEqual([['imported', 'anh-2.jpg'], ['exported', 'anh-2.jpg']]);
      if (backend === 'sqlite') {
        // What the index is for: the history's look-up by report is a probe of it, ordered by it (no scan, no sort).
        const plan = (await sql<{ detail: string }>`explain query plan select id from custody_events where report_id = ${ids.reports[0]!} order by id`.execute(db))
          .rows.map((r) => r.detail).join('\n');
        expect(plan).toMatch(/USING (COVERING )?INDEX custody_events_report \(report_id=\?\)/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    });
  });

  it('0002 → 0003 → 0004 → 0005 → 0006 → 0007: every row survives each step, new columns take their defaults, and the station opens it', async () => {
    const database = await stationDatabase(backend);
    const at0002 = await step(database, async (db) => {
      await migrateTo(db, '0002_drafts_and_search');
      const ids = await desk0002(db);
      const snapshot = Object.fromEntries(await Promise.all(tablesOf0002.map(async (t) => [t, await rows(db, t)] as const)));
      return { ids, snapshot };
    });
    const { ids, snapshot } = at0002;
    expect(snapshot.reports).toHaveLength(1);
    expect(snapshot.drafts).toHaveLength(1);
    const unchanged = async (db: Db, except: string[] = []) => {
      for (const t of tablesOf0002.filter((name) => !except.includes(name))) expect(await rows(db, t), t).toEqual(snapshot[t]);
    };

    // 0003: evidence tables appear, empty; nothing of 0002 changes. An import is then recorded.
    await step(database, async (db) => {
      expect(await applied(db)).toEqual(['0001_foundation', '0002_drafts_and_search']);
      await migrateTo(db, '0003_evidence');
      await unchanged(db);
      for (const t of ['evidence_items', 'report_evidence', 'custody_events']) expect(await rows(db, t), t).toEqual([]);
      const { id } = await db.insertInto('evidence_items').values({
        sha256: 'a'.repeat(64), size: 2_345_678, kind: 'photo', format: 'jpeg', store_path: `sha256/aa/aa/${'a'.repeat(64)}`,
        captured_local: '2026-11-23T09:09:58', captured_offset: '+07:00', captured_at: '2026-11-23T02:09:58.000Z', lat: 14.3545, lng: 108.0076,
        make: 'Apple', model: 'iPhone 13', software: '17.1', width: 4032, height: 3024, rotation: 0, duration_s: null, codecs: null,
        signs: '', metadata: '{}', derived_from: null, created_at: '2026-11-23T03:10:00.000Z',
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('report_evidence').values({
        report_id: ids.reportId, evidence_id: id, original_path: 'DCIM/IMG_0001.JPG', original_name: 'IMG_0001.JPG', original_name_raw: 'IMG_0001.JPG',
        source_label: 'USB', file_mtime: '2026-11-23T02:09:58.000Z', imported_at: '2026-11-23T03:10:00.000Z', imported_by: ids.officerId,
      }).execute();
      await db.insertInto('custody_events').values({
        evidence_id: id, report_id: ids.reportId, at: '2026-11-23T03:10:00.000Z', officer_id: ids.officerId, action: 'imported', detail: '{}',
      }).execute();
    });
    const evidenceRows = await step(database, async (db) => ({
      evidence_items: await rows(db, 'evidence_items'), report_evidence: await rows(db, 'report_evidence'), custody_events: await rows(db, 'custody_events'),
    }));
    const evidenceUnchanged = async (db: Db) => {
      for (const [t, before] of Object.entries(evidenceRows)) expect(await rows(db, t), t).toEqual(before);
    };

    // 0004: reports gain the workflow columns with their defaults; an old report is received, not yet accepted.
    await step(database, async (db) => {
      await migrateTo(db, '0004_workflow');
      await unchanged(db, ['reports']);
      await evidenceUnchanged(db);
      expect(await rows(db, 'reports')).toEqual(snapshot.reports!.map((r) => ({ ...r, accepted_at: null, complex: 0, assigned_to: null })));
      expect(await rows(db, 'report_moves')).toEqual([]);
      await db.insertInto('report_moves').values({
        report_id: ids.reportId, at: '2026-11-23T04:00:00.000Z', officer_id: ids.officerId, move: 'verify', from_state: 'received',
        to_state: 'verifying', detail: '{"complex":false}',
      }).execute();
      await db.updateTable('reports').set({ status: 'verifying', accepted_at: '2026-11-23T04:00:00.000Z' }).where('id', '=', ids.reportId).execute();
    });

    // 0005: units gain an empty place name; the document register starts empty.
    await step(database, async (db) => {
      await migrateTo(db, '0005_documents');
      await unchanged(db, ['units', 'reports']);
      await evidenceUnchanged(db);
      expect(await rows(db, 'units')).toEqual(snapshot.units!.map((u) => ({ ...u, place_name: '' })));
      expect(await db.selectFrom('reports').select(['status', 'accepted_at', 'complex']).execute())
        .toEqual([{ status: 'verifying', accepted_at: '2026-11-23T04:00:00.000Z', complex: 0 }]);
      expect(await rows(db, 'report_moves')).toHaveLength(1);
      expect(await rows(db, 'documents')).toEqual([]);
      expect(await rows(db, 'document_counters')).toEqual([]);
    });

    // 0006: the agency directory starts empty; nothing else changes.
    await step(database, async (db) => {
      await migrateTo(db, '0006_agencies_notes');
      await unchanged(db, ['units', 'reports']);
      await evidenceUnchanged(db);
      expect(await rows(db, 'report_moves')).toHaveLength(1);
      expect(await rows(db, 'agencies')).toEqual([]);
    });

    // 0007 and what follows it (to the latest): the plate saved before, 82A-123.45, is indexed by the parts of its number; nothing else changes.
    await step(database, async (db) => {
      await migrateToLatest(db);
      expect(await applied(db)).toEqual(Object.keys(migrations));
      await unchanged(db, ['units', 'reports', 'audit_events', 'officers', 'reporters', 'provinces', 'violation_types', 'locations', 'report_terms']);
      // 0017: the report's words moved to the unit's word blocks, found as before; the (word, report) rows are gone.
      expect(await idsByTerms(db, ids.unitId, ['vuot', 'den', 'toyota'])).toEqual([ids.reportId]);
      expect(await idsByTerms(db, ids.unitId, ['vuot', 'honda'])).toEqual([]);
      expect(Number((await db.selectFrom('term_blocks').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(16);
      await expect(rows(db, 'report_terms')).rejects.toThrow();
      // 0015: catalog rows gain their fine ranges and the marks of an admin's edit; locations the caller's words.
      expect(await rows(db, 'violation_types')).toEqual(snapshot.violation_types!.map((r) => ({
        ...r, fine_car_from: null, fine_car_to: null, fine_motorbike_from: null, fine_motorbike_to: null, effective_until: null, edited: 0, shipped: '',
      })));
      expect(await rows(db, 'locations')).toEqual(snapshot.locations!.map((r) => ({ ...r, caller_words: '' })));
      // 0014: provinces gain their area code, empty until the seeding fills it.
      expect(await rows(db, 'provinces')).toEqual(snapshot.provinces!.map((r) => ({ ...r, area_code: '' })));
      // 0013: the identity waits, pending, for the first sign-in holding the data key; the plaintext columns are gone.
      const [pending] = await db.selectFrom('reporters').selectAll().execute();
      expect(pending).toMatchObject({ cccd_mac: '', phone_mac: '', created_at: '2026-11-23T03:00:00.000Z' });
      expect(Object.keys(pending!).sort()).toEqual(['cccd_mac', 'created_at', 'id', 'identity', 'phone_mac']);
      expect(pending!.identity.startsWith('p1:')).toBe(true);
      expect(JSON.parse(pending!.identity.slice(3))).toEqual({
        fullName: 'Nguyễn Văn An', birthYear: 1990, cccd: '062090001234', address: 'Tổ 3, phường Kon Tum', phone: '0987 654 321',
      });
      // 0012: officers keep their rows; none has an account yet (the first run creates the admin).
      expect(await rows(db, 'officers')).toEqual(snapshot.officers!.map((r) => ({
        ...r, login: null, password_hash: null, locked_until: null, failed_sign_ins: 0, session_epoch: 0, roles: '',
      })));
      // 0011 chains the audit line written before it, as it was stored (desk unknown).
      expect(await rows(db, 'audit_events')).toEqual(snapshot.audit_events!.map((r) => {
        const line = { ...r, desk: '', prev_hash: GENESIS_HASH } as ChainedFields;
        return { ...line, hash: auditHash(line) };
      }));
      await evidenceUnchanged(db);
      expect(await rows(db, 'agencies')).toEqual([]);
      expect(await db.selectFrom('plate_digits').select(['digits', 'whole', 'report_id']).orderBy('digits').execute()).toEqual(
        ['123', '1234', '12345', '234', '2345', '345'].map((digits) => ({ digits, whole: Number(digits === '12345'), report_id: ids.reportId })),
      );
    });

    // Today's station opens the upgraded file and reads what the old desk wrote.
    const host = await openStation({ dataDir: database.dataDir, now: () => new Date('2026-11-24T03:00:00Z') });
    try {
      await signInForTest(host);
      const { station, handlers } = host;
      expect(station.unitId).toBe(ids.unitId);
      // Today's map: the commune an earlier version numbered itself ("51-001") handed its report to today's code.
      expect(await station.db.selectFrom('locations').select('commune_code').execute()).toEqual([{ commune_code: '23293' }]);
      expect(await station.db.selectFrom('communes').select('code').where('code', '=', '51-001').execute()).toEqual([]);
      expect(await station.db.selectFrom('provinces').select('area_code').where('code', '=', '51').executeTakeFirstOrThrow()).toEqual({ area_code: '255' });
      // The first sign-in made the data key and sealed what the old desk kept in plain text.
      const sealed = [
        ...(await station.db.selectFrom('reporters').select('identity as v').execute()),
        ...(await station.db.selectFrom('reports').select('caller_phone as v').execute()),
        ...(await station.db.selectFrom('drafts').select('form as v').execute()),
      ];
      expect(sealed.map((r) => r.v.slice(0, 3))).toEqual(['s1:', 's1:', 's1:']);
      expect((await searchReports(station, '0912 345 678')).map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect((await searchReports(station, '062090001234', true)).map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect(await handlers['report:revealReporter']({ id: ids.reportId, reason: 'kiểm tra sau nâng cấp' })).toMatchObject({
        fullName: 'Nguyễn Văn An', birthYear: '1990', cccd: '062090001234', phone: '0987 654 321', callerPhone: '0912 345 678',
      });
      const detail = await reportDetail(station, ids.reportId);
      expect(detail).toMatchObject({
        code: 'PA-2026-000001', status: 'verifying', channel: 'hotline', description: 'Xe ô tô vượt đèn đỏ tại ngã tư.',
        violations: [{ code: 'red_light' }], location: { road: 'Phan Đình Phùng', communeName: 'Phường Kon Tum', gps: '14.3545, 108.0076' },
        vehicles: [{ plate: { canonical: '82A-123.45' }, brand: 'Toyota Vios' }], callerPhone: '0912 *** 678',
        reporter: { anonymous: false, wantsFeedback: true, onFile: true, maskedName: 'Nguyễn V** A**' },
      });
      expect((await searchReports(station, 'vios')).map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect((await searchReports(station, '82A12345')).map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect((await searchReports(station, '123.45')).map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect((await searchReports(station, '2345')).map((r) => r.code)).toEqual(['PA-2026-000001']);
      expect((await handlers['draft:list']({})).map((d) => d.form.description)).toEqual(['Xe tải chở quá khổ, người gọi mất sóng']);
      expect((await listEvidence(station, ids.reportId)).map((e) => e.originalName)).toEqual(['IMG_0001.JPG']);
      // The unit made before documents existed keeps its row (its place name is the admin's to give); numbering goes on from the old counter.
      expect(await station.db.selectFrom('units').select(['name', 'place_name']).where('id', '=', ids.unitId).executeTakeFirstOrThrow()).toEqual({ name: 'Phòng Cảnh sát giao thông', place_name: '' });
      expect((await createReport(station, null, form())).code).toBe('PA-2026-000002');
      // A report saved after the upgrade is found by its plate's number as well, and by its number alone.
      expect((await searchReports(station, '12345')).map((r) => r.code)).toEqual(['PA-2026-000002', 'PA-2026-000001']);
      expect((await searchReports(station, '2')).map((r) => r.code)).toEqual(['PA-2026-000002']);
    } finally {
      await host.close();
    }
  });

  it('0009 on a file left by 0008: earlier second issues get an empty reason, registers their period, and a first issue is then unique', async () => {
    const database = await stationDatabase(backend);
    const ids = await step(database, async (db) => {
      await migrateTo(db, '0008_custody_index');
      const unit = await db.insertInto('units').values({ preset_key: null, name: 'Đơn vị', parent_name: null, address: '', hotlines: '[]', document_symbol: 'CATP', province_code: '51' }).returning('id').executeTakeFirstOrThrow();
      const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
      const { id: reportId } = await db.insertInto('reports').values({
        unit_id: unit.id, code: 'PA-2026-000001', channel: 'hotline', received_at: '2026-11-23T02:30:00.000Z',
        received_by: officer.id, caller_phone: '', caller_phone_key: '', occurred_at: null, occurred_approx: 0, ongoing: 0, urgent: 0,
        description: '', reporter_id: null, anonymous: 1, wants_feedback: 0, status: 'received', created_at: '2026-11-23T02:30:00.000Z',
      }).returning('id').executeTakeFirstOrThrow();
      // Before 0009 a second click issued the same kind again, and the register the same period again.
      const issued = [
        { report_id: reportId, kind: 'intake_form', seq: 1, params: '{}' },
        { report_id: reportId, kind: 'intake_form', seq: 2, params: '{}' },
        { report_id: reportId, kind: 'forwarding_letter', seq: 1, params: '{}' },
        { report_id: null, kind: 'register', seq: 1, params: '{"from":"2026-11-01","to":"2026-11-23","rows":1}' },
        { report_id: null, kind: 'register', seq: 2, params: '{"from":"2026-11-01","to":"2026-11-23","rows":1}' },
        { report_id: null, kind: 'register', seq: 3, params: '{"from":"2026-11-01","to":"2026-11-22","rows":1}' },
      ];
      for (const d of issued) {
        await db.insertInto('documents').values({
          unit_id: unit.id, year: 2026, number: `${d.seq}/X`, issued_at: '2026-11-23T03:00:00.000Z', issued_by: officer.id,
          sha256: String(d.seq).repeat(64), file_name: 'x.pdf', ...d,
        } as never).execute();
      }
      return { unit: unit.id, officer: officer.id, reportId };
    });
    await step(database, async (db) => {
      await migrateToLatest(db);
      const docs = await db.selectFrom('documents').select(['kind', 'seq', 'reissue_reason', 'period']).orderBy('id').execute();
      expect(docs.map((d) => [d.kind, d.seq, d.reissue_reason, d.period])).toEqual([
        ['intake_form', 1, null, null], ['intake_form', 2, '', null], ['forwarding_letter', 1, null, null],
        ['register', 1, null, '2026-11-01/2026-11-23'], ['register', 2, '', '2026-11-01/2026-11-23'], ['register', 3, null, '2026-11-01/2026-11-22'],
      ]);
      const another = (over: object) => db.insertInto('documents').values({
        unit_id: ids.unit, year: 2026, number: '9/X', seq: 9, issued_at: '2026-11-23T04:00:00.000Z', issued_by: ids.officer,
        sha256: 'f'.repeat(64), file_name: 'y.pdf', params: '{}', ...over,
      } as never).execute();
      // A second first issue is refused by the database itself; with a reason it is recorded.
      await expect(another({ report_id: ids.reportId, kind: 'intake_form', reissue_reason: null })).rejects.toThrow();
      await expect(another({ report_id: null, kind: 'register', period: '2026-11-01/2026-11-22', reissue_reason: null })).rejects.toThrow();
      await another({ report_id: ids.reportId, kind: 'intake_form', reissue_reason: 'Sai chức danh' });
    });
  });
});
