import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../db/connection';
import { migrateTo, migrateToLatest } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';

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
      'audit_events', 'communes', 'drafts', 'locations', 'officers', 'provinces', 'report_counters', 'report_terms',
      'report_violations', 'reporters', 'reports', 'units', 'vehicles', 'violation_types',
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
    await db.insertInto('report_terms').values({ term: 'dong', report_id: 1 }).execute();
    await expect(db.insertInto('report_terms').values({ term: 'dong', report_id: 99 }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});
