import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openPostgres, openSqlite } from '../../../db/connection';
import { addTerms, idsByTerms, MAX_TERMS, PAGE } from '../../../db/queries/term-blocks';
import { readSettings } from '../../../electron/host/settings';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// The search words' blocks (db/queries/term-blocks.ts) against the plain answer: the newest 50 reports holding every
// word, computed here from what each report was saved with. Reports straddle the first block's end (id 65,535), words
// are frequent and rare, one word is dense enough to be kept as a bitmap, and desks save at once on PostgreSQL.

const WORDS = ['kxa', 'kxb', 'kxc', 'kxd', 'kxe', 'kxf'];

describe.each(backends)('%s: search words by block', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  const saved: { id: number; words: string[] }[] = [];
  const expected = (query: string[]) => saved.filter((r) => query.every((w) => r.words.includes(w)))
    .map((r) => r.id).sort((a, b) => b - a).slice(0, PAGE);

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    const db = t.station.db;
    // The next report is numbered 65,480: the reports run over into the second block.
    if (backend === 'postgres') await sql`select setval('reports_id_seq', 65479)`.execute(db);
    else await sql`insert or replace into sqlite_sequence (name, seq) values ('reports', 65479)`.execute(db);
    // Word i goes into about one report in i + 1: kxa into all, kxf into one in six.
    const pick = fc.sample(fc.array(fc.integer({ min: 0, max: 719 }), { minLength: 120, maxLength: 120 }), { seed: 13, numRuns: 1 })[0]!;
    for (const [n, draw] of pick.entries()) {
      const words = WORDS.filter((_, i) => draw % (i + 1) === 0 || (i === 5 && n % 7 === 0));
      const { id } = await createReport(t.station, null, form({ description: `Phản ánh ${words.join(' ')}` }));
      saved.push({ id, words });
    }
  }, 120_000);
  afterAll(() => t.close());

  it('ids cross the first block', () => {
    expect(saved[0]!.id).toBe(65_480);
    expect(saved.at(-1)!.id).toBe(65_599);
  });

  it('every combination of up to four words finds the newest reports holding them all, as counted here', async () => {
    const combos = fc.sample(fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), { seed: 7, numRuns: 60 });
    for (const query of [...combos, ['kxa'], ['kxf', 'kxe']]) {
      expect(await idsByTerms(t.station.db, t.station.unitId, query), query.join(' ')).toEqual(expected(query));
    }
  });

  it('a word no report holds finds nothing, alone or beside frequent ones', async () => {
    for (const query of [['kxz'], ['kxa', 'kxz'], ['kxz', 'kxa', 'kxb']]) expect(await idsByTerms(t.station.db, t.station.unitId, query)).toEqual([]);
  });

  it('words past the eighth are not used', async () => {
    // Eight words every report holds (its description and the form's road and car), then one none holds.
    const nine = ['kxa', 'phan', 'anh', 'dinh', 'phung', '120', 'toyota', 'vios', 'kxz'];
    expect(nine.length).toBeGreaterThan(MAX_TERMS);
    expect(await idsByTerms(t.station.db, t.station.unitId, nine)).toEqual(expected(['kxa']));
  });

  it('another unit\'s words are not found', async () => {
    const db = t.station.db;
    const { id: other } = await db.insertInto('units').values({
      preset_key: null, name: 'Đơn vị khác', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51',
    }).returning('id').executeTakeFirstOrThrow();
    await addTerms(db, other, 70_000, ['kxa', 'kxonly']);
    expect(await idsByTerms(db, other, ['kxa'])).toEqual([70_000]);
    expect(await idsByTerms(db, t.station.unitId, ['kxonly'])).toEqual([]);
    expect(await idsByTerms(db, t.station.unitId, ['kxa'])).toEqual(expected(['kxa']));
  });

  it('a word in more than 4,096 reports of a block is kept as a bitmap and intersected like the rest', async () => {
    const db = t.station.db;
    const { id: unit } = await db.insertInto('units').values({
      preset_key: null, name: 'Đơn vị đông', parent_name: null, address: '', hotlines: '[]', document_symbol: '', province_code: '51',
    }).returning('id').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      for (let id = 1; id <= 5000; id++) await addTerms(trx, unit, id, id % 97 === 0 ? ['dense', 'rare'] : ['dense']);
    });
    const [stored] = await db.selectFrom('term_blocks').select('ids').where('unit_id', '=', unit).where('term', '=', 'dense').execute();
    expect(stored!.ids.length).toBe(8192);
    expect(await idsByTerms(db, unit, ['dense'])).toEqual(Array.from({ length: PAGE }, (_, i) => 5000 - i));
    const rare = Array.from({ length: 5000 }, (_, i) => 5000 - i).filter((id) => id % 97 === 0);
    expect(await idsByTerms(db, unit, ['rare', 'dense'])).toEqual(rare.slice(0, PAGE));
  }, 60_000);

  it('a block one desk read before and another desk added to since is read again, not taken from memory', async () => {
    const url = readSettings(t.dataDir).databaseUrl;
    const other = url ? await openPostgres(url) : openSqlite(join(t.dataDir, 'station.sqlite')).db;
    try {
      const before = await idsByTerms(t.station.db, t.station.unitId, ['kxa']);
      const { id } = await createReport({ ...t.station, db: other }, null, form({ description: 'Phản ánh kxa kxlater' }));
      saved.push({ id, words: ['kxa', 'kxlater'] });
      expect(before).not.toContain(id);
      expect(await idsByTerms(t.station.db, t.station.unitId, ['kxa'])).toEqual(expected(['kxa']));
      expect((await idsByTerms(t.station.db, t.station.unitId, ['kxa']))[0]).toBe(id);
    } finally {
      await other.destroy();
    }
  });

  it('desks saving at once each keep their report in the word\'s block', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, () =>
      createReport(t.station, null, form({ description: 'Phản ánh kxtogether' })).then((r) => r.id)));
    expect(await idsByTerms(t.station.db, t.station.unitId, ['kxtogether'])).toEqual(ids.sort((a, b) => b - a));
    // The same without the report's numbering (which already makes one unit's saves take turns): each transaction
    // rewrites the block it read, so without their turns a desk would write over another's id.
    const alone = Array.from({ length: 24 }, (_, i) => 80_000 + i);
    await Promise.all(alone.map((id) => t.station.db.transaction().execute((trx) => addTerms(trx, t.station.unitId, id, ['kxrace']))));
    expect(await idsByTerms(t.station.db, t.station.unitId, ['kxrace'])).toEqual(alone.reverse());
  });
});
