import { useState } from 'react';
import { allows } from '../../../../electron/contract/domain/permissions';
import { utcIsoToLocal } from '../../../../electron/contract/domain/time';
import { vi } from '../../../../electron/contract/messages.vi';
import { TimeField } from '../../components/TimeField';
import { call, useStation } from '../../lib/api';
import { saveFile } from '../../lib/files';

/**
 * The list the press may publish (sanctions decided in a period; nothing about reporters; photos only as the
 * copies an officer redacted), saved as a CSV and its photos: for those whose roles allow publishing. The photos
 * left out for want of a redacted copy are named by report, for the officer to redact.
 */
export function PublicationPanel() {
  const roles = useStation('auth:state', {}).data?.officer?.roles ?? [];
  const today = utcIsoToLocal(new Date()).slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  // A date not understood blocks the export (TimeField says why beside it), rather than using the one before.
  const [unread, setUnread] = useState({ from: false, to: false });
  const p = vi.publication;
  if (!allows('publish', roles)) return null;
  const run = async () => {
    setError('');
    setDone('');
    try {
      const out = await call('publication:export', { from, to });
      saveFile(out.fileName, out.csvBase64, 'text/csv');
      for (const photo of out.photos) saveFile(photo.name, photo.base64, 'image/jpeg');
      setDone(p.exported(out.rows, out.photos.length));
      const left = out.unredacted.reduce((n, u) => n + u.photos, 0);
      if (left > 0) setError(p.unredacted(out.unredacted.map((u) => p.unredactedOf(u.code, u.photos)).join('; '), left));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="publication" aria-label={p.heading}>
      <h2>{p.heading}</h2>
      <p className="muted">{p.note}</p>
      <div className="row">
        <TimeField mode="date" required allowFuture label={p.from} value={from} onChange={setFrom}
          onProblem={(x) => setUnread((u) => ({ ...u, from: x !== null }))} />
        <TimeField mode="date" required allowFuture label={p.to} value={to} onChange={setTo}
          onProblem={(x) => setUnread((u) => ({ ...u, to: x !== null }))} />
        <button type="button" disabled={unread.from || unread.to} onClick={() => void run()}>{p.export}</button>
      </div>
      {done && <p className="notice ok" role="status">{done}</p>}
      {error && <p className="notice error" role="alert">{error}</p>}
    </section>
  );
}
