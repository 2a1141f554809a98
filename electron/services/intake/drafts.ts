import { addAuditEvent } from '../../../db/queries/audit';
import { deleteDraft, listDrafts, saveDraft } from '../../../db/queries/drafts';
import { hasContent } from '../../contract/domain/intake-check';
import { vi } from '../../contract/messages.vi';
import { type Draft, IntakeForm } from '../../contract/schemas';
import { rejected } from '../errors';
import type { Station } from '../station';

/**
 * The open drafts of the officer at this desk, newest first, to carry on typing after a crash. A draft
 * holding a reporter's identity is a look at it: each one returned is written in the audit trail.
 * A draft that no longer parses is skipped, not fatal; an empty one (kept by an older version) is deleted.
 */
export async function openDrafts(station: Station): Promise<Draft[]> {
  const rows = await listDrafts(station.db, station.officerId);
  const parsed = rows.flatMap((r) => {
    const form = IntakeForm.safeParse(JSON.parse(r.form));
    return form.success ? [{ id: r.id, updatedAt: r.updatedAt, form: form.data }] : [];
  });
  for (const d of parsed.filter((x) => !hasContent(x.form))) await deleteDraft(station.db, station.officerId, d.id);
  const drafts = parsed.filter((x) => hasContent(x.form));
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

/**
 * An empty form is not a draft (issue 8.3: no "Bản nháp trống" lingering): it is refused, and a draft emptied by
 * the officer is deleted. The desk discards such a draft itself; this keeps the rule whoever calls.
 */
export async function keepDraft(station: Station, id: number | null, form: IntakeForm) {
  if (!hasContent(form)) {
    if (id !== null) await deleteDraft(station.db, station.officerId, id);
    throw rejected(vi.intakeCheck.emptyDraft);
  }
  const updatedAt = station.now().toISOString();
  return { id: await saveDraft(station.db, station.officerId, id, JSON.stringify(form), updatedAt), updatedAt };
}

export async function discardDraft(station: Station, id: number): Promise<void> {
  await deleteDraft(station.db, station.officerId, id);
}
