import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma transaction client: what `db.$transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** The pool under each client made by createPrisma, and whether plain SQL on it is prepared (see queryRows). */
const pools = new WeakMap<Db, { pool: pg.Pool; prepared: boolean }>();

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
 * One pool serves Prisma and the hot paths that query it directly (queryRows, pgPool), so they share its limit.
 */
export function createPrisma(
  databaseUrl: string,
  { poolSize = 10, preparedStatements = true, onConnectionError = () => {} }: { poolSize?: number; preparedStatements?: boolean; onConnectionError?: (error: Error) => void } = {},
): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const db = new PrismaClient({
    adapter: new PrismaPg(pool, { onPoolError: onConnectionError, onConnectionError }),
    // Under a burst (bulk wipes) a transaction may wait for a pool connection; Prisma's defaults (2 s to start,
    // 5 s to finish) would fail such requests with 500.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
  pools.set(db, { pool, prepared: preparedStatements });
  return db;
}

/**
 * The pg pool under `db`. The last-seen flush (once a second) queries it directly; the hot paths go through
 * queryRows, and everything else through Prisma.
 */
export function pgPool(db: Db): pg.Pool {
  const root = pools.get(db);
  if (!root) throw new Error('not a client made by createPrisma');
  return root.pool;
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
 *
 * On the pool the statement is a named prepared statement (unless DATABASE_PREPARED_STATEMENTS is false): each
 * connection parses it once and PostgreSQL may keep its plan, where an unnamed one is parsed and planned on every
 * call. For the hot batched statements planning cost more than running them (pg_stat_statements over the wipe
 * bench's (c) at 100 wipes/s: 3.1 s planning against 2.1 s executing). The texts must therefore be fixed (values go
 * in parameters), and a statement must name the columns it returns: with `*`, a migration that adds a column would
 * make every prepared copy fail ("cached plan must not change result type") until its connection closed.
 */
export async function queryRows<T>(db: DbOrTx, sql: string, parameters: unknown[]): Promise<T[]> {
  const root = pools.get(db as Db);
  if (root) return (await root.pool.query({ name: root.prepared ? preparedName(sql) : undefined, text: sql, values: parameters })).rows as T[];
  return (db as Tx).$queryRawUnsafe<T[]>(sql, ...parameters);
}

/** Each connection keeps every statement it prepared, so a text built per call must not become one per call. */
const MOST_PREPARED = 200;
const preparedNames = new Map<string, string>();

/** The prepared statement name for a text: derived from the text, so one name never stands for two texts. */
function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (!name && preparedNames.size < MOST_PREPARED) {
    name = `mdm_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * The columns of a model's table, qualified by `alias`, for plain SQL that returns whole rows: listed rather than
 * `*`, so a prepared statement keeps its result type when a migration adds a column.
 */
export function columnsOf(fields: Record<string, string>, alias: string): string {
  return Object.values(fields).map((column) => `${alias}."${column}"`).join(', ');
}

/** Disconnects Prisma and ends the pool under it. */
export async function closePrisma(db: Db): Promise<void> {
  await db.$disconnect();
  await pools.get(db)?.pool.end();
  pools.delete(db);
}

export { Prisma } from '../generated/prisma/client.js';
export type * from '../generated/prisma/client.js';
