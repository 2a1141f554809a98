import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { auditHash, type ChainRow } from '../../db/queries/audit';
import { issueDocument } from '../../electron/services/documents/issue';
import { createReport, revealReporter } from '../../electron/services/intake/reports';
import { moveReport, noteReport } from '../../electron/services/workflow/cases';
import { type Backend, backends, cliOfficerArgs, form, tempStation } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// Issue 10.5: an audit trail that cannot be rewritten unseen. A station does real work (reports, a reveal of the
// reporter, a move, a note, an issued document); then someone with the database's password edits, removes, puts
// in and exchanges audit lines with plain SQL, and rewrites the whole chain with every hash recomputed after a
// checkpoint. The real `station audit verify` (a child process) must name each tampering, and nothing else, and
// exit non-zero; a clean chain exits 0. Two desks appending at once must leave one unbroken chain.

const root = join(import.meta.dirname, '..', '..');
const figures = Object.assign(hostileFigures('audit-tamper'), { tamperingsTried: 0, tamperingsUnnamed: 0, falseAlarms: 0, eventsAppendedInRace: 0, deskTurns: 0, chainForks: 0 });
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: '', name: 'Lê Thị Hoa' };

/** The real command line, as a supervisor runs it. */
function station(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [bundled('station'), ...args], { cwd: root, stdio: 'pipe' });
    children.push(proc);
    let out = '';
    let err = '';
    const timer = setTimeout(() => { figures.hangs++; proc.kill('SIGKILL'); }, 60_000);
    proc.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
    proc.stderr.setEncoding('utf8').on('data', (c: string) => { err += c; });
    proc.once('exit', (code) => { clearTimeout(timer); resolve({ code, out, err }); });
  });
}

/** The lines verify printed before its summary: one per tampering found. */
const findingsOf = (out: string) => out.trim().split('\n').slice(0, -1);

/**
 * A station with real work in its audit trail (8 lines, after what opening it wrote: n(1)…n(8)), kept open while
 * the attacker and the CLI work on it.
 */
async function stationWithWork(backend: Backend) {
  // On today's clock, as the command line's: its sign-in, the same day, takes no checkpoint of its own.
  const t = await tempStation(() => new Date(), backend);
  const base = (await chain(t.station.db)).length;
  const n = (k: number) => base + k;
  const a = await createReport(t.station, null, form());
  const b = await createReport(t.station, null, form({ callerPhone: '0905 111 222' }));
  await revealReporter(t.station, a.id, 'Cần gọi lại người phản ánh để xác minh.');
  await moveReport(t.station, a.id, { move: 'verify', complex: false, note: '' });
  await noteReport(t.station, b.id, 'Đã gọi lại người phản ánh, xác nhận biển số.');
  await issueDocument(t.station, a.id, { kind: 'intake_form', params: { signer } }, null);
  await createReport(t.station, null, form({ callerPhone: '0914 333 444' }));
  await noteReport(t.station, a.id, 'Chuyển hồ sơ cho tổ xác minh.');
  const verify = (...extra: string[]) => station('audit', 'verify', '--data', t.dataDir, ...extra);
  return { t, db: t.station.db, verify, n, base };
}

async function chain(db: Db): Promise<ChainRow[]> {
  return db.selectFrom('audit_events').select(['id', 'at', 'desk', 'officer_id', 'report_id', 'action', 'detail', 'prev_hash', 'hash']).orderBy('id').execute();
}

/** What an attacker who read the source does after an edit: recompute every hash from `from` on, and the head. */
async function rehashFrom(db: Db, from: number): Promise<void> {
  let prev: string | null = null;
  for (const row of await chain(db)) {
    if (row.id < from) { prev = row.hash; continue; }
    const line = { ...row, prev_hash: prev ?? row.prev_hash };
    const hash = auditHash(line);
    await db.updateTable('audit_events').set({ prev_hash: line.prev_hash, hash }).where('id', '=', row.id).execute();
    prev = hash;
  }
  const last = (await chain(db)).at(-1)!;
  await db.updateTable('audit_chain_head').set({ last_id: last.id, last_hash: last.hash }).where('id', '=', 1).execute();
}

/** Runs verify after one tampering and checks it names exactly what was done. */
async function expectNamed(verify: () => ReturnType<typeof station>, expected: string[]): Promise<string> {
  figures.tamperingsTried++;
  const r = await verify();
  const found = findingsOf(r.out);
  const named = r.code === 3 && expected.every((e) => found.some((line) => line.startsWith(e)));
  if (!named) figures.tamperingsUnnamed++;
  expect(r.code, r.out + r.err).toBe(3);
  expect(found).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(found[i]).toContain(e));
  return r.out;
}

describe.each(backends)('%s: the audit chain under an attacker with SQL access', (backend) => {
  it('a clean chain verifies (exit 0) and says what only a checkpoint protects', async () => {
    const { t, verify, n } = await stationWithWork(backend);
    try {
      const r = await verify();
      if (r.code !== 0) figures.falseAlarms++;
      expect(r).toMatchObject({ code: 0, out: expect.stringContaining(`Nhật ký nguyên vẹn: ${n(8)} sự kiện nối liền`) });
      // The day's first sign-in checkpointed the chain (before the work): what came after has the chain alone.
      expect(r.out).toContain(`Các sự kiện sau #${n(0) - 1} (điểm chốt cuối) chỉ được chuỗi bảo vệ`);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('names an edited line, a removed one, a removed last one, and a line put in after the last', async () => {
    const { t, db, verify, n } = await stationWithWork(backend);
    try {
      // The note on report b says something else now.
      expect((await chain(db))[n(5) - 1]).toMatchObject({ id: n(5), action: 'report.note' });
      await sql`update audit_events set detail = ${JSON.stringify({ note: 'Không gọi được.' })} where id = ${n(5)}`.execute(db);
      await expectNamed(verify, [`Sự kiện #${n(5)} bị sửa`]);
      await sql`update audit_events set detail = ${JSON.stringify({ note: 'Đã gọi lại người phản ánh, xác nhận biển số.' })} where id = ${n(5)}`.execute(db);
      expect((await verify()).code).toBe(0);

      // The reveal of the reporter's identity disappears.
      await sql`delete from audit_events where id = ${n(3)}`.execute(db);
      await expectNamed(verify, [`Thiếu sự kiện giữa #${n(2)} và #${n(4)}`]);

      // The last line disappears as well.
      await sql`delete from audit_events where id = ${n(8)}`.execute(db);
      await expectNamed(verify, [`Thiếu sự kiện giữa #${n(2)} và #${n(4)}`, `Thiếu sự kiện sau #${n(7)}: trạm đã ghi đến sự kiện #${n(8)}`]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('names a forged line put in after the last with a correct hash, and one put in place of a removed line', async () => {
    const { t, db, verify, n } = await stationWithWork(backend);
    try {
      const last = (await chain(db)).at(-1)!;
      // The attacker knows the canonical form: the forged line matches its own hash and follows the last one.
      const forged = { id: n(9), at: '2026-11-23T03:30:00.000Z', desk: last.desk, officer_id: last.officer_id, report_id: last.report_id, action: 'report.note', detail: '{"note":"Người báo rút đơn."}', prev_hash: last.hash };
      await db.insertInto('audit_events').values({ ...forged, hash: auditHash(forged) }).execute();
      await expectNamed(verify, [`Sự kiện #${n(9)} chèn vào`]);
      await db.deleteFrom('audit_events').where('id', '=', n(9)).execute();

      // Line 4 (the move to verification) removed and a forged line with its id, correctly chained on line 3, put in.
      const rows = await chain(db);
      await db.deleteFrom('audit_events').where('id', '=', n(4)).execute();
      const replacement = { ...rows[n(4) - 1]!, detail: '{"complex":true}', prev_hash: rows[n(3) - 1]!.hash };
      expect(replacement).toMatchObject({ id: n(4), action: 'report.verify' });
      await db.insertInto('audit_events').values({ ...replacement, hash: auditHash(replacement) }).execute();
      await expectNamed(verify, [`Sự kiện #${n(4)} bị sửa rồi tính lại mã băm: sự kiện #${n(5)} sau nó không còn nối vào`]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('names two lines exchanged whole (ids swapped) and two lines whose contents were exchanged', async () => {
    const { t, db, verify, n } = await stationWithWork(backend);
    try {
      const swapIds = async (a: number, b: number) => {
        await sql`update audit_events set id = -1 where id = ${a}`.execute(db);
        await sql`update audit_events set id = ${a} where id = ${b}`.execute(db);
        await sql`update audit_events set id = ${b} where id = -1`.execute(db);
      };
      await swapIds(n(3), n(4));
      await expectNamed(verify, [`Sự kiện #${n(3)} và #${n(4)} đổi chỗ`]);
      await swapIds(n(3), n(4));
      expect((await verify()).code).toBe(0);

      // What happened (time, officer, report, action, detail) exchanged between lines 2 and 6; ids and hashes stay.
      const rows = await chain(db);
      const content = (r: ChainRow) => ({ at: r.at, desk: r.desk, officer_id: r.officer_id, report_id: r.report_id, action: r.action, detail: r.detail });
      await db.updateTable('audit_events').set(content(rows[n(6) - 1]!)).where('id', '=', n(2)).execute();
      await db.updateTable('audit_events').set(content(rows[n(2) - 1]!)).where('id', '=', n(6)).execute();
      await expectNamed(verify, [`Sự kiện #${n(2)} và #${n(6)} đổi chỗ`]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('a rewrite with every hash recomputed passes the chain; the checkpoint catches it, and the paper copy when the checkpoint is rewritten too', async () => {
    const { t, db, verify, n } = await stationWithWork(backend);
    try {
      // A supervisor signs in on the command line and takes a checkpoint (an account was given by tempStation).
      const taken = await station('audit', 'checkpoint', '--data', t.dataDir, ...cliOfficerArgs(t.dataDir));
      expect(taken.code, taken.err).toBe(0);
      const eventId = Number(/Sự kiện cuối: #(\d+)/.exec(taken.out)?.[1]);
      const hash = /Mã băm: +([0-9a-f]{64})/.exec(taken.out)?.[1];
      const checkpointId = Number(/Điểm chốt nhật ký số (\d+)/.exec(taken.out)?.[1]);
      // The checkpoint covers the work and the supervisor's sign-in; the line recording it comes next. (The day's
      // first sign-in took one before the work: this one is the last.)
      const checkpoints = await db.selectFrom('audit_checkpoints').select('id').orderBy('id').execute();
      expect(checkpoints.at(-1)?.id).toBe(checkpointId);
      const record = (await chain(db)).findLast((r) => r.action === 'audit.checkpoint')!;
      expect(eventId).toBeGreaterThanOrEqual(n(8));
      expect(record.id).toBe(eventId + 1);
      expect(hash).toBe((await chain(db))[eventId - 1]!.hash);
      const paper = `${eventId}:${hash}`;
      const clean = await verify('--checkpoint', paper);
      expect(clean).toMatchObject({ code: 0, out: expect.stringContaining(`Nhật ký nguyên vẹn: ${record.id} sự kiện nối liền, ${checkpoints.length + 1} điểm chốt khớp`) });

      // The attacker edits line 3 (the reveal now names another report) and recomputes every hash after it.
      await sql`update audit_events set report_id = ${(await chain(db))[n(2) - 1]!.report_id} where id = ${n(3)}`.execute(db);
      await rehashFrom(db, n(3));
      const out = await expectNamed(verify, [`Điểm chốt số ${checkpointId}`]);
      expect(out).toContain(`sự kiện #${eventId} không còn khớp mã băm đã chốt — nhật ký đến #${eventId} đã bị viết lại`);

      // Then the checkpoint's row and the chain's line recording it too: only the hash on paper is left.
      const rewritten = (await chain(db)).find((r) => r.id === eventId)!.hash;
      await db.updateTable('audit_checkpoints').set({ event_hash: rewritten }).where('id', '=', checkpointId).execute();
      await db.updateTable('audit_events').set({ detail: JSON.stringify({ ...JSON.parse(record.detail), hash: rewritten }) }).where('id', '=', record.id).execute();
      await rehashFrom(db, record.id);
      const fooled = await verify();
      expect(fooled.code, 'without the paper copy a complete rewrite is consistent').toBe(0);
      await expectNamed(() => verify('--checkpoint', paper), [`Mã băm ghi trên giấy: sự kiện #${eventId} không còn khớp mã băm đã chốt`]);
    } finally {
      await t.close();
    }
  }, 120_000);

  if (backend === 'postgres') {
    it('a transaction rolled back after its audit line leaves a gap in the ids, not an alarm; a line forged into the gap is named', async () => {
      const { t, db, verify, n } = await stationWithWork(backend);
      try {
        // A move whose transaction fails after the audit line: PostgreSQL's sequence has moved on (n(9) is never used).
        await expect(db.transaction().execute(async (trx) => {
          const { addAuditEvent } = await import('../../db/queries/audit');
          await addAuditEvent(trx, { at: '2026-11-23T03:10:00.000Z', officerId: t.station.officerId, reportId: null, action: 'report.note', detail: {} });
          throw new Error('rolled back');
        })).rejects.toThrow('rolled back');
        await noteReport(t.station, (await chain(db))[n(1) - 1]!.report_id!, 'Sau giao dịch bị huỷ.');
        const ids = (await chain(db)).map((r) => r.id);
        expect(ids.slice(-2)).toEqual([n(8), n(10)]);
        const r = await verify();
        if (r.code !== 0) figures.falseAlarms++;
        expect(r.code, r.out).toBe(0);

        // The unique key on the predecessor refuses a second line after n(8) (a fork); the attacker drops it first.
        const rows = await chain(db);
        const forged = { ...rows[n(8) - 1]!, id: n(9), action: 'report.note', detail: '{"note":"Chèn thêm."}', prev_hash: rows[n(8) - 1]!.hash };
        await expect(db.insertInto('audit_events').values({ ...forged, hash: auditHash(forged) }).execute()).rejects.toThrow(/audit_events_prev_hash/);
        await sql`drop index audit_events_prev_hash`.execute(db);
        await db.insertInto('audit_events').values({ ...forged, hash: auditHash(forged) }).execute();
        await expectNamed(verify, [`Sự kiện #${n(9)} chèn vào`]);
      } finally {
        await t.close();
      }
    }, 120_000);
  }
});

/** A desk process appending audit lines through the services (tests/hostile/append-audit.ts). */
function desk(dataDir: string, count: number, lanes: number) {
  const proc = spawn(process.execPath, [bundled('append-audit'), dataDir, String(count), String(lanes)], { cwd: root, stdio: 'pipe' });
  children.push(proc);
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  const lines = createInterface({ input: proc.stdout });
  const waitFor = (prefix: string) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { figures.hangs++; proc.kill('SIGKILL'); reject(new Error(`no "${prefix}"\n${stderr}`)); }, 90_000);
    lines.on('line', (line) => { if (line.startsWith(prefix)) { clearTimeout(timer); resolve(line); } });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code} before "${prefix}"\n${stderr}`)); });
  });
  return { ready: waitFor('ready'), done: waitFor('done'), go: () => proc.stdin.write('go\n') };
}

describe.each(backends)('%s: desks appending at once', (backend) => {
  it('two processes of four lanes each append 2 × 120 lines: one unbroken chain, no line refused', async () => {
    const t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    try {
      const count = 120;
      const desks = [desk(t.dataDir, count, 4), desk(t.dataDir, count, 4)];
      await Promise.all(desks.map((d) => d.ready));
      const base = (await chain(t.station.db)).length; // the desks have signed in (a line each)
      figures.processesRaced += desks.length;
      for (const d of desks) d.go();
      const results = (await Promise.all(desks.map((d) => d.done)))
        .map((line) => JSON.parse(line.slice(5)) as { written: number; errors: string[]; start: number; end: number });
      for (const r of results) expect(r.errors).toEqual([]);
      expect(Math.max(...results.map((r) => r.start)), 'the desks wrote at the same time').toBeLessThan(Math.min(...results.map((r) => r.end)));
      const rows = await chain(t.station.db);
      figures.eventsAppendedInRace += rows.length - base;
      expect(rows).toHaveLength(base + 2 * count);
      // Both desks' lines are interleaved in the one chain.
      const writers = rows.slice(base).map((r) => r.desk);
      expect(new Set(writers).size).toBe(2);
      // How often the chain passed from one desk to the other (SQLite's lock is not fair: sometimes one desk
      // writes most of its lines first; PostgreSQL's row lock queues them).
      figures.deskTurns += writers.filter((d, i) => i > 0 && d !== writers[i - 1]).length;
      const successors = new Map<string, number>();
      for (const r of rows) successors.set(r.prev_hash, (successors.get(r.prev_hash) ?? 0) + 1);
      figures.chainForks += [...successors.values()].filter((n) => n > 1).length;
      const r = await station('audit', 'verify', '--data', t.dataDir);
      if (r.code !== 0) figures.falseAlarms++;
      expect(r).toMatchObject({ code: 0, out: expect.stringContaining(`Nhật ký nguyên vẹn: ${base + 2 * count} sự kiện nối liền`) });
      expect(figures.chainForks).toBe(0);
    } finally {
      await t.close();
    }
  }, 180_000);
});
