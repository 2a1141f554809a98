import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './connection';

/**
 * A query compiled once per database and run again with new arguments. Kysely builds and compiles a
 * query on every call (tens of microseconds), which is more than an indexed look-up costs at a million
 * reports; the hot look-ups (plate, text) compile once instead. The builder is called once with a
 * stand-in object per argument: arguments must be plain values of the query (not change its shape),
 * and each must reach the SQL as a parameter (checked).
 */
export function preparedQuery<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>) {
  const compiled = new WeakMap<Db, { query: CompiledQuery<R>; slots: number[][] }>();
  return async (db: Db, ...args: A): Promise<R[]> => {
    let entry = compiled.get(db);
    if (!entry) {
      const standIns = args.map(() => ({}));
      const query = build(db, ...(standIns as A)).compile();
      const slots = standIns.map((s, i) => {
        const at = query.parameters.flatMap((p, j) => (p === s ? [j] : []));
        if (at.length === 0) throw new Error(`preparedQuery: argument ${i} is not a parameter of ${query.sql}`);
        return at;
      });
      entry = { query, slots };
      compiled.set(db, entry);
    }
    const parameters = [...entry.query.parameters];
    entry.slots.forEach((at, i) => at.forEach((j) => { parameters[j] = args[i]; }));
    return (await db.executeQuery<R>({ ...entry.query, parameters })).rows;
  };
}

const CHUNK = 500;

/** A list in parts of 500: few enough parameters or rows for one statement on either database. */
export function inChunks<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
}
