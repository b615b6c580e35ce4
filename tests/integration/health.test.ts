import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';

describe('health', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
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

  it('answers unknown routes with the standard error shape', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /nope' } });
  });
});
