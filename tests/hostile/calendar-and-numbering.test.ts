import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import daysOffData from '../../resources/catalogs/days-off.json' with { type: 'json' };
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { dispatch } from '../../electron/host/dispatch';
import { openStation } from '../../electron/host/open-station';
import { writeSettings } from '../../electron/host/settings';
import { startWebHost } from '../../electron/host/web-host';
import { issueDocument, issuedDocumentFile, nextNumber } from '../../electron/services/documents/issue';
import { createReport } from '../../electron/services/intake/reports';
import { dueList, moveReport } from '../../electron/services/workflow/cases';
import { backends, form, postgresUrl, tempStation, dropDatabase } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// The calendar of days off, document numbering with reasons, reopening and ambiguous plates, tried as an
// attacker on the contract and as a second desk sharing the database (SQLite file; PostgreSQL when set).

const root = join(import.meta.dirname, '..', '..');
const figures = Object.assign(hostileFigures('calendar-and-numbering'), {
  numbersWasted: 0, reasonlessDuplicates: 0, internalErrors: 0, seedDuplicates: 0, daysOffQueries: 0,
});
const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: '', name: 'Lê Thị Hoa' };
const intake = { kind: 'intake_form' as const, params: { signer } };
const logLines: string[] = [];

describe.each(backends)('on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let reportId: number;
  const call = async (channel: string, input: unknown) => {
    figures.requestsTried++;
    const r = await dispatch(t.host.handlers, channel, input, (l) => logLines.push(l));
    if (!r.ok && r.error.code === 'internal') figures.internalErrors++;
    return r as { ok: true; value: any } | { ok: false; error: { code: string; message: string } };
  };
  const counter = async (kind: string) => (await t.station.db.selectFrom('document_counters').select('last_seq')
    .where('unit_id', '=', t.station.unitId).where('kind', '=', kind).executeTakeFirst())?.last_seq ?? 0;
  const audits = async (action: string) => (await t.station.db.selectFrom('audit_events').select('id').where('action', '=', action).execute()).length;

  beforeEach(async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
  }, 60_000);
  afterEach(() => t.close());

  it('refuses days that do not exist or lie outside 1900–2199, and serves both edge years', async () => {
    const bad = ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '1899-12-31', '2200-01-01', '9999-12-31', '0000-01-01',
      '2026-2-3', ' 2026-02-03', '2026-02-03T00:00', '2026-02-03\n', '２０２６-02-03', '+2026-02-03', ''];
    for (const day of bad) {
      const r = await call('calendar:addDayOff', { day, name: 'x', source: '' });
      expect(r.ok ? 'accepted' : r.error.code, JSON.stringify(day)).toBe('invalid-input');
    }
    for (const year of [1900, 2199]) {
      const r = await call('calendar:daysOff', { year });
      expect(r.ok, String(year)).toBe(true);
      if (r.ok) expect(r.value.filter((d: { name: string }) => /Tết/i.test(d.name)).length, String(year)).toBeGreaterThanOrEqual(4);
    }
    for (const year of [1899, 2200, 2026.5, '2026', null]) expect((await call('calendar:daysOff', { year })).ok).toBe(false);
    // 01/01 is a computed holiday (refused as already off); the day after is an edge day like any other.
    expect((await call('calendar:addDayOff', { day: '1900-01-01', name: 'biên', source: '' })).ok).toBe(false);
    for (const day of ['1900-01-02', '2199-12-31', '2024-02-29']) expect((await call('calendar:addDayOff', { day, name: 'biên', source: '' })).ok, day).toBe(true);
  });

  it('names: too long or blank refused; hostile text kept verbatim or refused, never an internal error', async () => {
    expect((await call('calendar:addDayOff', { day: '2027-03-01', name: 'a'.repeat(201), source: '' })).ok).toBe(false);
    expect((await call('calendar:addDayOff', { day: '2027-03-01', name: ' \t\n ', source: '' })).ok).toBe(false);
    expect((await call('calendar:addDayOff', { day: '2027-03-01', name: 'x', source: 's'.repeat(301) })).ok).toBe(false);
    const names = ['<script>alert(1)</script>', '\u202Eyad ffo\u202C', 'bell\u0007', 'nul\u0000byte', 'ệ'.repeat(200), '\u200B'];
    for (const [i, name] of names.entries()) {
      const day = `2027-04-${String(i + 10).padStart(2, '0')}`;
      const r = await call('calendar:addDayOff', { day, name, source: name.slice(0, 300) });
      expect(r.ok || r.error.code, JSON.stringify(name)).not.toBe('internal');
      if (r.ok) expect(r.value.find((d: { day: string }) => d.day === day)?.name).toBe(name.normalize('NFC'));
    }
  });

  it('same day twice refused; removing holidays, unknown ids or twice is refused; a removed day stays removed after a restart', async () => {
    expect((await call('calendar:addDayOff', { day: '2027-05-03', name: 'bù', source: '' })).ok).toBe(true);
    const again = await call('calendar:addDayOff', { day: '2027-05-03', name: 'bù 2', source: '' });
    expect(again.ok ? 'accepted' : again.error.code).toBe('rejected');
    for (const id of [0, -1, 2_147_483_648, 1.5, '1', null]) expect((await call('calendar:removeDayOff', { id })).ok ? 'accepted' : 'refused', String(id)).toBe('refused');
    const gone = await call('calendar:removeDayOff', { id: 2_147_483_647 });
    expect(gone.ok ? 'accepted' : gone.error.code).toBe('not-found');
    const list = (await call('calendar:daysOff', { year: 2026 })) as { ok: true; value: { id: number | null; day: string; kind: string }[] };
    expect(list.value.filter((d) => d.kind === 'holiday').every((d) => d.id === null)).toBe(true);
    const seeded = list.value.find((d) => d.kind === 'announced')!;
    expect((await call('calendar:removeDayOff', { id: seeded.id })).ok).toBe(true);
    expect((await call('calendar:removeDayOff', { id: seeded.id })).ok).toBe(false);
    expect(await audits('calendar.day-off-removed')).toBe(1);
    // Another desk starts on the same database: its seed must not bring the day back.
    const desk2 = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-24T03:00:00Z') });
    figures.processesRaced++;
    await desk2.close();
    const after = (await call('calendar:daysOff', { year: 2026 })) as { ok: true; value: { day: string; kind: string }[] };
    expect(after.value.some((d) => d.day === seeded.day && d.kind === 'announced')).toBe(false);
    const rows = await t.station.db.selectFrom('days_off').select('day').execute();
    expect(rows.length).toBe(new Set(rows.map((r) => r.day)).size);
  }, 30_000);

  it('a day off on the deadline moves it to the next working day; the due list reads the days off once for 30 reports', async () => {
    const moved = await call('report:move', { id: reportId, input: { move: 'verify', complex: false, note: '' } });
    const dueOf = (d: any) => d.workflow.deadlines.find((x: { code: string }) => x.code === 'verification');
    const before = dueOf((moved as { value: unknown }).value);
    const day = utcIsoToLocal(before.dueAt).slice(0, 10);
    expect((await call('calendar:addDayOff', { day, name: 'bù', source: '' })).ok).toBe(true);
    const after = dueOf(((await call('report:get', { id: reportId })) as { value: unknown }).value);
    expect(utcIsoToLocal(after.dueAt).slice(0, 10) > day).toBe(true);
    expect(after.movedFrom).toBe(before.movedFrom ?? day);
    for (let i = 0; i < 29; i++) await createReport(t.station, null, form({ receivedAt: '2025-12-01T09:30', occurredAt: '2025-12-01T09:10' }));
    let reads = 0;
    const watch: KyselyPlugin = {
      transformQuery({ node }) { if (JSON.stringify(node).includes('"days_off"')) reads++; return node; },
      transformResult: async ({ result }) => result,
    };
    const due = await dueList({ ...t.station, db: t.station.db.withPlugin(watch) });
    expect(due.items.length).toBeGreaterThanOrEqual(29);
    figures.daysOffQueries = Math.max(figures.daysOffQueries, reads);
    expect(reads).toBe(1);
  }, 30_000);

  it('showing the next number, refused reissues and hostile reasons waste no number', async () => {
    for (let i = 0; i < 10; i++) expect((await call('document:next', { kind: 'intake_form', reportId })).ok).toBe(true);
    expect(await counter('intake_form')).toBe(0);
    expect((await call('document:issue', { reportId, request: intake, reissueReason: null })).ok).toBe(true);
    const hostile = [null, '', '   ', '\t\n', 'x'.repeat(10_240), 'x'.repeat(501), 42, ['a']];
    for (const reissueReason of hostile) {
      const r = await call('document:issue', { reportId, request: intake, reissueReason });
      expect(r.ok, JSON.stringify(reissueReason)?.slice(0, 30)).toBe(false);
    }
    expect(await counter('intake_form')).toBe(1);
    // Odd but well-formed reasons either issue (number recorded) or take nothing; never a number lost silently.
    for (const reissueReason of ['lý do\u0000ẩn', '\u202Eđảo chiều', '<b>in đậm</b>', 'ký\u0007']) {
      const seqBefore = await counter('intake_form');
      const r = await call('document:issue', { reportId, request: intake, reissueReason });
      const docs = (await t.station.db.selectFrom('documents').select('id').where('kind', '=', 'intake_form').execute()).length;
      const wasted = (await counter('intake_form')) - docs;
      figures.numbersWasted += Math.max(0, wasted);
      expect(r.ok || r.error.code, JSON.stringify(reissueReason)).not.toBe('internal');
      expect(wasted, `${JSON.stringify(reissueReason)}: counter ${seqBefore}→${await counter('intake_form')}, documents ${docs}`).toBe(0);
    }
  }, 30_000);

  it('two desks issuing the first intake form at once: one first issue, the other desk told; every number a document or an audited gap', async () => {
    const ids: number[] = [(await createReport(t.station, null, form())).id];
    for (let i = 0; i < 4; i++) ids.push((await createReport(t.station, null, form())).id);
    let reasonless = 0;
    for (const id of ids) {
      figures.processesRaced += 2;
      const results = await Promise.allSettled([issueDocument(t.station, id, intake, null), issueDocument(t.station, id, intake, null)]);
      const issued = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ reissueReason: string | null }>).value);
      reasonless += Math.max(0, issued.filter((d) => d.reissueReason === null).length - 1);
    }
    figures.reasonlessDuplicates += reasonless;
    // One desk records its first issue; the other is told (the unique index on first issues), and the number
    // it had taken is a gap the audit trail explains: every number is either a document or a skipped line.
    const numbers = (await t.station.db.selectFrom('documents').select('seq').where('kind', '=', 'intake_form').execute()).map((d) => d.seq);
    const skipped = (await t.station.db.selectFrom('audit_events').select('detail').where('action', '=', 'document.intake_form.failed').execute())
      .map((a) => Number((JSON.parse(a.detail) as { number: string }).number.split('/')[0]));
    expect([...numbers, ...skipped].sort((a, b) => a - b)).toEqual(Array.from({ length: await counter('intake_form') }, (_, i) => i + 1));
    expect(numbers).toHaveLength(ids.length);
    figures.numbersWasted += skipped.length;
    expect(reasonless, 'documents issued a second time without a reason').toBe(0);
  }, 30_000);

  it('register preview writes an identity line; backwards periods are refused and take nothing', async () => {
    const before = await audits('report.reporter-in-preview');
    expect((await call('document:registerPreview', { from: '2026-11-01', to: '2026-11-23' })).ok).toBe(true);
    expect(await audits('report.reporter-in-preview')).toBe(before + 1);
    const backwards = { from: '2026-11-23', to: '2026-11-01' };
    expect((await call('document:registerPreview', backwards)).ok).toBe(false);
    expect((await call('document:register', { period: backwards, reissueReason: null })).ok).toBe(false);
    expect((await call('document:register', { period: { from: '2026-02-30', to: '2026-03-01' }, reissueReason: null })).ok).toBe(false);
    expect((await call('document:next', { kind: 'register', period: backwards })).ok).toBe(false);
    expect(await audits('report.reporter-in-preview')).toBe(before + 1);
    expect(await counter('register')).toBe(0);
  });

  it("another unit's desk cannot reprint, number or issue this unit's documents", async () => {
    const doc = await issueDocument(t.station, reportId, intake, null);
    const other = await t.station.db.insertInto('units').values({ preset_key: null, name: 'Công an xã khác', parent_name: null, address: '', hotlines: '[]', document_symbol: 'CAX', province_code: '20' })
      .returning('id').executeTakeFirstOrThrow();
    const foreign = { ...t.station, unitId: other.id };
    await expect(issuedDocumentFile(foreign, doc.id)).rejects.toThrow();
    await expect(nextNumber(foreign, 'intake_form', { reportId })).rejects.toThrow();
    await expect(issueDocument(foreign, reportId, intake, 'lý do')).rejects.toThrow();
    const foreignCounter = await t.station.db.selectFrom('document_counters').select('last_seq').where('unit_id', '=', other.id).executeTakeFirst();
    expect(foreignCounter).toBeUndefined();
    expect((await call('document:print', { id: doc.id })).ok).toBe(false);
  });

  it('reopen: never twice, a report never accepted starts its clock, two desks racing move it once', async () => {
    const reason = 'Có tình tiết mới';
    await moveReport(t.station, reportId, { move: 'verify', complex: false, note: '' });
    await moveReport(t.station, reportId, { move: 'no_grounds', reason: 'Không đủ căn cứ' });
    figures.processesRaced += 2;
    const race = await Promise.allSettled([
      moveReport(t.station, reportId, { move: 'reopen', reason, restartClock: true }),
      moveReport(t.station, reportId, { move: 'reopen', reason, restartClock: false }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled').length).toBe(1);
    await expect(moveReport(t.station, reportId, { move: 'reopen', reason, restartClock: false })).rejects.toThrow();
    const reopens = await t.station.db.selectFrom('report_moves').select('id').where('report_id', '=', reportId).where('move', '=', 'reopen').execute();
    expect(reopens.length).toBe(1);
    // Never accepted: received → duplicate → reopened without restarting: the clock starts anyway.
    const { id: dup } = await createReport(t.station, null, form());
    const code = (await t.station.db.selectFrom('reports').select('code').where('id', '=', reportId).executeTakeFirstOrThrow()).code;
    await moveReport(t.station, dup, { move: 'duplicate', ofCode: code });
    await moveReport(t.station, dup, { move: 'reopen', reason, restartClock: false });
    const r = await call('report:get', { id: dup });
    const v = (r as { value: any }).value.workflow.deadlines.find((d: { code: string }) => d.code === 'verification');
    expect(v?.reopened).toEqual({ on: '2026-11-23', restarted: true });
    expect((await call('report:move', { id: dup, input: { move: 'reopen', reason: '   ', restartClock: true } })).ok).toBe(false);
    expect((await call('report:move', { id: dup, input: { move: 'reopen', reason } })).ok).toBe(false);
  });
});

describe.each(backends)('two desks starting at once seed the days off once (%s)', (backend) => {
  it('4 processes, one new database: all start, every seeded day exactly once', async () => {
    const dirs: string[] = [];
    let database: string | null = null;
    const base = mkdtempSync(join(tmpdir(), 'station-seed-race-'));
    try {
      if (backend === 'postgres') {
        database = `station_test_${randomBytes(6).toString('hex')}`;
        const c = new pg.Client({ connectionString: postgresUrl }); await c.connect();
        await c.query(`create database ${database}`); await c.end();
        const url = new URL(postgresUrl!); url.pathname = `/${database}`;
        for (let i = 0; i < 4; i++) { const d = join(base, `desk${i}`); mkdirSync(d); writeSettings(d, { databaseUrl: url.toString() }); dirs.push(d); }
      } else {
        for (let i = 0; i < 4; i++) dirs.push(base);
      }
      figures.processesRaced += dirs.length;
      const codes = await Promise.all(dirs.map((dataDir) => new Promise<number | string | null>((resolve) => {
        const child = spawn(process.execPath, [bundled('station'), 'migrate', '--data', dataDir], { cwd: root, stdio: 'ignore' });
        const timer = setTimeout(() => { figures.hangs++; child.kill('SIGKILL'); }, 40_000);
        child.once('exit', (code, signal) => { clearTimeout(timer); resolve(code ?? signal); });
      })));
      expect(codes).toEqual([0, 0, 0, 0]);
      const host = await openStation({ dataDir: dirs[0]! });
      const rows = await host.station.db.selectFrom('days_off').select('day').execute();
      await host.close();
      figures.seedDuplicates += rows.length - new Set(rows.map((r) => r.day)).size;
      expect(rows.map((r) => r.day).sort()).toEqual(daysOffData.items.map((i) => i.day).sort());
    } finally {
      if (database) await dropDatabase(database);
      rmSync(base, { recursive: true, force: true });
    }
  }, 55_000);
});

describe('an ambiguous plate arriving over HTTP', () => {
  it('is saved as typed, flagged, found however it is typed, and never filed as a car plate', async () => {
    const t = await tempStation();
    const rendererDir = mkdtempSync(join(tmpdir(), 'station-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>trạm</body></html>');
    const web = await startWebHost({ handlers: t.host.handlers, media: t.host.media, document: t.host.document, log: t.host.log, rendererDir });
    const api = (channel: string, input: unknown) => new Promise<any>((resolve, reject) => {
      figures.requestsTried++;
      const { port } = new URL(web.url);
      const body = JSON.stringify(input);
      const req = request({ host: '127.0.0.1', port, path: `/api/${encodeURIComponent(channel)}`, method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-station-token': web.token } }, (res) => {
        let text = ''; res.setEncoding('utf8'); res.on('data', (c: string) => { text += c; }); res.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject); req.end(body);
    });
    try {
      const vehicles = [{ plate: '29B11234', vehicleType: 'car' as const, colour: 'đen', brand: '', features: '', ownerName: '', driverName: '' }];
      const created = await api('report:create', { draftId: null, form: form({ vehicles }) });
      expect(created.ok).toBe(true);
      const detail = await api('report:get', { id: created.value.id });
      const plate = detail.value.vehicles[0].plate;
      expect(plate).toMatchObject({ input: '29B11234', canonical: '29B11234', kind: 'unknown' });
      expect(plate.flags).toContain('ambiguous');
      for (const query of ['29B11234', '29b11234', '29B-112.34', '29-B1 1234', '２９Ｂ１１２３４', '29 B1 12 34']) {
        const found = await api('report:search', { query });
        expect(found.value.map((r: { id: number }) => r.id), query).toContain(created.value.id);
      }
      const rows = await t.station.db.selectFrom('vehicles').select(['plate_kind', 'plate_canonical']).execute();
      expect(rows.filter((r) => r.plate_kind === 'car' || r.plate_canonical === '29B-112.34')).toEqual([]);
    } finally {
      await web.close();
      await t.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  }, 30_000);
});

afterAll(() => { if (logLines.some((l) => l.startsWith('error on'))) console.log(`internal errors logged:\n${logLines.filter((l) => l.startsWith('error on')).join('\n').slice(0, 3000)}`); });
