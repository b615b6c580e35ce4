import { Queue } from 'bullmq';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJob } from '../../../src/jobs/job-queue.js';
import { bearer, createTestContext, login, type TestContext } from '../../support/context.js';
import { createUser } from '../../support/factories.js';

const probe = defineJob({ name: 'test.dashboard-probe', queue: 'webhooks', payload: Type.Object({ n: Type.Integer() }) });

describe('queue dashboard (/admin/queues)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: `${inject('redisPrefix')}:dashboard` });
    await ctx.deps.queue.enqueue(probe, { n: 1 }, { jobId: 'dashboard-probe-1', delayMs: 3_600_000 });
  });
  afterAll(() => ctx?.close());

  const cookieFrom = (setCookie: string | string[] | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;

  it('shows the queues to an ADMIN with a bearer token, and to nobody else', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    const ok = await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: await bearer(ctx, admin) });
    expect(ok.statusCode).toBe(200);
    const names = (ok.json() as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['commands', 'compliance', 'default', 'push', 'webhooks']));

    expect((await ctx.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues' })).statusCode).toBe(401);
    for (const role of ['IT', 'MANAGER', 'STAFF'] as const) {
      const user = await createUser(ctx.deps, { role });
      const response = await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: await bearer(ctx, user) });
      expect(response.statusCode).toBe(403);
    }
  });

  it('lets a browser in with the short-lived cookie an ADMIN requested, until the session ends', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    const tokens = await login(ctx, admin);
    const headers = { authorization: `Bearer ${tokens.accessToken}` };
    const opened = await ctx.app.inject({ method: 'POST', url: '/v1/admin/queue-dashboard/session', headers });
    expect(opened.statusCode).toBe(200);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/admin\/queues/);
    const cookie = cookieFrom(opened.headers['set-cookie']);

    const page = await ctx.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect((await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } })).statusCode).toBe(200);
    // The pass is no API token.
    const passAsBearer = cookie.split('=')[1]!;
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/users', headers: { authorization: `Bearer ${passAsBearer}` } })).statusCode).toBe(401);
    const audit = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'queues.dashboard_opened', actorId: admin.id } });
    expect(audit).not.toBeNull();

    await ctx.app.inject({ method: 'POST', url: '/v1/auth/logout', headers, payload: {} });
    expect((await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } })).statusCode).toBe(401);
  });

  it('expires the cookie pass after ten minutes and refuses forged ones', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    const opened = await ctx.app.inject({ method: 'POST', url: '/v1/admin/queue-dashboard/session', headers: await bearer(ctx, admin) });
    const cookie = cookieFrom(opened.headers['set-cookie']);
    for (const forged of ['mdm_queue_dashboard=x', `mdm_queue_dashboard=${'a'.repeat(5000)}`, 'mdm_queue_dashboard=%00']) {
      expect((await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: forged } })).statusCode).toBe(401);
    }
    ctx.clock.advance(601_000);
    try {
      expect((await ctx.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      ctx.clock.advance(-601_000);
    }
  });

  it('refuses a non-ADMIN the cookie pass', async () => {
    const it = await createUser(ctx.deps, { role: 'IT' });
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/admin/queue-dashboard/session', headers: await bearer(ctx, it) });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('is read-only by default: jobs cannot be promoted, queues not paused, emptied or obliterated', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    const headers = await bearer(ctx, admin);
    const queue = new Queue('webhooks', { connection: ctx.deps.redis, prefix: ctx.deps.config.REDIS_PREFIX });
    try {
      for (const url of ['webhooks/promote', 'webhooks/pause', 'webhooks/empty', 'webhooks/obliterate', 'webhooks/clean/delayed', 'pause']) {
        const response = await ctx.app.inject({ method: 'PUT', url: `/admin/queues/api/queues/${url}`, headers });
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, url).toBeLessThan(500);
      }
      expect(await queue.getJobState('dashboard-probe-1')).toBe('delayed');
      expect(await queue.isPaused()).toBe(false);

      // Turned writable, the same request works: the refusals above came from read-only mode, not a wrong URL.
      const writable = await createTestContext({ REDIS_PREFIX: ctx.deps.config.REDIS_PREFIX, QUEUE_DASHBOARD_READ_ONLY: 'false' });
      try {
        const promoted = await writable.app.inject({ method: 'PUT', url: '/admin/queues/api/queues/webhooks/promote', headers: await bearer(writable, admin) });
        expect(promoted.statusCode).toBe(200);
        expect(await queue.getJobState('dashboard-probe-1')).toBe('waiting');
      } finally {
        await writable.close();
      }
    } finally {
      await queue.close();
    }
  });
});
