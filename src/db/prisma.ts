import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma transaction client: what `db.$transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * A connection error (PostgreSQL restarted, pg_terminate_backend, a network cut) is emitted as an 'error' event on
 * the pooled client. The adapter listens on idle clients and on transaction connections, but not on a client
 * between check-out and its listener, nor on plain queries' clients: an 'error' event with no listener is an
 * uncaught exception and ends the process. So the pool is ours and every client it opens gets a listener for its
 * whole life; the query in flight still fails (503 to the caller) and the pool replaces the dead connection.
 */
export function createPrisma(databaseUrl: string, poolSize = 10, onConnectionError: (error: Error) => void = () => {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true, onPoolError: onConnectionError, onConnectionError }),
    // Audit appends are serialised (one hash chain), so under a burst a transaction may wait for a pool connection
    // and then for the chain lock; Prisma's defaults (2 s to start, 5 s to finish) would fail such requests with 500.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
}

export { Prisma } from '../generated/prisma/client.js';
export type * from '../generated/prisma/client.js';
