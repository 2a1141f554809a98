import type { Db } from '../../../db/connection';
import { reportsWithoutFacts, writeFacts } from '../../../db/queries/facts';
import { stationJudge } from '../workflow/cases';

const BATCH = 2000;

/**
 * Gives every report its facts (migration 0016) at start: those kept before statistics existed, or saved meanwhile by
 * a desk on an earlier version sharing the database. In short transactions, so the other desks go on meanwhile.
 */
export async function catchUpFacts(db: Db): Promise<number> {
  const judge = await stationJudge(db);
  let done = 0;
  for (;;) {
    const ids = await reportsWithoutFacts(db, BATCH);
    if (ids.length === 0) return done;
    await db.transaction().execute((trx) => writeFacts(trx, ids, judge));
    done += ids.length;
  }
}
