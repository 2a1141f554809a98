import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openPostgres, openSqlite } from '../../../db/connection';
import { migrateTo, migrateToLatest } from '../../../db/migrate';
import { auditHash, GENESIS_HASH, reportHistory } from '../../../db/queries/audit';
import { writeSettings } from '../../../electron/host/settings';
import { openStation } from '../../../electron/host/open-station';
import { verifyChain } from '../../../electron/services/audit/chain';
import { noteReport } from '../../../electron/services/workflow/cases';
import { createReport } from '../../../electron/services/intake/reports';
import { type Backend, backends, form, postgresUrl, pgAdmin, signInForTest, dropDatabase } from '../../support/station';

// Migration 0011 chains the audit lines an earlier version wrote, with a frozen copy of the app's hash: the two
// must give the same hash for the same line, or every upgraded station would report its whole past as tampered.

const dirs: string[] = [];
const databases: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const d of databases.splice(0)) await dropDatabase(d);
});

async function database(backend: Backend): Promise<{ dataDir: string; open(): Promise<Db> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-audit-chain-'));
  dirs.push(dataDir);
  if (backend === 'sqlite') return { dataDir, open: async () => openSqlite(join(dataDir, 'station.sqlite')).db };
  const name = `station_audit_${randomBytes(6).toString('hex')}`;
  await pgAdmin(`create database ${name}`);
  databases.push(name);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  writeSettings(dataDir, { databaseUrl: url.toString() });
  return { dataDir, open: () => openPostgres(url.toString()) };
}

/** Lines an earlier desk wrote: every kind of value the canonical form must carry (accents, quotes, null report, emoji). */
const oldDetails = [
  { code: 'PA-2026-000001', receivedAt: '2026-11-23T02:30:00.000Z' },
  { note: 'Người báo: "xe tải" chạy vào làn ngược chiều \\ rồi bỏ đi 🚚' },
  { note: 'Đống Đa — ngã tư Nguyễn Trãi' },
  {},
];

describe.each(backends)('%s: migration 0011 on a trail written before it', (backend) => {
  it('chains 2,500 existing lines in id order across its batches, with the same hash as the app, and the station continues the chain', async () => {
    const db0 = await database(backend);
    const db = await db0.open();
    let reportId = 0;
    try {
      await migrateTo(db, '0010_days_off');
      const unit = await db.insertInto('units').values({ preset_key: null, name: 'Đơn vị', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51', place_name: '' }).returning('id').executeTakeFirstOrThrow();
      const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
      ({ id: reportId } = await db.insertInto('reports').values({
        unit_id: unit.id, code: 'PA-2026-000001', channel: 'hotline', received_at: '2026-01-02T03:04:05.000Z', received_by: officer.id,
        caller_phone: '', caller_phone_key: '', occurred_at: null, occurred_approx: 0, ongoing: 0, urgent: 0, description: '', reporter_id: null,
        anonymous: 1, wants_feedback: 0, status: 'received', created_at: '2026-01-02T03:04:05.000Z',
      }).returning('id').executeTakeFirstOrThrow());
      await db.insertInto('report_counters').values({ unit_id: unit.id, year: 2026, last_seq: 1 }).execute();
      // Written the way 0001–0010 wrote them: no desk, no hashes (the columns do not exist yet).
      const lines = Array.from({ length: 2500 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 0, 2, 3, 0, i)).toISOString(), officer_id: officer.id, report_id: i % 3 === 0 ? null : reportId,
        action: i % 2 ? 'report.note' : 'report.created', detail: JSON.stringify(oldDetails[i % oldDetails.length]),
      }));
      for (let i = 0; i < lines.length; i += 500) await (db as Db).insertInto('audit_events').values(lines.slice(i, i + 500)).execute();
      // A line removed before the upgrade (a gap the chain simply starts over).
      await db.deleteFrom('audit_events').where('id', '=', 1200).execute();

      await migrateTo(db, '0011_audit_chain');
      const rows = await db.selectFrom('audit_events').select(['id', 'at', 'desk', 'officer_id', 'report_id', 'action', 'detail', 'prev_hash', 'hash']).orderBy('id').execute();
      expect(rows).toHaveLength(2499);
      let prev = GENESIS_HASH;
      for (const row of rows) {
        expect(row.desk).toBe('');
        expect(row.prev_hash).toBe(prev);
        expect(row.hash, `line ${row.id}`).toBe(auditHash(row));
        prev = row.hash;
      }
      expect(await db.selectFrom('audit_chain_head').selectAll().execute()).toEqual([{ id: 1, last_id: 2500, last_hash: prev }]);
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }

    const host = await openStation({ dataDir: db0.dataDir, now: () => new Date('2026-11-24T03:00:00Z') });
    try {
      const { station } = host;
      expect(await verifyChain(station)).toMatchObject({ events: 2499, findings: [] });
      await signInForTest(host); // two more lines: the sign-in, and the day's first checkpoint
      const before = await station.db.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const { id } = await createReport(station, null, form());
      await noteReport(station, id, 'Sau khi nâng cấp.');
      const added = await station.db.selectFrom('audit_events').selectAll().where('id', '>', before.id).orderBy('id').execute();
      expect(added.map((a) => a.action)).toEqual(['report.created', 'report.note']);
      expect(added[0]!.prev_hash).toBe(before.hash);
      expect(added[1]!.prev_hash).toBe(added[0]!.hash);
      expect(added[0]!.desk).toMatch(/#\d+$/);
      expect(await verifyChain(station)).toMatchObject({ events: 2503, findings: [] });
      // The report history reads the old lines and the new ones alike.
      const history = await reportHistory(station.db, reportId);
      expect(history).toHaveLength(1665);
      expect(history[0]).toMatchObject({ action: 'report.note', detail: oldDetails[1] });
      expect((await reportHistory(station.db, id)).map((h) => [h.action, h.detail.note])).toEqual([['report.created', undefined], ['report.note', 'Sau khi nâng cấp.']]);
    } finally {
      await host.close();
    }
  }, 120_000);

  it('an empty trail gets a head at the genesis hash', async () => {
    const db0 = await database(backend);
    const db = await db0.open();
    try {
      await migrateToLatest(db);
      expect(await db.selectFrom('audit_chain_head').selectAll().execute()).toEqual([{ id: 1, last_id: 0, last_hash: GENESIS_HASH }]);
    } finally {
      await db.destroy();
    }
  });
});
