import type { CompiledQuery, Kysely } from 'kysely';

// Parts of plate numbers (issue 8.6): "123.45", "12345" or "2345" find 82A-123.45 through an index of every
// run of 3+ consecutive digits of each plate's number, keyed (digits, whole, report_id) so one backward scan
// gives the whole numbers first, newest first, on SQLite and PostgreSQL alike; LIKE '%2345%' would read
// every vehicle. The reports already saved get their parts here.

const MIN = 3;
const MAX = 8;
const REPORTS_PER_BATCH = 2000;
const ROWS_PER_INSERT = 1000;

/**
 * A frozen copy of contract/domain/plate.ts plateDigitParts as it was when this migration was written
 * (migrations import no app code, and must do the same thing forever).
 */
function parts(plates: { key: string; canonical: string }[]): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const plate of plates) {
    const run = (/\d+$/.exec(plate.key)?.[0] ?? '').slice(-MAX);
    const number = (plate.canonical.split(/[\s-]/).pop() ?? '').replace(/\D/g, '');
    for (let length = MIN; length <= run.length; length++) {
      for (let start = 0; start + length <= run.length; start++) {
        const digits = run.slice(start, start + length);
        const whole = digits === run || (digits === number && start + length === run.length);
        found.set(digits, found.get(digits) === true || whole);
      }
    }
  }
  return found;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('plate_digits')
    .addColumn('digits', 'text', (c) => c.notNull())
    .addColumn('whole', 'integer', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .execute();

  // Rows go in ROWS_PER_INSERT at a time through one statement compiled once: compiling a 3,000-value insert
  // for each batch would cost more than running it.
  type Row = { digits: string; whole: number; report_id: number };
  let pending: Row[] = [];
  let compiled: CompiledQuery | null = null;
  const flush = async (all: boolean) => {
    while (pending.length >= ROWS_PER_INSERT || (all && pending.length > 0)) {
      const batch = pending.slice(0, ROWS_PER_INSERT);
      pending = pending.slice(ROWS_PER_INSERT);
      if (batch.length < ROWS_PER_INSERT) {
        await db.insertInto('plate_digits').values(batch).execute();
        continue;
      }
      const parameters = batch.flatMap((r) => [r.digits, r.whole, r.report_id]);
      if (!compiled) {
        compiled = db.insertInto('plate_digits').values(batch).compile();
        if (JSON.stringify(compiled.parameters) !== JSON.stringify(parameters)) throw new Error('0007: unexpected parameter order');
      }
      await db.executeQuery({ ...compiled, parameters });
    }
  };

  const { last } = await db.selectFrom('vehicles').select((eb) => eb.fn.max('report_id').as('last')).executeTakeFirstOrThrow();
  for (let from = 0; from < Number(last ?? 0); from += REPORTS_PER_BATCH) {
    const plates = await db.selectFrom('vehicles')
      .select(['report_id', 'plate_key', 'plate_canonical'])
      .where('report_id', '>', from)
      .where('report_id', '<=', from + REPORTS_PER_BATCH)
      .where('plate_key', '<>', '')
      .execute();
    const byReport = new Map<number, { key: string; canonical: string }[]>();
    for (const p of plates) {
      const list = byReport.get(p.report_id) ?? [];
      list.push({ key: p.plate_key, canonical: p.plate_canonical });
      byReport.set(p.report_id, list);
    }
    for (const [reportId, list] of byReport) {
      for (const [digits, whole] of parts(list)) pending.push({ digits, whole: Number(whole), report_id: reportId });
    }
    await flush(false);
  }
  await flush(true);
  // Built after the rows are in: one sort instead of millions of inserts at random places of the key
  // (a million reports: 7.7 million parts).
  await db.schema.createIndex('plate_digits_key').on('plate_digits').columns(['digits', 'whole', 'report_id']).unique().execute();
}
