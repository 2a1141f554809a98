import { formatStationTime } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Draft, IntakeForm } from '../../../../electron/contract/schemas';
import { DueList } from '../workflow/DueList';
import { draftTitle } from './form-state';
import { RelatedPanel } from './RelatedPanel';

/** Beside the form: earlier reports on the same plates or phone, what is due, and the other open drafts. */
export function IntakeSide(props: { form: IntakeForm; otherDrafts: Draft[]; onOpen: (id: number) => void; onOpenDraft: (draft: Draft) => void }) {
  const { form, otherDrafts } = props;
  return (
    <div className="side">
      <RelatedPanel plates={form.vehicles.map((v) => v.plate)} callerPhone={form.callerPhone} onOpen={props.onOpen} />
      <aside className="due-side"><DueList onOpen={props.onOpen} /></aside>
      {otherDrafts.length > 0 && (
        <aside className="drafts">
          <h2>{vi.form.draftsOpen(otherDrafts.length)}</h2>
          <ul>
            {otherDrafts.map((d) => (
              <li key={d.id}>
                <span>{formatStationTime(d.updatedAt)} — {draftTitle(d.form) || vi.form.draftUntitled}</span>
                <button type="button" className="link" onClick={() => props.onOpenDraft(d)}>{vi.form.draftOpen}</button>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}
