import type { Db } from '../../../db/connection';
import { factsComplete, reportsWithoutFacts, writeFacts } from '../../../db/queries/facts';
import { stationJudge } from '../workflow/cases';

const BATCH = 2000;

/** The catch-ups running in this process, by database: the statistics say their figures are still being completed. */
const running = new WeakMap<Db, { stop: boolean; done: Promise<number> }>();

/**
 * Gives every report its facts (migration 0016): those kept before statistics existed, or saved meanwhile by a desk on
 * an earlier version sharing the database. In short transactions (the other desks and this one go on meanwhile),
 * until none is left or `stop` says so.
 */
export async function catchUpFacts(db: Db, stop: () => boolean = () => false): Promise<number> {
  if (await factsComplete(db)) return 0;
  const judge = await stationJudge(db);
  let done = 0;
  while (!stop()) {
    const ids = await reportsWithoutFacts(db, BATCH);
    if (ids.length === 0) break;
    await db.transaction().execute((trx) => writeFacts(trx, ids, judge));
    done += ids.length;
  }
  return done;
}

/** Starts the catch-up behind the station's start (a large database takes minutes once); `finish` stops it between batches. */
export function catchUpInBackground(db: Db, log: (line: string) => void): { finish: () => Promise<void> } {
  const state = { stop: false, done: Promise.resolve(0) };
  state.done = catchUpFacts(db, () => state.stop)
    .then((n) => {
      if (n > 0) log(`statistics: facts derived for ${n} report(s) kept before`);
      return n;
    })
    .catch((err: unknown) => {
      log(`statistics: catching up the facts failed, retried at the next start: ${String(err)}`);
      return 0;
    })
    .finally(() => running.delete(db));
  running.set(db, state);
  return { finish: async () => { state.stop = true; await state.done; } };
}

/** Whether this process is still deriving the facts of earlier reports (the figures are incomplete meanwhile). */
export const catchingUp = (db: Db): boolean => running.has(db);
