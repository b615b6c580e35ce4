// @ts-nocheck
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma transaction client: what `db.$transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export function createPrisma(databaseUrl: string, poolSize = 10): Db {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }),
    // Audit appends are serialised (one hash chain), so under a burst a transaction may wait for a pool connection
    // and then for the chain lock; Prisma's defaults (2 s to start, 5 s to finish) would fail such requests with 500.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
}

export { Prisma } from '../generated/prisma/client.js';
export type * from '../generated/prisma/client.js';
