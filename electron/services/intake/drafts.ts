import { addAuditEvent } from '../../../db/queries/audit';
import { deleteDraft, listDrafts, saveDraft } from '../../../db/queries/drafts';
import { type Draft, IntakeForm } from '../../contract/schemas';
import type { Station } from '../station';

/**
 * The open drafts of the officer at this desk, newest first, to carry on typing after a crash. A draft
 * holding a reporter's identity is a look at it: each one returned is written in the audit trail.
 * A draft that no longer parses is skipped, not fatal.
 */
export async function openDrafts(station: Station): Promise<Draft[]> {
  const rows = await listDrafts(station.db, station.officerId);
  const drafts = rows.flatMap((r) => {
    const parsed = IntakeForm.safeParse(JSON.parse(r.form));
    return parsed.success ? [{ id: r.id, updatedAt: r.updatedAt, form: parsed.data }] : [];
  });
  for (const d of drafts.filter((x) => hasIdentity(x.form))) {
    await addAuditEvent(station.db, {
      at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'draft.reporter-restored', detail: { draftId: d.id },
    });
  }
  return drafts;
}

function hasIdentity(form: IntakeForm): boolean {
  const r = form.reporter;
  return [r.fullName, r.birthYear, r.cccd, r.address, r.phone, form.callerPhone].some((v) => v.trim() !== '');
}

export async function keepDraft(station: Station, id: number | null, form: IntakeForm) {
  const updatedAt = station.now().toISOString();
  return { id: await saveDraft(station.db, station.officerId, id, JSON.stringify(form), updatedAt), updatedAt };
}

export async function discardDraft(station: Station, id: number): Promise<void> {
  await deleteDraft(station.db, station.officerId, id);
}
