import {
  auditHash, chainBatch, chainHead, type ChainRow, type Checkpoint, GENESIS_HASH, lastCheckpointAt, listCheckpoints, recordCheckpoint,
} from '../../../db/queries/audit';
import type { Station } from '../station';

// Walking the audit chain (issue 10.5). What each tampering leaves:
// - a line edited in place no longer matches its own hash ("edited");
// - a line edited and its own hash recomputed matches itself, but the next line still names the old hash
//   ("rehashed"); the last line edited so is caught by the chain head, which remembers the last hash;
// - a removed line leaves a gap in the ids and a next line whose predecessor is gone ("missing"); removed last
//   lines leave the chain shorter than its head says;
// - a line put in (in a gap, or after the last) breaks the link of the line after it, which still names the line
//   before, or lies beyond the head ("inserted");
// - two lines exchanged each match their own hash only at the other's place ("swapped"; one-way: "moved").
// An attacker who rewrites a stretch and recomputes every hash after it, head included, leaves a chain that is
// consistent in itself: only a checkpoint taken before (its hash written on paper) shows it ("checkpoint").

export type ChainFinding =
  | { kind: 'edited'; id: number }
  | { kind: 'rehashed'; id: number; next: number | null }
  | { kind: 'missing'; after: number | null; before: number }
  | { kind: 'missingTail'; after: number | null; headId: number }
  | { kind: 'inserted'; id: number }
  | { kind: 'swapped'; a: number; b: number }
  | { kind: 'moved'; id: number; belongsAt: number }
  | { kind: 'checkpoint'; checkpointId: number | null; at: string | null; eventId: number; eventMissing: boolean }
  | { kind: 'checkpointAltered'; checkpointId: number };

export interface PaperCheckpoint {
  eventId: number;
  hash: string;
}

export interface ChainReport {
  events: number;
  findings: ChainFinding[];
  /** Checkpoints compared (recorded ones and those given from paper), and the newest recorded one. */
  checkpointsChecked: number;
  lastCheckpoint: Checkpoint | null;
}

const BATCH = 5000;
/** Past this many lines that fail their own hash, the exchange analysis (pairwise) is skipped. */
const PAIRWISE_LIMIT = 500;

export async function checkpointChain(station: Station): Promise<Checkpoint> {
  return recordCheckpoint(station.db, { at: station.now().toISOString(), officerId: station.officerId });
}

const DAY_MS = 86_400_000;

/**
 * The periodic checkpoint: at a sign-in, when the newest one is a day old or there is none, the chain is checkpointed
 * in the name of the officer signing in. A rewrite that leaves a checkpoint's line in place but changes the lines
 * before it no longer matches; the supervisor's printed slip (the audit screen) anchors it outside the database.
 */
export async function periodicCheckpoint(station: Station): Promise<void> {
  const last = await lastCheckpointAt(station.db);
  if (last !== null && station.now().getTime() - new Date(last).getTime() < DAY_MS) return;
  await checkpointChain(station);
}

/** Reads `event:hash` as a supervisor copies a checkpoint from paper; null when it is not one. */
export function parsePaperCheckpoint(text: string): PaperCheckpoint | null {
  const m = /^#?(\d{1,15}):([0-9a-fA-F]{64})$/.exec(text.trim());
  return m ? { eventId: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

interface LinkBreak {
  id: number;
  prevId: number | null;
  /** The line names the line two before it: the one between was put in. */
  skipsOne: boolean;
  gap: boolean;
}

export async function verifyChain(station: Station, paper: PaperCheckpoint[] = []): Promise<ChainReport> {
  const { db } = station;
  const head = (await chainHead(db)) ?? { lastId: 0, lastHash: GENESIS_HASH };
  const checkpoints = await listCheckpoints(db);
  const wanted = new Set([...checkpoints.map((c) => c.eventId), ...paper.map((p) => p.eventId)]);
  const storedHash = new Map<number, string>();
  const chainedCheckpoints = new Map<number, { eventId: number; hash: string }>();

  const selfBad: ChainRow[] = [];
  let selfBadCount = 0;
  const breaks: LinkBreak[] = [];
  const beyond: number[] = [];
  let events = 0;
  let twoBack: ChainRow | null = null;
  let previous: ChainRow | null = null;
  let lastInChain: ChainRow | null = null;
  for (let after = 0; ;) {
    const rows = await chainBatch(db, after, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      events++;
      if (wanted.has(row.id)) storedHash.set(row.id, row.hash);
      if (row.action === 'audit.checkpoint') {
        const d = parseDetail(row.detail);
        if (typeof d.checkpointId === 'number' && typeof d.eventId === 'number' && typeof d.hash === 'string') {
          chainedCheckpoints.set(d.checkpointId, { eventId: d.eventId, hash: d.hash });
        }
      }
      if (row.id > head.lastId) beyond.push(row.id);
      else lastInChain = row;
      if (auditHash(row) !== row.hash) {
        selfBadCount++;
        if (selfBad.length < PAIRWISE_LIMIT) selfBad.push(row);
      }
      const expected = previous?.hash ?? GENESIS_HASH;
      if (row.prev_hash !== expected) {
        breaks.push({
          id: row.id, prevId: previous?.id ?? null, gap: previous !== null && row.id > previous.id + 1,
          skipsOne: previous !== null && row.prev_hash === (twoBack?.hash ?? GENESIS_HASH),
        });
      }
      twoBack = previous;
      previous = row;
    }
    after = rows[rows.length - 1]!.id;
  }

  const findings: ChainFinding[] = [];
  const beyondSet = new Set(beyond);
  for (const id of beyond) findings.push({ kind: 'inserted', id });

  // Exchanged lines: each matches its hash at the other's place (moved whole, or only its fields).
  const explained = new Set<number>(beyond);
  const placed = new Map<number, number>();
  const candidates = selfBadCount <= PAIRWISE_LIMIT ? selfBad.filter((r) => !beyondSet.has(r.id)) : [];
  for (const a of candidates) {
    for (const b of candidates) {
      if (a.id !== b.id && (auditHash({ ...a, id: b.id }) === a.hash || auditHash({ ...a, id: b.id, prev_hash: b.prev_hash }) === b.hash)) {
        placed.set(a.id, b.id);
      }
    }
  }
  for (const [a, b] of placed) {
    if (explained.has(a)) continue;
    if (placed.get(b) === a) {
      findings.push({ kind: 'swapped', a: Math.min(a, b), b: Math.max(a, b) });
      explained.add(a).add(b);
    } else {
      findings.push({ kind: 'moved', id: a, belongsAt: b });
      explained.add(a);
    }
  }

  // A line the next one skips was put in between.
  const inserted = new Set(breaks.filter((b) => b.skipsOne && b.prevId !== null).map((b) => b.prevId!));
  for (const id of inserted) {
    if (explained.has(id)) continue;
    findings.push({ kind: 'inserted', id });
    explained.add(id);
  }
  const edited = new Set<number>();
  for (const row of selfBad) {
    if (explained.has(row.id)) continue;
    findings.push({ kind: 'edited', id: row.id });
    edited.add(row.id);
  }
  const broken = new Set([...explained, ...edited]);
  for (const b of breaks) {
    // A break next to a line already named (edited, exchanged, put in) is that line's doing.
    if (broken.has(b.id) || (b.prevId !== null && broken.has(b.prevId))) continue;
    if (b.prevId === null || b.gap) findings.push({ kind: 'missing', after: b.prevId, before: b.id });
    else {
      findings.push({ kind: 'rehashed', id: b.prevId, next: b.id });
      broken.add(b.prevId);
    }
  }

  // The head remembers the last line the station wrote and its hash: removed or rewritten last lines show.
  const lastId = lastInChain?.id ?? 0;
  if (lastId < head.lastId) findings.push({ kind: 'missingTail', after: lastInChain?.id ?? null, headId: head.lastId });
  else if (lastInChain && lastInChain.hash !== head.lastHash && !broken.has(lastInChain.id)) {
    findings.push({ kind: 'rehashed', id: lastInChain.id, next: null });
  }

  let checkpointsChecked = 0;
  const compare = (checkpointId: number | null, at: string | null, eventId: number, hash: string) => {
    if (eventId === 0) return;
    checkpointsChecked++;
    const stored = storedHash.get(eventId);
    if (stored !== hash) findings.push({ kind: 'checkpoint', checkpointId, at, eventId, eventMissing: stored === undefined });
  };
  for (const c of checkpoints) {
    compare(c.id, c.at, c.eventId, c.eventHash);
    const chained = chainedCheckpoints.get(c.id);
    if (chained && (chained.eventId !== c.eventId || chained.hash !== c.eventHash)) findings.push({ kind: 'checkpointAltered', checkpointId: c.id });
  }
  for (const p of paper) compare(null, null, p.eventId, p.hash);

  findings.sort((x, y) => findingOrder(x) - findingOrder(y));
  return { events, findings, checkpointsChecked, lastCheckpoint: checkpoints.at(-1) ?? null };
}

function findingOrder(f: ChainFinding): number {
  switch (f.kind) {
    case 'edited': case 'rehashed': case 'inserted': case 'moved': return f.id;
    case 'missing': return f.before - 0.5;
    case 'missingTail': return f.headId;
    case 'swapped': return f.a;
    case 'checkpoint': return Number.MAX_SAFE_INTEGER - 1;
    case 'checkpointAltered': return Number.MAX_SAFE_INTEGER;
  }
}

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(detail);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
