// @ts-nocheck
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, type JobDefinition } from '../../src/jobs/job-queue.js';
import { jobRegistry, JobRegistryError } from '../../src/jobs/registry.js';
import { startWorkers } from '../../src/jobs/start-workers.js';
import { createTestContext, type TestContext } from '../support/context.js';

describe('job registry', () => {
  it('refuses two handlers with one name', () => {
    const job = defineJob({ name: 'x.same', queue: 'default', payload: Type.Object({}), handle: async () => {} });
    expect(() => jobRegistry([job, { ...job }] as JobDefinition[])).toThrow(JobRegistryError);
  });

  it('registers every shipped job once', () => {
    expect(() => jobRegistry()).not.toThrow();
    expect(jobRegistry().has('compliance.evaluate-device')).toBe(true);
  });
});

describe('worker', () => {
  let ctx: TestContext;
  const seen: string[] = [];
  let release: (() => void) | undefined;
  const echo = defineJob({
    name: 'test.echo',
    queue: 'default',
    payload: Type.Object({ text: Type.String() }),
    attempts: 1,
    async handle(payload) {
      if (payload.text === 'slow') await new Promise<void>((resolve) => (release = resolve));
      seen.push(payload.text);
    },
  });
  const registry = jobRegistry([echo as unknown as JobDefinition]);

  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: `${(await import('vitest')).inject('redisPrefix')}:jobs` });
  });
  afterAll(() => ctx.close());

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  };

  it('runs valid jobs and refuses payloads that do not match the schema', async () => {
    const workers = await startWorkers(ctx.deps, registry);
    try {
      await ctx.deps.queue.enqueue(echo, { text: 'hello' });
      await ctx.deps.queue.enqueue(echo, { nope: 1 } as never);
      await ctx.deps.queue.enqueue(echo, { text: 'after' });
      await until(() => seen.includes('after'));
      expect(seen).toEqual(['hello', 'after']);
    } finally {
      await workers.close();
    }
  });

  it('finishes the job in flight before closing', async () => {
    const workers = await startWorkers(ctx.deps, registry);
    await ctx.deps.queue.enqueue(echo, { text: 'slow' });
    await until(() => release !== undefined);
    expect(release).toBeDefined();
    const closing = workers.close();
    setTimeout(() => release!(), 100);
    await closing;
    expect(seen).toContain('slow');
  });
});
