import { addAuditEvent } from '../../../db/queries/audit';
import { deleteDraft, listDrafts, saveDraft } from '../../../db/queries/drafts';
import { hasContent } from '../../contract/domain/intake-check';
import { vi } from '../../contract/messages.vi';
import { type Draft, IntakeForm } from '../../contract/schemas';
import { rejected, StationError } from '../errors';
import type { Station } from '../station';
import { heldKeys } from '../keys/keyring';

/**
 * The open drafts of the officer at this desk, newest first, to carry on typing after a crash, as the list
 * shows them: without the reporter's identity or the caller's number (opening one is draftToOpen).
 * A draft that no longer parses is skipped, not fatal; an empty one (kept by an older version) is deleted.
 */
export async function openDrafts(station: Station): Promise<Draft[]> {
  const parsed = (await listDrafts(station.db, station.officerId)).flatMap((r) => parseDraft(station, r));
  for (const d of parsed.filter((x) => !hasContent(x.form))) await deleteDraft(station.db, station.officerId, d.id);
  return parsed.filter((x) => hasContent(x.form)).map((d) => ({ ...d, form: withoutIdentity(d.form) }));
}

/** One draft whole, to type on: a draft holding a reporter's identity is a look at it, in the audit trail. */
export async function draftToOpen(station: Station, id: number): Promise<Draft> {
  const draft = (await listDrafts(station.db, station.officerId)).filter((r) => r.id === id).flatMap((r) => parseDraft(station, r))[0];
  if (!draft) throw new StationError('not-found', vi.error.notFound);
  if (JSON.stringify(withoutIdentity(draft.form)) !== JSON.stringify(draft.form)) {
    await addAuditEvent(station.db, {
      at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'draft.reporter-restored', detail: { draftId: id },
    });
  }
  return draft;
}

/** A draft is kept sealed whole (everything typed may name the reporter); one that does not open or parse is skipped. */
function parseDraft(station: Station, r: { id: number; updatedAt: string; form: string }): Draft[] {
  let text: string;
  try {
    text = heldKeys(station).open('draft', r.form);
  } catch (err) {
    if (err instanceof StationError) throw err;
    station.log(`draft ${r.id}: does not open with the station's key`);
    return [];
  }
  const form = IntakeForm.safeParse(JSON.parse(text));
  return form.success ? [{ id: r.id, updatedAt: r.updatedAt, form: form.data }] : [];
}

function withoutIdentity(form: IntakeForm): IntakeForm {
  const r = form.reporter;
  return { ...form, callerPhone: '', reporter: { ...r, fullName: '', birthYear: '', cccd: '', address: '', phone: '' } };
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
  const sealed = heldKeys(station).seal('draft', JSON.stringify(form));
  return { id: await saveDraft(station.db, station.officerId, id, sealed, updatedAt), updatedAt };
}

export async function discardDraft(station: Station, id: number): Promise<void> {
  await deleteDraft(station.db, station.officerId, id);
}
