import { useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { type AdminLegalDocument, LegalDocumentEntry } from '../../../../electron/contract/schemas';
import { TextField } from '../../components/Field';
import { call, useStation } from '../../lib/api';
import { CatalogSays } from '../../components/CatalogSays';
import { FormFoot } from './parts';
import { useSaved } from './use-saved';

// The legal texts the violation types cite, as letters name them (issue 11.2): the full name at first mention,
// the short one after, with the texts that amend it; kept by the admin through new catalog versions.

type Draft = { isNew: boolean; ref: string; short: string; full: string; amendedBy: string };
const draftOf = (d: AdminLegalDocument | null): Draft => ({ isNew: d === null, ref: d?.ref ?? '', short: d?.short ?? '', full: d?.full ?? '', amendedBy: (d?.amendedBy ?? []).join('\n') });

export function LegalDocumentsPanel() {
  const documents = useStation('admin:legalDocuments', {}).data ?? [];
  const [editing, setEditing] = useState<Draft | null>(null);
  const taken = useSaved();
  const l = vi.admin.legal;
  return (
    <div className="admin-legal">
      <h2>{l.heading}</h2>
      <p className="muted">{l.hint}</p>
      <table>
        <thead><tr><th>{l.ref}</th><th>{l.full}</th><th>{l.amendedBy}</th><th /></tr></thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.ref}>
              <td>{d.ref}</td>
              <td>
                {d.full}
                <CatalogSays says={d.catalogSays} onTake={() => void taken.run(() => call('admin:takeCatalogLegalDocument', { ref: d.ref }))} />
              </td>
              <td>{d.amendedBy.join('; ')}</td>
              <td><button type="button" className="link" aria-label={`${l.edit}: ${d.ref}`} onClick={() => setEditing(draftOf(d))}>{l.edit}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {taken.notice}
      {editing ? <LegalDocumentForm key={editing.ref || 'new'} initial={editing} onDone={() => setEditing(null)} />
        : <button type="button" onClick={() => setEditing(draftOf(null))}>{l.add}</button>}
    </div>
  );
}

function LegalDocumentForm(props: { initial: Draft; onDone: () => void }) {
  const [d, setD] = useState(props.initial);
  const saved = useSaved();
  const l = vi.admin.legal;
  const set = (key: keyof Draft) => (value: string) => setD({ ...d, [key]: value });
  const save = () => saved.run(async () => {
    const entry = LegalDocumentEntry.safeParse({ ref: d.ref, short: d.short, full: d.full, amendedBy: d.amendedBy.split('\n').map((x) => x.trim()).filter(Boolean), isNew: d.isNew });
    if (!entry.success) throw new Error(entry.error.issues[0]?.message ?? vi.error.invalidInput);
    await call('admin:saveLegalDocument', entry.data);
    props.onDone();
  });
  return (
    <form className="legal-document" aria-label={d.isNew ? l.add : l.edit} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="row">
        {d.isNew ? <TextField label={l.ref} value={d.ref} onChange={set('ref')} autoFocus /> : <p><strong>{d.ref}</strong></p>}
        <TextField label={l.short} value={d.short} onChange={set('short')} autoFocus={!d.isNew} />
      </div>
      <TextField className="wide" label={l.full} value={d.full} onChange={set('full')} />
      <div className="field">
        <label htmlFor="legal-amended-by">{l.amendedBy}</label>
        <textarea id="legal-amended-by" rows={2} value={d.amendedBy} onChange={(e) => set('amendedBy')(e.target.value)} />
      </div>
      <FormFoot notice={saved.notice} save={l.save} cancel={l.cancel} onCancel={props.onDone} />
    </form>
  );
}
