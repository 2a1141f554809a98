import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { PostgresAdapter } from 'kysely';
import type { Db } from '../connection';

// The audit trail is a hash chain (issue 10.5): every event stores the hash of the one before it and its own
// hash over its fields, so an edited, removed, inserted or reordered line shows. Every line is appended by
// addAuditEvent below and nowhere else (tests/unit/audit-single-writer.test.ts checks the source tree).

export interface AuditEvent {
  at: string;
  officerId: number;
  reportId: number | null;
  action: string;
  detail: Record<string, unknown>;
}

/** The predecessor of the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Which desk wrote a line: the host's name and the station process's id. */
export const auditDesk = `${hostname()}#${process.pid}`.normalize('NFC');

/** An event's fields as they are stored: what its hash covers. */
export interface ChainedFields {
  id: number;
  at: string;
  desk: string;
  officer_id: number;
  report_id: number | null;
  action: string;
  /** The stored JSON text, hashed as stored (never re-serialised). */
  detail: string;
  prev_hash: string;
}

/**
 * The canonical form, version 1 (db/migrations/0011_audit_chain.ts holds a frozen copy; a test keeps them equal):
 * the UTF-8 bytes of JSON.stringify(["station-audit-1", id, at, desk, officer_id, report_id, action, detail,
 * prev_hash]) — a JSON array, so the order is fixed and no key sorting is involved; id, officer_id and report_id
 * are integers (report_id may be null); the strings are hashed exactly as stored, and are stored NFC (the append
 * normalises them), so a line re-typed with decomposed accents is a different line. hash = lowercase hex SHA-256.
 */
export function auditHash(e: ChainedFields): string {
  const canonical = JSON.stringify(['station-audit-1', e.id, e.at, e.desk, e.officer_id, e.report_id, e.action, e.detail, e.prev_hash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The chain's last event, locked until the transaction ends (SQLite: the transaction's write lock is the lock). */
async function lockedHead(trx: Db): Promise<{ last_id: number; last_hash: string }> {
  const q = trx.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1);
  return (trx.getExecutor().adapter instanceof PostgresAdapter ? q.forUpdate() : q).executeTakeFirstOrThrow();
}

/**
 * Appends one line to the chain, inside the caller's transaction when given one (the line commits or rolls back
 * with the write it records), else in a transaction of its own. Appends are serialised so the chain never forks:
 * SQLite write transactions start with BEGIN IMMEDIATE (db/connection.ts), one writer at a time across desks;
 * PostgreSQL takes the chain head's row lock (SELECT … FOR UPDATE) until the transaction ends. A unique index on
 * prev_hash refuses a second successor in any case. Only a small row is hashed while the lock is held.
 */
export async function addAuditEvent(db: Db, e: AuditEvent): Promise<number> {
  if (!db.isTransaction) return db.transaction().execute((trx) => addAuditEvent(trx, e));
  const head = await lockedHead(db);
  const row = {
    at: e.at, desk: auditDesk, officer_id: e.officerId, report_id: e.reportId, action: e.action.normalize('NFC'),
    detail: JSON.stringify(e.detail).normalize('NFC'), prev_hash: head.last_hash,
  };
  // The id is part of what is hashed and only known once the row is in: insert, then seal, in this transaction
  // (no other desk sees the row before it commits, sealed).
  const { id } = await db.insertInto('audit_events').values({ ...row, hash: '' }).returning('id').executeTakeFirstOrThrow();
  const hash = auditHash({ id, ...row });
  await db.updateTable('audit_events').set({ hash }).where('id', '=', id).execute();
  await db.updateTable('audit_chain_head').set({ last_id: id, last_hash: hash }).where('id', '=', 1).execute();
  return id;
}

export async function reportHistory(db: Db, reportId: number) {
  const rows = await db.selectFrom('audit_events as a')
    .innerJoin('officers as o', 'o.id', 'a.officer_id')
    .select(['a.at', 'a.action', 'a.detail', 'o.full_name'])
    .where('a.report_id', '=', reportId)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ at: r.at, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown>, officerName: r.full_name }));
}

export type ChainRow = ChainedFields & { hash: string };

/** The chain's lines in id order, `limit` after `afterId` (the verifier walks it in batches). */
export async function chainBatch(db: Db, afterId: number, limit: number): Promise<ChainRow[]> {
  return db.selectFrom('audit_events')
    .select(['id', 'at', 'desk', 'officer_id', 'report_id', 'action', 'detail', 'prev_hash', 'hash'])
    .where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function chainHead(db: Db): Promise<{ lastId: number; lastHash: string } | null> {
  const row = await db.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  return row ? { lastId: row.last_id, lastHash: row.last_hash } : null;
}

export interface Checkpoint {
  id: number;
  at: string;
  eventId: number;
  eventHash: string;
  officerId: number;
  desk: string;
}

/**
 * Takes a checkpoint of the chain as it stands (its last event and that event's hash) and records that it was
 * taken as an audit line, in one transaction holding the chain's lock. A supervisor copies the hash onto paper:
 * a later rewrite of the chain up to that event, even with every hash recomputed, no longer matches it.
 */
export async function recordCheckpoint(db: Db, c: { at: string; officerId: number }): Promise<Checkpoint> {
  return db.transaction().execute(async (trx) => {
    const head = await lockedHead(trx);
    const { id } = await trx.insertInto('audit_checkpoints')
      .values({ at: c.at, event_id: head.last_id, event_hash: head.last_hash, officer_id: c.officerId, desk: auditDesk })
      .returning('id').executeTakeFirstOrThrow();
    await addAuditEvent(trx, {
      at: c.at, officerId: c.officerId, reportId: null, action: 'audit.checkpoint',
      detail: { checkpointId: id, eventId: head.last_id, hash: head.last_hash },
    });
    return { id, at: c.at, eventId: head.last_id, eventHash: head.last_hash, officerId: c.officerId, desk: auditDesk };
  });
}

export async function listCheckpoints(db: Db): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').select(['id', 'at', 'event_id', 'event_hash', 'officer_id', 'desk']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, at: r.at, eventId: r.event_id, eventHash: r.event_hash, officerId: r.officer_id, desk: r.desk }));
}

/** When the newest checkpoint was taken, or null when none was. */
export async function lastCheckpointAt(db: Db): Promise<string | null> {
  const row = await db.selectFrom('audit_checkpoints').select('at').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.at ?? null;
}

/** The stored hash of one event, or null when there is no such event. */
export async function eventHash(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('audit_events').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash ?? null;
}

export interface AuditFilter {
  unitId: number;
  officerId: number | null;
  reportId: number | null;
  /** An action, or a family of them ("auth." for every sign-in line). */
  action: string;
  /** UTC instants, from inclusive, to exclusive; null for open-ended. */
  from: string | null;
  to: string | null;
  limit: number;
}

/** The unit's audit lines (written by its officers), newest first, as the audit screen filters them. */
export async function auditEvents(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_events as a')
    .innerJoin('officers as o', 'o.id', 'a.officer_id')
    .leftJoin('reports as r', 'r.id', 'a.report_id')
    .select(['a.id', 'a.at', 'a.desk', 'a.action', 'a.detail', 'o.full_name', 'r.code'])
    .where('o.unit_id', '=', f.unitId);
  if (f.officerId !== null) q = q.where('a.officer_id', '=', f.officerId);
  if (f.reportId !== null) q = q.where('a.report_id', '=', f.reportId);
  if (f.action.endsWith('.')) q = q.where('a.action', 'like', `${f.action}%`);
  else if (f.action !== '') q = q.where('a.action', '=', f.action);
  if (f.from !== null) q = q.where('a.at', '>=', f.from);
  if (f.to !== null) q = q.where('a.at', '<', f.to);
  const rows = await q.orderBy('a.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id, at: r.at, desk: r.desk, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown>, officerName: r.full_name, reportCode: r.code,
  }));
}
