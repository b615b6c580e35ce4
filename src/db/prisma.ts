import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma transaction client: what `db.$transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

const pools = new WeakMap<Db, pg.Pool>();

/** Prisma stores DateTime as `timestamp(3)` holding UTC; read it back as UTC whatever the process time zone. */
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A connection error (PostgreSQL restarted, pg_terminate_backend, a network cut) is emitted as an 'error' event on
 * the pooled client. The adapter listens on idle clients and on transaction connections, but not on a client
 * between check-out and its listener, nor on plain queries' clients: an 'error' event with no listener is an
 * uncaught exception and ends the process. So the pool is ours and every client it opens gets a listener for its
 * whole life; the query in flight still fails (503 to the caller) and the pool replaces the dead connection.
 * One pool serves Prisma and the few hot paths that query it directly (pgPool), so they share its limit.
 */
export function createPrisma(databaseUrl: string, poolSize = 10, onConnectionError: (error: Error) => void = () => {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const db = new PrismaClient({
    adapter: new PrismaPg(pool, { onPoolError: onConnectionError, onConnectionError }),
    // Under a burst (bulk wipes) a transaction may wait for a pool connection; Prisma's defaults (2 s to start,
    // 5 s to finish) would fail such requests with 500.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
  pools.set(db, pool);
  return db;
}

/**
 * The pg pool under `db`, for hot paths where Prisma's per-query overhead costs a multiple of the query itself
 * (device check-ins, audit inserts). Plain SQL with parameters; everything else goes through Prisma.
 */
export function pgPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('not a client made by createPrisma');
  return pool;
}

/** True for a client made by createPrisma, false for a transaction's client (whose statements need its connection). */
export function isRootClient(db: DbOrTx): db is Db {
  return pools.has(db as Db);
}

/** A `timestamp(3)` parameter for plain SQL: UTC wall-clock text, as Prisma stores it, whatever the process time zone. */
export function utc(date: Date): string;
export function utc(date: Date | null): string | null;
export function utc(date: Date | null): string | null {
  return date ? date.toISOString().replace('Z', '') : null;
}

/**
 * One plain SQL statement (`$1`, `$2`, … parameters) on `db`: straight on the pg pool when `db` is the client, so a
 * hot path pays no Prisma overhead; through the transaction's own connection when `db` is a transaction.
 */
export async function queryRows<T>(db: DbOrTx, sql: string, parameters: unknown[]): Promise<T[]> {
  const pool = pools.get(db as Db);
  if (pool) return (await pool.query(sql, parameters)).rows as T[];
  return (db as Tx).$queryRawUnsafe<T[]>(sql, ...parameters);
}

/** Disconnects Prisma and ends the pool under it. */
export async function closePrisma(db: Db): Promise<void> {
  await db.$disconnect();
  await pools.get(db)?.end();
  pools.delete(db);
}

export { Prisma } from '../generated/prisma/client.js';
export type * from '../generated/prisma/client.js';
