import type { Db } from '../connection';
import { inChunks } from '../prepared';

export interface NewEvidence {
  sha256: string;
  size: number;
  kind: string;
  format: string;
  storePath: string;
  capturedLocal: string | null;
  capturedOffset: string | null;
  capturedAt: string | null;
  lat: number | null;
  lng: number | null;
  make: string | null;
  model: string | null;
  software: string | null;
  width: number | null;
  height: number | null;
  rotation: number | null;
  durationS: number | null;
  codecs: string | null;
  signs: string[];
  metadata: string;
  /** A still taken from this video item. */
  derivedFrom: number | null;
}

export interface EvidenceLink {
  reportId: number;
  originalPath: string;
  originalName: string;
  originalNameRaw: string;
  sourceLabel: string;
  fileMtime: string | null;
  at: string;
  officerId: number;
}

/** A custody line on another item, written with the records it speaks of (a redacted copy's line on its source). */
export interface CustodyLine { evidenceId: number; reportId: number; at: string; officerId: number; action: string; detail: Record<string, unknown> }

/**
 * Records imported files: each item once per SHA-256, its link to the report, and the custody event,
 * all in one transaction (one disk flush for a batch of files), with `also`'s lines given the new ids.
 * Returns each item's id.
 */
export async function recordImports(db: Db, entries: { item: NewEvidence; link: EvidenceLink }[], also: (ids: number[]) => CustodyLine[] = () => []): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const { item, link } of entries) {
      await trx.insertInto('evidence_items')
        .values({
          sha256: item.sha256, size: item.size, kind: item.kind, format: item.format, store_path: item.storePath,
          captured_local: item.capturedLocal, captured_offset: item.capturedOffset, captured_at: item.capturedAt,
          lat: item.lat, lng: item.lng, make: item.make, model: item.model, software: item.software,
          width: item.width, height: item.height, rotation: item.rotation, duration_s: item.durationS, codecs: item.codecs,
          signs: item.signs.join(' '), metadata: item.metadata, derived_from: item.derivedFrom, created_at: link.at,
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      const { id } = await trx.selectFrom('evidence_items').select('id').where('sha256', '=', item.sha256).executeTakeFirstOrThrow();
      const linked = await trx.insertInto('report_evidence')
        .values({
          report_id: link.reportId, evidence_id: id, original_path: link.originalPath, original_name: link.originalName,
          original_name_raw: link.originalNameRaw, source_label: link.sourceLabel, file_mtime: link.fileMtime,
          imported_at: link.at, imported_by: link.officerId,
        })
        .onConflict((oc) => oc.columns(['report_id', 'evidence_id']).doNothing())
        .executeTakeFirst();
      await trx.insertInto('custody_events')
        .values({
          evidence_id: id, report_id: link.reportId, at: link.at, officer_id: link.officerId,
          action: item.derivedFrom === null ? 'imported' : 'derived',
          detail: JSON.stringify({ originalPath: link.originalPath, sourceLabel: link.sourceLabel, alreadyLinked: linked.numInsertedOrUpdatedRows === 0n }),
        })
        .execute();
      ids.push(id);
    }
    for (const e of also(ids)) {
      await trx.insertInto('custody_events')
        .values({ evidence_id: e.evidenceId, report_id: e.reportId, at: e.at, officer_id: e.officerId, action: e.action, detail: JSON.stringify(e.detail) })
        .execute();
    }
    return ids;
  });
}

/** The newest redacted copy of each photo of a report, by the source's id: the last one saved there, at any desk. */
export async function newestRedactions(db: Db, reportId: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('custody_events').select(['evidence_id', 'detail']).where('report_id', '=', reportId).where('action', '=', 'redacted').orderBy('id').execute();
  const copies = new Map<number, number>();
  for (const r of rows) {
    const copyId = (JSON.parse(r.detail) as { copyId?: unknown }).copyId;
    if (typeof copyId === 'number') copies.set(r.evidence_id, copyId);
  }
  return copies;
}

/** An item, if it belongs to a report of this unit (several units may share a database). */
export async function getEvidence(db: Db, unitId: number, id: number) {
  return db.selectFrom('evidence_items as e')
    .selectAll('e')
    .where('e.id', '=', id)
    .where(({ exists, selectFrom }) => exists(selectFrom('report_evidence as re')
      .innerJoin('reports as r', 'r.id', 're.report_id')
      .select('re.id')
      .whereRef('re.evidence_id', '=', 'e.id')
      .where('r.unit_id', '=', unitId)))
    .executeTakeFirst();
}

/** A report's evidence with how each file came in, oldest import first. */
export async function evidenceOfReport(db: Db, unitId: number, reportId: number) {
  return db.selectFrom('report_evidence as re')
    .innerJoin('reports as r', 'r.id', 're.report_id')
    .innerJoin('evidence_items as e', 'e.id', 're.evidence_id')
    .innerJoin('officers as o', 'o.id', 're.imported_by')
    .selectAll('e')
    .select(['re.original_name', 're.original_path', 're.source_label', 're.imported_at', 'o.full_name as imported_by_name'])
    .where('re.report_id', '=', reportId)
    .where('r.unit_id', '=', unitId)
    .orderBy('re.id')
    .execute();
}

export async function custodyOf(db: Db, evidenceId: number) {
  return db.selectFrom('custody_events as c')
    .leftJoin('officers as o', 'o.id', 'c.officer_id')
    .select(['c.at', 'c.action', 'c.detail', 'c.report_id', 'o.full_name'])
    .where('c.evidence_id', '=', evidenceId)
    .orderBy('c.id')
    .execute();
}

export async function originalName(db: Db, reportId: number, evidenceId: number): Promise<string | null> {
  const row = await db.selectFrom('report_evidence').select('original_name')
    .where('report_id', '=', reportId).where('evidence_id', '=', evidenceId).executeTakeFirst();
  return row?.original_name ?? null;
}

/** Of these store paths, the ones no evidence item points to. */
/** Files a desk is about to put into the store (rows cleared by clearStoreIntents once their records are written). */
export async function addStoreIntents(db: Db, sha256s: string[], owner: string, at: string): Promise<void> {
  for (const part of inChunks(sha256s)) await db.insertInto('store_intents').values(part.map((sha256) => ({ sha256, owner, at }))).execute();
}

export async function clearStoreIntents(db: Db, sha256s: string[], owner: string): Promise<void> {
  for (const part of inChunks(sha256s)) await db.deleteFrom('store_intents').where('owner', '=', owner).where('sha256', 'in', part).execute();
}

/**
 * The stored files no record and no desk's intent names: orphans. Intents are read before the records: a desk clears
 * its intent only after its records are written, so a file is always named by one of the two reads. Intents older
 * than `staleBefore` are a dead desk's, and are dropped.
 */
export async function unrecordedPaths(db: Db, paths: string[], staleBefore: string): Promise<string[]> {
  await db.deleteFrom('store_intents').where('at', '<', staleBefore).execute();
  const intended = new Set((await db.selectFrom('store_intents').select('sha256').execute()).map((r) => r.sha256));
  const known = new Set((await db.selectFrom('evidence_items').select('store_path').execute()).map((r) => r.store_path));
  return paths.filter((p) => !known.has(p) && !intended.has(p.split('/').pop()!));
}

export async function allEvidence(db: Db) {
  return db.selectFrom('evidence_items').select(['id', 'sha256', 'store_path', 'size']).orderBy('id').execute();
}

export async function addCustodyEvent(
  db: Db,
  e: { evidenceId: number; reportId: number | null; at: string; officerId: number | null; action: string; detail: Record<string, unknown> },
): Promise<void> {
  await db.insertInto('custody_events')
    .values({ evidence_id: e.evidenceId, report_id: e.reportId, at: e.at, officer_id: e.officerId, action: e.action, detail: JSON.stringify(e.detail) })
    .execute();
}

/** The plates the officers confirmed on a report's crops (the latest for each crop), by crop id. */
export async function confirmedPlates(db: Db, reportId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('custody_events').select('detail').where('report_id', '=', reportId).where('action', '=', 'plate-read').orderBy('id').execute();
  const plates = new Map<number, string>();
  for (const r of rows) {
    const d = JSON.parse(r.detail) as { cropId?: unknown; plate?: unknown };
    if (typeof d.cropId === 'number' && typeof d.plate === 'string') plates.set(d.cropId, d.plate);
  }
  return plates;
}

/** A report's custody events (imports, views, stills) with who did them and the item's name in the report, in order. */
export async function custodyOfReport(db: Db, reportId: number) {
  const rows = await db.selectFrom('custody_events as c')
    .leftJoin('officers as o', 'o.id', 'c.officer_id')
    .leftJoin('report_evidence as re', (join) => join.onRef('re.report_id', '=', 'c.report_id').onRef('re.evidence_id', '=', 'c.evidence_id'))
    .select(['c.id', 'c.at', 'c.action', 'c.detail', 'c.evidence_id', 'o.full_name', 're.original_name'])
    .where('c.report_id', '=', reportId)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    at: r.at, action: r.action, evidenceId: r.evidence_id, officerName: r.full_name ?? '', itemName: r.original_name,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

/** When each file of a report was last written on the citizen's device (null for stills), by item. */
export async function fileTimesOfReport(db: Db, reportId: number): Promise<Map<number, string | null>> {
  const rows = await db.selectFrom('report_evidence').select(['evidence_id', 'file_mtime']).where('report_id', '=', reportId).execute();
  return new Map(rows.map((r) => [r.evidence_id, r.file_mtime]));
}
