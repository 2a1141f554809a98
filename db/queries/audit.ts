import type { Db } from '../connection';

export interface AuditEvent {
  at: string;
  officerId: number;
  reportId: number | null;
  action: string;
  detail: Record<string, unknown>;
}

export async function addAuditEvent(db: Db, e: AuditEvent): Promise<void> {
  await db.insertInto('audit_events')
    .values({ at: e.at, officer_id: e.officerId, report_id: e.reportId, action: e.action, detail: JSON.stringify(e.detail) })
    .execute();
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
