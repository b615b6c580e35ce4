// @ts-nocheck
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';

describe('health', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Own Redis prefix: these requests go to the rate-limited login route, whose counter other files' sign-ins share.
    ctx = await createTestContext({ REDIS_PREFIX: `${inject('redisPrefix')}:health` });
  });
  afterAll(() => ctx.close());

  it('answers /healthz', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('reports ready when PostgreSQL and Redis answer', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('reports 503 naming Redis when Redis is unreachable', async () => {
    const broken = await createTestContext({ REDIS_URL: 'redis://127.0.0.1:1' });
    broken.deps.redis.disconnect();
    try {
      const response = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json().checks).toEqual({ postgres: 'ok', redis: 'unreachable' });
    } finally {
      await broken.close();
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('hides internal errors behind a generic message', async () => {
    const original = ctx.deps.db.user.findUnique;
    ctx.deps.db.user.findUnique = (() => Promise.reject(new Error('connection to secret-db-host failed'))) as never;
    try {
      const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@b.test', password: 'x' } });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    } finally {
      ctx.deps.db.user.findUnique = original;
    }
  });

  it('refuses malformed JSON and oversized bodies with the standard shape', async () => {
    const malformed = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_REQUEST');
    const huge = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: JSON.stringify({ email: 'a'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with the standard error shape', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nope' } });
  });
});
