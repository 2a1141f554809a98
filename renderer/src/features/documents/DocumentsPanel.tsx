import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { call } from '../../lib/api';
import { blobUrl } from '../../lib/files';
import { IssueConfirm, type NextNumber } from './IssueConfirm';
import { IssuedList } from './IssuedList';
import { RequestFields } from './RequestFields';
import { useDocumentRequest } from './use-document-request';

/** Preview a document, confirm the number it takes (or reprint the one issued), then print or download the kept PDF. */
export function DocumentsPanel(props: { reportId: number; description: string }) {
  const request = useDocumentRequest(props.description);
  const [preview, setPreview] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<NextNumber | null>(null);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const d = vi.documents;

  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);

  const fail = (e: unknown) => setError((e as Error).message);
  const showPreview = async () => {
    setError('');
    try {
      const { pdfBase64 } = await call('document:preview', { reportId: props.reportId, request: request.request() });
      setPreview(blobUrl(pdfBase64, 'application/pdf'));
    } catch (e) {
      fail(e);
    }
  };
  const ask = async () => {
    setError('');
    setDone('');
    try {
      setConfirm(await call('document:next', { kind: request.kind, reportId: props.reportId }));
    } catch (e) {
      fail(e);
    }
  };
  const issue = async (shown: string, reissueReason: string | null) => {
    try {
      const doc = await call('document:issue', { reportId: props.reportId, request: request.request(), reissueReason });
      setDone(doc.number === shown ? d.issued(doc.number) : d.issuedOther(doc.number, shown));
      setPreview(null);
    } catch (e) {
      fail(e);
    }
    setConfirm(null);
  };

  return (
    <section className="documents" aria-label={d.heading}>
      <h2>{d.heading}</h2>
      <IssuedList reportId={props.reportId} onError={setError} />
      <RequestFields request={request} onKind={(kind) => { request.setKind(kind); setPreview(null); setConfirm(null); }} />
      {error && <p className="notice error" role="alert">{error}</p>}
      {done && <p className="notice ok" role="status">{done}</p>}
      {confirm ? (
        <IssueConfirm kind={d.kind[request.kind] ?? request.kind} next={confirm} onError={setError}
          onConfirm={(reason) => issue(confirm.number, reason)} onCancel={() => setConfirm(null)} />
      ) : (
        <div className="row">
          <button type="button" disabled={!request.complete} onClick={() => void showPreview()}>{d.preview}</button>
          <button type="button" className="primary" disabled={!request.complete} onClick={() => void ask()}>{d.issue}</button>
        </div>
      )}
      {preview && <iframe className="pdf-preview" title={d.previewTitle} src={preview} />}
    </section>
  );
}
