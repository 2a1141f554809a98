import { deleteDraft, listDrafts, saveDraft } from '../../../db/queries/drafts';
import { type Draft, IntakeForm } from '../../contract/schemas';
import type { Station } from '../station';

/** The open drafts of the officer at this desk, newest first. A draft that no longer parses is skipped, not fatal. */
export async function openDrafts(station: Station): Promise<Draft[]> {
  const rows = await listDrafts(station.db, station.officerId);
  return rows.flatMap((r) => {
    const parsed = IntakeForm.safeParse(JSON.parse(r.form));
    return parsed.success ? [{ id: r.id, updatedAt: r.updatedAt, form: parsed.data }] : [];
  });
}

export async function keepDraft(station: Station, id: number | null, form: IntakeForm) {
  const updatedAt = station.now().toISOString();
  return { id: await saveDraft(station.db, station.officerId, id, JSON.stringify(form), updatedAt), updatedAt };
}

export async function discardDraft(station: Station, id: number): Promise<void> {
  await deleteDraft(station.db, station.officerId, id);
}
