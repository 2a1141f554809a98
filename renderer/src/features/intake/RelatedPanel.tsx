import { useEffect, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { useStation } from '../../lib/api';
import { ReportTable } from '../reports/ReportTable';

/** Before saving: earlier reports of the same plate (30 days) and from the same caller number. */
export function RelatedPanel(props: { plates: string[]; callerPhone: string; onOpen: (id: number) => void }) {
  // Asked 300 ms after the typing stops; a failed look-up shows nothing: it must never get in the way of the call.
  const [asked, setAsked] = useState({ plates: props.plates, callerPhone: props.callerPhone });
  const key = JSON.stringify([props.plates, props.callerPhone]);
  useEffect(() => {
    const timer = setTimeout(() => {
      const [plates, callerPhone] = JSON.parse(key) as [string[], string];
      setAsked({ plates, callerPhone });
    }, 300);
    return () => clearTimeout(timer);
  }, [key]);
  const related = useStation('report:related', asked).data ?? { samePlate: [], sameCaller: [] };
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
