import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { call } from '../../lib/api';
import { IssuedList } from './IssuedList';
import { RequestFields } from './RequestFields';
import { useDocumentRequest } from './use-document-request';

/** Preview a document, issue it (it takes the next number), then print or download the issued PDF. */
export function DocumentsPanel(props: { reportId: number }) {
  const request = useDocumentRequest();
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState('');
  const d = vi.documents;

  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);

  const showPreview = async () => {
    setError('');
    try {
      const { pdfBase64 } = await call('document:preview', { reportId: props.reportId, request: request.request() });
      const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
      setPreview(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const issue = async () => {
    setError('');
    try {
      await call('document:issue', { reportId: props.reportId, request: request.request() });
      setPreview(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="documents" aria-label={d.heading}>
      <h2>{d.heading}</h2>
      <IssuedList reportId={props.reportId} onError={setError} />
      <RequestFields request={request} onKind={(kind) => { request.setKind(kind); setPreview(null); }} />
      {error && <p className="notice error" role="alert">{error}</p>}
      <div className="row">
        <button type="button" disabled={!request.complete} onClick={() => void showPreview()}>{d.preview}</button>
        <button type="button" className="primary" disabled={!request.complete} onClick={() => void issue()}>{d.issue}</button>
      </div>
      {preview && <iframe className="pdf-preview" title={d.previewTitle} src={preview} />}
    </section>
  );
}
