import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverCommandJob, deliverWebhookJob, publishDeviceEventsJob, reconcileDeliveriesJob } from '../../../src/jobs/definitions/delivery.js';
import { handlerFor, jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers } from '../../../src/jobs/start-workers.js';
import { createRedis } from '../../../src/redis.js';
import { requestDeviceAction } from '../../../src/use-cases/commands/request-device-action.js';
import { reconcileDeliveries } from '../../../src/use-cases/commands/reconcile-deliveries.js';
import { createTestContext, type TestContext } from '../../support/context.js';
import { createMigratedScratchDatabase } from '../../support/scratch-database.js';
import { flushPrefix, ownRedisPrefix, pendingJobPayloads, useFakeChannels, type FakeChannel } from '../../support/operations.js';
import { createUser, createDevice } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

const PREFIX = ownRedisPrefix('reconciler');
const registry = () => jobRegistry([deliverCommandJob, reconcileDeliveriesJob]);

describe('delivery reconciler', () => {
  let ctx: TestContext;
  let fake: { apple: FakeChannel; android: FakeChannel };
  let actor: { userId: string; role: 'IT'; mfaAt: Date };
  let database: Awaited<ReturnType<typeof createMigratedScratchDatabase>>;

  beforeAll(async () => {
    // The reconciler acts on every QUEUED command it can see; in the shared database it would deliver other
    // files' commands through this file's fake channels.
    database = await createMigratedScratchDatabase();
    ctx = await createTestContext({ DATABASE_URL: database.url, REDIS_PREFIX: PREFIX, COMMAND_DELIVERY_LEASE_SECONDS: '60' });
    fake = useFakeChannels(ctx.deps);
    const it = await createUser(ctx.deps, { role: 'IT' });
    actor = { userId: it.id, role: 'IT', mfaAt: ctx.clock.now() };
  });
  afterAll(async () => {
    await ctx.close();
    await database.drop();
  });

  async function requestWipes(n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const device = await createDevice(ctx.deps, { platform: i % 2 ? 'ANDROID' : 'APPLE' });
      const { command } = await requestDeviceAction(ctx.deps, actor, { deviceId: device.id, action: 'WIPE_SELECTIVE', reason: 'bulk test' });
      ids.push(command.id);
    }
    return ids;
  }

  const deliveries = (id: string) => (fake.apple.delivered.get(id) ?? 0) + (fake.android.delivered.get(id) ?? 0);
  const statuses = (ids: string[]) => ctx.deps.db.command.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });

  it('delivers every command exactly once after a worker dies mid-job and Redis loses its data', async () => {
    const ids = await requestWipes(20);

    // A worker process that takes jobs and then dies while pushing: its deliveries hang, then it is gone.
    fake.apple.holdDeliveries(3);
    fake.android.holdDeliveries(3);
    const connection = createRedis(ctx.deps.config.REDIS_URL);
    const doomed = new Worker('commands', (job) => handlerFor(deliverCommandJob)(job.data, ctx.deps, { jobId: job.id!, attempt: 1, maxAttempts: 6 }), {
      connection,
      prefix: PREFIX,
      concurrency: 6,
    });
    await waitFor(async () => fake.apple.started.length + fake.android.started.length, (n) => n >= 6);
    await doomed.close(true);
    connection.disconnect();
    const deliveredBeforeCrash = ids.filter((id) => deliveries(id) > 0).length;

    await flushPrefix(ctx.deps, PREFIX);
    // The dead worker's leases must run out before anyone else may take its commands.
    expect((await reconcileDeliveries(ctx.deps)).commands).toBe(20 - deliveredBeforeCrash - 6);
    ctx.clock.advance(61_000);

    const workers = await startWorkers(ctx.deps, registry()); // the reconciler job runs at worker start
    try {
      const final = await waitFor(() => statuses(ids), (rows) => rows.every((r) => r.status === 'SENT'));
      expect(final.filter((r) => r.status !== 'SENT')).toEqual([]);
      // The held pushes wake up late, as a zombie would; they must not count or undo anything.
      fake.apple.releaseHeld();
      fake.android.releaseHeld();
      await new Promise((r) => setTimeout(r, 100));
      expect(ids.map(deliveries)).toEqual(ids.map(() => 1));
    } finally {
      await workers.close();
    }
  });

  it('queues a command only once however often the reconciler runs while its job still waits', async () => {
    const [id] = await requestWipes(1);
    await reconcileDeliveries(ctx.deps);
    await reconcileDeliveries(ctx.deps);
    const pending = await pendingJobPayloads(ctx.deps, deliverCommandJob.queue, deliverCommandJob.name);
    expect(pending.filter((p) => p.commandId === id)).toHaveLength(1);
  });

  it('delivers a command once even when several jobs for it are queued', async () => {
    const [id] = await requestWipes(1);
    for (const round of [97, 98, 99]) {
      await ctx.deps.queue.enqueue(deliverCommandJob, { commandId: id! }, { jobId: `command-${id}-${round}` });
    }
    const workers = await startWorkers(ctx.deps, jobRegistry([deliverCommandJob]));
    try {
      await waitFor(() => ctx.deps.db.command.findUniqueOrThrow({ where: { id: id! } }), (c) => c.status === 'SENT');
      await waitFor(async () => (await ctx.deps.queue.pendingJobIds(deliverCommandJob)).size, (n) => n === 0);
      expect(deliveries(id!)).toBe(1);
    } finally {
      await workers.close();
    }
  });

  it('keeps retrying a command whose delivery fails, leaving it QUEUED and visible until it gets through', async () => {
    await flushPrefix(ctx.deps, PREFIX);
    fake.apple.failNext = 1;
    const device = await createDevice(ctx.deps, { platform: 'APPLE' });
    const { command } = await requestDeviceAction(ctx.deps, actor, { deviceId: device.id, action: 'LOCK', reason: 'lost' });
    const failing = { ...deliverCommandJob, backoffMs: 10 };
    const workers = await startWorkers(ctx.deps, jobRegistry([failing]));
    try {
      const sent = await waitFor(() => ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } }), (c) => c.status === 'SENT');
      expect(sent.status).toBe('SENT');
      expect(sent.attempts).toBe(2);
      expect(sent.error).toMatchObject({ message: 'upstream unavailable' });
      expect(fake.apple.delivered.get(command.id)).toBe(1);
    } finally {
      await workers.close();
    }
  });

  it('re-queues webhook deliveries stored as PENDING whose jobs Redis lost', async () => {
    await ctx.deps.db.webhookEndpoint.create({ data: { url: 'https://siem.example.test/hook', secretSealed: ctx.deps.webhooks.secrets.seal('s'), eventTypes: ['test.lost'] } });
    await ctx.deps.webhooks.publisher.publish('test.lost', { n: 1 });
    const delivery = await ctx.deps.db.webhookDelivery.findFirstOrThrow({ where: { eventType: 'test.lost' } });
    await flushPrefix(ctx.deps, PREFIX);
    expect(await ctx.deps.queue.pendingJobIds(deliverWebhookJob)).toEqual(new Set());
    expect((await reconcileDeliveries(ctx.deps)).webhooks).toBe(1);
    expect([...(await ctx.deps.queue.pendingJobIds(deliverWebhookJob))]).toEqual([`webhook-${delivery.id}-0`]);
    expect((await reconcileDeliveries(ctx.deps)).webhooks).toBe(0);
  });

  it('tells webhook delivery jobs apart from the other jobs on their queue by id', async () => {
    await ctx.deps.db.webhookEndpoint.create({ data: { url: 'https://siem.example.test/shared', secretSealed: ctx.deps.webhooks.secrets.seal('s'), eventTypes: ['test.shared'] } });
    await ctx.deps.webhooks.publisher.publish('test.shared', { n: 1 });
    const delivery = await ctx.deps.db.webhookDelivery.findFirstOrThrow({ where: { eventType: 'test.shared' } });
    await flushPrefix(ctx.deps, PREFIX);
    // The webhooks queue also runs the device-event publisher; its job is no delivery's, whatever its id holds.
    // (Delayed, so that no worker of an earlier test takes it meanwhile.)
    await ctx.deps.queue.enqueue(publishDeviceEventsJob, {}, { jobId: `publish-${delivery.id}`, delayMs: 60_000 });
    expect(await ctx.deps.queue.pendingJobIds(deliverWebhookJob)).toEqual(new Set([`publish-${delivery.id}`]));
    // (The earlier test's delivery is still PENDING too, and its job was flushed with the rest.)
    expect((await reconcileDeliveries(ctx.deps)).webhooks).toBe(2);
    const pending = await ctx.deps.queue.pendingJobIds(deliverWebhookJob);
    expect([...pending].filter((id) => id.includes(delivery.id)).sort()).toEqual([`publish-${delivery.id}`, `webhook-${delivery.id}-0`]);
    expect((await reconcileDeliveries(ctx.deps)).webhooks).toBe(0);
  });
});
