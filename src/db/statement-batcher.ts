import type DataLoader from 'dataloader';
import { sameTurnLoader } from '../same-turn-loader.js';
import { isRootClient, type Db, type DbOrTx } from './prisma.js';

/** The most calls one statement takes; more wait for the next. */
const MAX_BATCH = 100;

/**
 * Coalesces the calls made on one database client during one turn of the event loop into one statement. On this kind
 * of machine every round trip to PostgreSQL costs more CPU (socket writes, waking the server) than the statement
 * itself, and a worker running fifty delivery jobs at once makes the same short statement many times per turn.
 *
 * `run` gets the calls' inputs (in call order) and returns one result per input, in the same order. It must lock
 * rows in a fixed order (e.g. `ORDER BY id FOR UPDATE` first), since two batches may touch the same rows. A failed
 * statement fails every call in its batch, each of which handles it as it would its own failed query. Calls on a
 * transaction are not batched: the statement must run on that transaction's connection.
 */
export function statementBatcher<I, R>(run: (db: DbOrTx, inputs: readonly I[]) => Promise<R[]>): (db: DbOrTx, input: I) => Promise<R> {
  const loaders = new WeakMap<Db, DataLoader<I, R>>();
  return (db, input) => {
    if (!isRootClient(db)) return run(db, [input]).then((results) => results[0]!);
    let loader = loaders.get(db);
    if (!loader) {
      loader = sameTurnLoader<I, R>((inputs) => run(db, inputs), MAX_BATCH);
      loaders.set(db, loader);
    }
    return loader.load(input);
  };
}

/**
 * Splits a batch into rounds in which each key occurs once, in call order: one statement updates a row once, so two
 * calls for the same row (a duplicate job) must be two statements, as they would have been unbatched.
 */
export function roundsByKey<I>(inputs: readonly I[], key: (input: I) => string): { input: I; index: number }[][] {
  const rounds: { input: I; index: number }[][] = [];
  const seen: Set<string>[] = [];
  inputs.forEach((input, index) => {
    const k = key(input);
    let round = seen.findIndex((keys) => !keys.has(k));
    if (round === -1) {
      round = rounds.length;
      rounds.push([]);
      seen.push(new Set());
    }
    rounds[round]!.push({ input, index });
    seen[round]!.add(k);
  });
  return rounds;
}

/** Runs `run` once per round of `roundsByKey` (in order) and puts each result back at its call's position. */
export async function runInRounds<I, R>(
  inputs: readonly I[],
  key: (input: I) => string,
  run: (round: I[]) => Promise<R[]>,
): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  for (const round of roundsByKey(inputs, key)) {
    const answered = await run(round.map((r) => r.input));
    round.forEach((r, i) => (results[r.index] = answered[i]!));
  }
  return results;
}

/**
 * The rows of a statement over `unnest(...) WITH ORDINALITY` (the ordinality selected as text column `n`, 1-based)
 * put back at their calls' positions, `n` dropped: undefined where a call found no row.
 */
export function byOrdinality<R extends { n: string }>(rows: readonly R[], calls: number): (Omit<R, 'n'> | undefined)[] {
  const placed = new Array<Omit<R, 'n'> | undefined>(calls).fill(undefined);
  for (const { n, ...row } of rows) placed[Number(n) - 1] = row;
  return placed;
}
