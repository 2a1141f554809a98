import { useEffect, useRef, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import type { ReportSummary } from '../../../../electron/contract/schemas';
import { call } from '../../lib/api';
import { ReportTable } from './ReportTable';

// The last search survives a look at a report and back.
let lastQuery = '';
let lastRows: ReportSummary[] | null = null;

export function SearchPage(props: { onOpen: (id: number) => void }) {
  const [query, setQuery] = useState(lastQuery);
  const [rows, setRows] = useState<ReportSummary[] | null>(lastRows);
  const [error, setError] = useState('');
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => box.current?.focus(), []);

  const run = async () => {
    setError('');
    try {
      const found = await call('report:search', { query });
      lastQuery = query;
      lastRows = found;
      setRows(found);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="page">
      <h1>{vi.list.searchHeading}</h1>
      <form className="search" role="search" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label htmlFor="search-box" className="visually-hidden">{vi.list.searchHeading}</label>
        <input id="search-box" ref={box} type="search" value={query} placeholder={vi.list.searchPlaceholder}
          onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">{vi.list.searchButton}</button>
      </form>
      {error && <p className="notice error" role="alert">{error}</p>}
      {rows && <p className="muted" role="status">{vi.list.count(rows.length)}</p>}
      {rows && <ReportTable rows={rows} onOpen={props.onOpen} />}
    </section>
  );
}
