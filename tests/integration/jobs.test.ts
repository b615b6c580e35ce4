import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, type JobDefinition } from '../../src/jobs/job-queue.js';
import { jobRegistry, JobRegistryError } from '../../src/jobs/registry.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { startWorkers } from '../../src/jobs/start-workers.js';
import type { BullJobQueue } from '../../src/jobs/bullmq-queue.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { waitFor } from '../support/wait-for.js';

describe('job registry', () => {
  const job = defineJob({ name: 'x.same', queue: 'default', payload: Type.Object({}) });
  const noop = async () => {};

  it('refuses two contracts with one name', () => {
    expect(() => jobRegistry([job, { ...job }], [[job.name, noop]])).toThrow(/Two job contracts/);
  });

  it('refuses two handlers for one contract', () => {
    expect(() => jobRegistry([job], [[job.name, noop], [job.name, noop]])).toThrow(/Two job handlers/);
  });

  it('refuses a contract without a handler, and a handler without a contract', () => {
    expect(() => jobRegistry([job], [])).toThrow(/has no handler/);
    expect(() => jobRegistry([job], [[job.name, noop], ['x.orphan', noop]])).toThrow(/has no job contract/);
  });

  it('registers every shipped job once, each with its handler', () => {
    expect(() => jobRegistry()).not.toThrow();
    expect(jobRegistry().has('compliance.evaluate-device')).toBe(true);
    expect(() => jobRegistry(undefined, jobHandlers.slice(1))).toThrow(JobRegistryError);
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
  });
  const registry = jobRegistry([echo as JobDefinition], [
    [
      echo.name,
      async (payload) => {
        const { text } = payload as { text: string };
        if (text === 'slow') await new Promise<void>((resolve) => (release = resolve));
        seen.push(text);
      },
    ],
  ]);

  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: `${(await import('vitest')).inject('redisPrefix')}:jobs` });
  });
  afterAll(() => ctx.close());

  it('runs valid jobs and refuses payloads that do not match the schema', async () => {
    const workers = await startWorkers(ctx.deps, registry);
    try {
      await ctx.deps.queue.enqueue(echo, { text: 'hello' });
      await ctx.deps.queue.enqueue(echo, { nope: 1 } as never);
      await ctx.deps.queue.enqueue(echo, { text: 'after' });
      await waitFor(() => seen.includes('after'), undefined, { what: "the job queued after the refused one to run" });
      expect(seen).toEqual(['hello', 'after']);
    } finally {
      await workers.close();
    }
  });

  it('finishes the job in flight before closing', async () => {
    const workers = await startWorkers(ctx.deps, registry);
    await ctx.deps.queue.enqueue(echo, { text: 'slow' });
    await waitFor(() => release !== undefined, undefined, { what: 'the slow job to start' });
    expect(release).toBeDefined();
    const closing = workers.close();
    setTimeout(() => release!(), 100);
    await closing;
    expect(seen).toContain('slow');
  });
});

describe('jobs added at the same moment', () => {
  let ctx: TestContext;
  const note = defineJob({ name: 'test.note', queue: 'default', payload: Type.Object({ n: Type.Number() }) });
  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: `${(await import('vitest')).inject('redisPrefix')}:jobs-batched` });
  });
  afterAll(() => ctx.close());

  const waiting = async () => {
    const jobs = await (ctx.deps.queue as BullJobQueue).queue('default').getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.filter((j) => j?.name === note.name).map((j) => ({ n: (j.data as { n: number }).n, delay: j.opts.delay ?? 0 }));
  };

  it('go to Redis in one pipeline with their own options, deduplication included', async () => {
    // One turn of the event loop: a delayed job, two with one deduplication id (one job), and a bulk add.
    await Promise.all([
      ctx.deps.queue.enqueue(note, { n: 1 }, { delayMs: 60_000 }),
      ctx.deps.queue.enqueue(note, { n: 2 }, { dedupeId: 'note-twice' }),
      ctx.deps.queue.enqueue(note, { n: 3 }, { dedupeId: 'note-twice' }),
      ctx.deps.queue.enqueueMany(note, [{ payload: { n: 4 } }, { payload: { n: 5 } }]),
    ]);
    expect((await waiting()).sort((a, b) => a.n - b.n)).toEqual([
      { n: 1, delay: 60_000 },
      { n: 2, delay: 0 },
      { n: 4, delay: 0 },
      { n: 5, delay: 0 },
    ]);
  });

  it('fail every caller of the pipeline when Redis refuses it', async () => {
    const queue = (ctx.deps.queue as BullJobQueue).queue('default');
    const addBulk = queue.addBulk.bind(queue);
    queue.addBulk = async () => Promise.reject(new Error('Redis is gone'));
    try {
      const outcomes = await Promise.allSettled([ctx.deps.queue.enqueue(note, { n: 6 }), ctx.deps.queue.enqueueMany(note, [{ payload: { n: 7 } }])]);
      expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'added'))).toEqual(['Redis is gone', 'Redis is gone']);
    } finally {
      queue.addBulk = addBulk;
    }
  });
});
