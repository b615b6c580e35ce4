// @ts-nocheck
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
    redisUrl: string;
    redisPrefix: string;
  }
}

interface Services {
  adminDatabaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL and Redis for every run: DATABASE_URL/REDIS_URL when set, otherwise containers when a
 * container runtime exists. Each run gets its own database and Redis key prefix, dropped at the end,
 * so concurrent runs on one machine never see each other's data.
 */
export default async function setup(project: TestProject) {
  const services = await resolveServices();
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseName = `mdm_test_${runId}`;
  const admin = new pg.Client({ connectionString: services.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();

  const databaseUrl = withDatabase(services.adminDatabaseUrl, databaseName);
  await migrate(databaseUrl, fileURLToPath(new URL('../../prisma/migrations', import.meta.url)));

  const redisPrefix = `test:${runId}`;
  project.provide('databaseUrl', databaseUrl);
  project.provide('adminDatabaseUrl', services.adminDatabaseUrl);
  project.provide('redisUrl', services.redisUrl);
  project.provide('redisPrefix', redisPrefix);

  return async () => {
    const client = new pg.Client({ connectionString: services.adminDatabaseUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await client.end();
    const redis = new Redis(services.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await services.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function resolveServices(): Promise<Services> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl && redisUrl) return { adminDatabaseUrl: databaseUrl, redisUrl, stop: async () => {} };

  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    throw new Error(
      'The tests need PostgreSQL and Redis. Set DATABASE_URL and REDIS_URL, for example\n' +
        '  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm test\n' +
        'or start a container runtime (Docker or Podman) so testcontainers can start them.',
    );
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RedisContainer } = await import('@testcontainers/redis');
  const [postgres, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine').withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off']).start(),
    new RedisContainer('redis:7-alpine').start(),
  ]);
  return {
    adminDatabaseUrl: postgres.getConnectionUri(),
    redisUrl: redis.getConnectionUrl(),
    stop: async () => {
      await Promise.all([postgres.stop(), redis.stop()]);
    },
  };
}
