import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../../electron/services/intake/reports';
import { dueList } from '../../electron/services/workflow/cases';
import { backends, form, tempStation } from '../support/station';
import { hostileFigures } from './figures';

// The due list reads a bounded part of the register whatever the reports hold: 300 reports recorded on one and the same
// day more than a year ago (a date typed the same for a whole stack of old letters, or reports carried over from
// another system with one date) all pass the 1-year limit together. The list shows the first of them, says how many
// there are, and reads of their facts no more than it shows twice over, never the whole day.

const REPORTS = 300;
const SHOWN = 10;
const figures = Object.assign(hostileFigures('due list'), { factRowsRead: 0 });

describe.each(backends)('%s: one day holding many reports', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    for (let k = 0; k < REPORTS; k++) {
      ids.push((await createReport(t.station, null, form({ receivedAt: '2026-11-23T09:30', occurredAt: '2025-10-02T08:00' }))).id);
    }
  }, 120_000);
  afterAll(async () => { await t.close(); });

  it(`${REPORTS} reports past the 1-year limit on one day: the first ${SHOWN} shown, all counted, few facts read`, async () => {
    // Rows of report ids read from the facts (the counts are one row each, and not ids).
    let rows = 0;
    const onFacts = new WeakSet<object>();
    const watch: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => { if (JSON.stringify(node).includes('"report_facts"')) onFacts.add(queryId); return node; },
      transformResult: async ({ queryId, result }) => {
        if (onFacts.has(queryId)) rows += result.rows.filter((r) => 'report_id' in (r as object)).length;
        return result;
      },
    };
    figures.requestsTried++;
    const due = await dueList({ ...t.station, db: t.station.db.withPlugin(watch) }, SHOWN);
    expect(due.items.map((d) => d.report.id)).toEqual(ids.slice(0, SHOWN));
    expect(due.items.every((d) => d.deadlines.some((x) => x.code === 'limitation' && x.state === 'overdue'))).toBe(true);
    expect(due.total).toBe(REPORTS);
    figures.factRowsRead = Math.max(figures.factRowsRead, rows);
    expect(rows).toBeLessThanOrEqual(2 * SHOWN);
  });
});
