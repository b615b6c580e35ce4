import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { closeDeps, createDeps } from '../../src/container.js';
import type { Deps } from '../../src/deps.js';
import { totpCode } from '../../src/domain/auth/totp.js';
import type { TestUser } from './factories.js';
import { createMigratedScratchDatabase } from './scratch-database.js';

export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** A clock tests move by hand; starts at real time so database defaults and ours stay comparable. */
export class TestClock implements Clock {
  private current = new Date();
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date) {
    this.current = new Date(date);
  }
}

export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: inject('redisPrefix'),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256!!',
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    LOG_LEVEL: 'silent',
    // Every file's logins come from 127.0.0.1 within the same minute; the rate-limit test sets its own limit.
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR: '100000',
    // Personal enrolment needs an accepted privacy notice; tests about consent turn it back on.
    BYOD_CONSENT_REQUIRED: 'false',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(testEnv(overrides));
}

export interface TestContext {
  deps: Deps;
  app: FastifyInstance;
  clock: TestClock;
  close(): Promise<void>;
}

/** The whole API on real PostgreSQL and Redis, driven through `app.inject`. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const clock = new TestClock();
  const deps = await createDeps(testConfig(env), { clock, logger: pino({ level: 'silent' }) });
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    deps,
    app,
    clock,
    async close() {
      await app.close();
      await closeDeps(deps);
    },
  };
}

/** Signs in through the API (with a TOTP code when the user has MFA) and returns the tokens. */
export async function login(ctx: TestContext, user: TestUser) {
  const totp = user.totpSecret ? await totpCode(user.totpSecret, ctx.clock.now()) : undefined;
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: user.password, totp } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return response.json() as { accessToken: string; refreshToken: string };
}

export async function bearer(ctx: TestContext, user: TestUser): Promise<Record<string, string>> {
  return { authorization: `Bearer ${(await login(ctx, user)).accessToken}` };
}

/**
 * The same context on a migrated database and Redis prefix of its own, both removed on close. For files whose
 * assertions span the whole table (audit chain, device counts, command queues) or whose workers run fleet-wide
 * jobs: in the shared database, other files' rows and workers would make them flaky.
 */
export async function createIsolatedTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createMigratedScratchDatabase();
  const ctx = await createTestContext({ REDIS_PREFIX: `${inject('redisPrefix')}:iso-${randomUUID().slice(0, 8)}`, ...env, DATABASE_URL: database.url });
  return {
    ...ctx,
    async close() {
      await ctx.close();
      await database.drop();
    },
  };
}
