import DataLoader from 'dataloader';

/**
 * A DataLoader that sends the calls made during one turn of the event loop as one batch (up to `maxBatch`; more go
 * to the next). setImmediate rather than DataLoader's default (after the current tick): a batch takes every call made
 * while the event loop handles one round of I/O (many requests' or jobs' database and Redis replies), at no added
 * wait. No caching: every call reaches the database or Redis. Used for PostgreSQL statements (db/statement-batcher.ts)
 * and Redis job adds (jobs/bullmq-queue.ts), where each round trip costs more than the work it carries.
 */
export function sameTurnLoader<I, R>(batch: (inputs: readonly I[]) => Promise<R[]>, maxBatch: number): DataLoader<I, R> {
  return new DataLoader<I, R>(batch, { cache: false, maxBatchSize: maxBatch, batchScheduleFn: (callback) => setImmediate(callback) });
}
