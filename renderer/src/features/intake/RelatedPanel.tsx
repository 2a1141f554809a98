import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { Related } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { ReportTable } from '../reports/ReportTable';

/** Before saving: earlier reports of the same plate (30 days) and from the same caller number. */
export function RelatedPanel(props: { plates: string[]; callerPhone: string; onOpen: (id: number) => void }) {
  const [related, setRelated] = useState<Related>({ samePlate: [], sameCaller: [] });
  const key = JSON.stringify([props.plates, props.callerPhone]);
  useEffect(() => {
    const timer = setTimeout(() => {
      const [plates, callerPhone] = JSON.parse(key) as [string[], string];
      // A failed look-up only leaves the panel as it was: it must never get in the way of the call.
      call('report:related', { plates, callerPhone }).then(setRelated, () => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [key]);
  const plateLabel = props.plates.filter((p) => p.trim() !== '').join(', ');
  return (
    <aside className="related" aria-label={vi.form.relatedHeading}>
      <h2>{vi.form.relatedHeading}</h2>
      {related.samePlate.length === 0 && related.sameCaller.length === 0 && <p className="muted">{vi.form.relatedNone}</p>}
      {related.samePlate.length > 0 && (
        <section>
          <h3>{vi.form.relatedPlate(plateLabel)}</h3>
          <ReportTable rows={related.samePlate} onOpen={props.onOpen} compact />
        </section>
      )}
      {related.sameCaller.length > 0 && (
        <section>
          <h3>{vi.form.relatedCaller}</h3>
          <ReportTable rows={related.sameCaller} onOpen={props.onOpen} compact />
        </section>
      )}
    </aside>
  );
}
