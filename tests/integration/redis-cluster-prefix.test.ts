import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJob, type JobDefinition } from '../../src/jobs/job-queue.js';
import { jobRegistry } from '../../src/jobs/registry.js';
import { startWorkers } from '../../src/jobs/start-workers.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Redis Cluster needs every key one BullMQ script touches in one hash slot: a prefix in braces ({mdm}) makes the
 * braces' content the only input to the slot. This runs the real queue, worker, scheduler and rate limiter with
 * such a prefix and checks every key they wrote carries it (a plain Redis answers like one cluster shard).
 */
describe('hash-tagged Redis prefix (Redis Cluster)', () => {
  const tag = `{${inject('redisPrefix')}:cluster}`;
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: tag });
  });
  afterAll(async () => {
    const keys = await ctx.deps.redis.keys(`${tag}*`);
    if (keys.length) await ctx.deps.redis.del(...keys);
    await ctx?.close();
  });

  it('runs jobs, schedulers and rate limits with every key in the tagged slot', async () => {
    let ran = 0;
    const job = defineJob({ name: 'test.cluster-prefix', queue: 'default', payload: Type.Object({}), everyMs: 60_000 });
    const workers = await startWorkers(ctx.deps, jobRegistry([job as JobDefinition], [[job.name, async () => void (ran += 1)]]));
    try {
      await ctx.deps.queue.enqueue(job, {});
      await waitFor(() => ran, (n) => n >= 2, { intervalMs: 50, what: "the scheduler's run and ours" });
      expect(ran).toBe(2);
    } finally {
      await workers.close();
    }
    await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@example.test', password: 'x' } });

    const keys = await ctx.deps.redis.keys(`*${tag}*`);
    expect(keys.some((k) => k.includes(':default:'))).toBe(true);
    expect(keys.some((k) => k.includes('ratelimit'))).toBe(true);
    for (const key of keys) expect(key.startsWith(tag), key).toBe(true);
    // The slot of every key is the slot of the tag alone.
    const slots = new Set(await Promise.all(keys.map((k) => ctx.deps.redis.call('CLUSTER', 'KEYSLOT', k).catch(() => null))));
    if (!slots.has(null)) expect(slots.size).toBe(1);
  });
});
