import { useEffect, useRef, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { useStation } from '../../lib/api';
import { ReportTable } from './ReportTable';

// The last search survives a look at a report and back (its answer stays in the query cache).
let lastQuery = '';

export function SearchPage(props: { onOpen: (id: number) => void }) {
  const [query, setQuery] = useState(lastQuery);
  const [submitted, setSubmitted] = useState(lastQuery);
  const found = useStation('report:search', { query: submitted }, submitted.trim() !== '');
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => box.current?.focus(), []);
  const rows = found.data;

  return (
    <section className="page">
      <h1>{vi.list.searchHeading}</h1>
      <form className="search" role="search" onSubmit={(e) => {
        e.preventDefault();
        lastQuery = query;
        if (query === submitted) void found.refetch();
        else setSubmitted(query);
      }}>
        <label htmlFor="search-box" className="visually-hidden">{vi.list.searchHeading}</label>
        <input id="search-box" ref={box} type="search" value={query} placeholder={vi.list.searchPlaceholder}
          onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">{vi.list.searchButton}</button>
      </form>
      {found.error && <p className="notice error" role="alert">{found.error.message}</p>}
      {rows && <p className="muted" role="status">{vi.list.count(rows.length)}</p>}
      {rows && <ReportTable rows={rows} onOpen={props.onOpen} />}
    </section>
  );
}
