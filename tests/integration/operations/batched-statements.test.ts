import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCommandDelivery, markDevicePushed } from '../../../src/storage/command-queue.js';
import { findWebhookDelivery, recordWebhookAttempt, storeAuditedWebhookEvent, storeWebhookEvent } from '../../../src/storage/webhook-outbox.js';
import { nextCommandFor, storeCommandOutcomeRecorded } from '../../../src/storage/command-queue.js';
import { createTestContext, type TestContext } from '../../support/context.js';
import { createDevice, createQueuedCommand } from '../../support/factories.js';

// A worker runs many delivery jobs at once, and their statements share one round trip (src/db/statement-batcher.ts).
// Each call must still get exactly what its own statement would have given it, duplicates included.
describe('statements made at the same moment share one round trip', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  const queuedCommand = (deviceId: string) => createQueuedCommand(ctx.deps, deviceId, ctx.clock.now());

  it('claims each command once, however many jobs for it run at the same moment', async () => {
    const devices = await Promise.all(Array.from({ length: 6 }, () => createDevice(ctx.deps, { platform: 'APPLE' })));
    const commands = await Promise.all(devices.map((d) => queuedCommand(d.id)));
    // Every command asked for three times in one turn of the event loop: two of each three must find it taken.
    const asks = commands.flatMap((c) => [c.id, c.id, c.id]);
    const claims = await Promise.all(asks.map((id) => claimCommandDelivery(ctx.deps.db, id, ctx.clock.now(), 60)));
    const taken = claims.filter((c) => c !== null);
    expect(taken.map((c) => c.id).sort()).toEqual(commands.map((c) => c.id).sort());
    const stored = await ctx.deps.db.command.findMany({ where: { id: { in: commands.map((c) => c.id) } } });
    expect(stored.map((c) => c.attempts)).toEqual(stored.map(() => 1));
    // A device with one live command is pushed within the job; its push target comes with the claim.
    expect(taken.every((c) => c.applePush?.alone === true && c.applePush.target === null)).toBe(true);
  });

  it('tells two commands of one device claimed together that neither is alone', async () => {
    const device = await createDevice(ctx.deps, { platform: 'APPLE', appleEnrollment: { tokenHash: randomUUID(), tokenExpiresAt: ctx.clock.now(), pushTokenHex: 'ab'.repeat(32), pushMagic: 'magic', accessRights: 8191 } });
    const [first, second] = [await queuedCommand(device.id), await queuedCommand(device.id)];
    const claims = await Promise.all([first, second].map((c) => claimCommandDelivery(ctx.deps.db, c.id, ctx.clock.now(), 60)));
    expect(claims.map((c) => c?.applePush)).toEqual([
      { target: expect.objectContaining({ pushTokenHex: 'ab'.repeat(32), pushMagic: 'magic' }), alone: false },
      { target: expect.objectContaining({ pushTokenHex: 'ab'.repeat(32), pushMagic: 'magic' }), alone: false },
    ]);
  });

  it('records two pushes of one device accepted at the same moment as two pushes', async () => {
    const device = await createDevice(ctx.deps, { platform: 'APPLE' });
    const other = await createDevice(ctx.deps, { platform: 'APPLE' });
    const [command, otherCommand] = [await queuedCommand(device.id), await queuedCommand(other.id)];
    const now = ctx.clock.now();
    const recorded = await Promise.all([device.id, other.id, device.id].map((id) => markDevicePushed(ctx.deps.db, id, now, now, [60, 300])));
    expect(recorded).toEqual([[{ id: command.id, pushes: 1 }], [{ id: otherCommand.id, pushes: 1 }], [{ id: command.id, pushes: 2 }]]);
    const stored = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } });
    // The second push's backoff applies: 300 s after it.
    expect(stored.nextPushAt!.getTime() - now.getTime()).toBe(300_000);
  });

  it('stores audited events of the same moment each with its own audit event and its own subscribers', async () => {
    await ctx.deps.db.webhookEndpoint.create({ data: { url: 'https://siem.example.test/sent', secretSealed: ctx.deps.webhooks.secrets.seal('s'), eventTypes: ['test.sent'] } });
    const targetId = randomUUID();
    const entry = (n: number) => ({ actorType: 'system' as const, actorId: 'apple', action: `test.step${n}`, targetType: 'device', targetId, details: { n } });
    const stored = await Promise.all([
      storeAuditedWebhookEvent(ctx.deps.db, ctx.clock.now(), entry(1), 'test.sent', { n: 1 }),
      storeAuditedWebhookEvent(ctx.deps.db, ctx.clock.now(), entry(2), 'test.unsubscribed', { n: 2 }),
      storeAuditedWebhookEvent(ctx.deps.db, ctx.clock.now(), entry(3), 'test.sent', { n: 3 }),
    ]);
    expect(stored.map((ids) => ids.length)).toEqual([1, 0, 1]);
    const deliveries = await ctx.deps.db.webhookDelivery.findMany({ where: { id: { in: stored.flat() } } });
    const payloadOf = (id: string) => (deliveries.find((d) => d.id === id)!.payload as { data: { n: number } }).data.n;
    expect([payloadOf(stored[0]![0]!), payloadOf(stored[2]![0]!)]).toEqual([1, 3]);
    const audit = await ctx.deps.db.auditEvent.findMany({ where: { targetId }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.details])).toEqual([['test.step1', { n: 1 }], ['test.step2', { n: 2 }], ['test.step3', { n: 3 }]]);
  });

  it("hands each device asking at the same moment the head of its own queue, once", async () => {
    const [first, second] = [await createDevice(ctx.deps, { platform: 'APPLE' }), await createDevice(ctx.deps, { platform: 'APPLE' })];
    const a = await queuedCommand(first.id);
    const b = await queuedCommand(second.id);
    const options = { skipNotNow: false, now: ctx.clock.now(), backoff: [60] };
    const handed = await Promise.all([first.id, second.id, first.id].map((deviceId) => nextCommandFor(ctx.deps.db, deviceId, options)));
    expect(handed.map((h) => [h?.command.id, h?.firstSend])).toEqual([[a.id, true], [b.id, true], [a.id, false]]);
  });

  it('stores the outcomes devices report at the same moment each with its own audit event and subscribers, once', async () => {
    await ctx.deps.db.webhookEndpoint.create({ data: { url: 'https://siem.example.test/outcomes', secretSealed: ctx.deps.webhooks.secrets.seal('s'), eventTypes: ['test.outcome'] } });
    const devices = await Promise.all(Array.from({ length: 3 }, () => createDevice(ctx.deps, { platform: 'APPLE' })));
    const [acked, failed, final] = await Promise.all(devices.map(async (d) => {
      const queued = await queuedCommand(d.id);
      return ctx.deps.db.command.update({ where: { id: queued.id }, data: { status: 'SENT', sentAt: ctx.clock.now(), result: { kept: true } } });
    }));
    await ctx.deps.db.command.update({ where: { id: final!.id }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: ctx.clock.now() } });
    const now = ctx.clock.now();
    const describe = (eventType: string | null) => (row: { id: string; status: string; deviceId: string }) => ({
      audit: { actorType: 'device' as const, actorId: row.deviceId, action: `test.outcome.${row.status}`, targetType: 'command', targetId: row.id },
      webhook: eventType ? { eventType, data: { id: row.id, status: row.status } } : null,
    });
    const acknowledge = { outcome: 'acknowledge' as const, result: { answer: 42 } };
    const stored = await Promise.all([
      storeCommandOutcomeRecorded(ctx.deps.db, acked!, acknowledge, now, describe('test.outcome')),
      storeCommandOutcomeRecorded(ctx.deps.db, failed!, { outcome: 'fail', error: { status: 'Error' } }, now, describe(null)),
      // The same answer again (the device retrying after a lost response), and an answer to a command already final.
      storeCommandOutcomeRecorded(ctx.deps.db, acked!, acknowledge, now, describe('test.outcome')),
      storeCommandOutcomeRecorded(ctx.deps.db, final!, acknowledge, now, describe('test.outcome')),
    ]);
    expect(stored.map((s) => s && [s.row.id, s.row.status, s.outbox.length])).toEqual([[acked!.id, 'ACKNOWLEDGED', 1], [failed!.id, 'FAILED', 0], null, null]);
    const rows = new Map((await ctx.deps.db.command.findMany({ where: { id: { in: [acked!.id, failed!.id, final!.id] } } })).map((c) => [c.id, c]));
    expect(rows.get(acked!.id)).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: now, failedAt: null, nextPushAt: null, result: { answer: 42 }, error: null });
    // A failure without a result keeps the stored one.
    expect(rows.get(failed!.id)).toMatchObject({ status: 'FAILED', failedAt: now, acknowledgedAt: null, result: { kept: true }, error: { status: 'Error' } });
    expect(rows.get(final!.id)!.result).toEqual({ kept: true });
    expect(stored[0]!.row).toEqual(rows.get(acked!.id));
    const audit = await ctx.deps.db.auditEvent.findMany({ where: { targetId: { in: [acked!.id, failed!.id, final!.id] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.targetId, a.action])).toEqual([[acked!.id, 'test.outcome.ACKNOWLEDGED'], [failed!.id, 'test.outcome.FAILED']]);
    const delivery = await ctx.deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: stored[0]!.outbox[0]! } });
    expect(delivery.payload).toMatchObject({ type: 'test.outcome', data: { id: acked!.id, status: 'ACKNOWLEDGED' } });
  });

  it('reads and records webhook deliveries of several jobs at once, each with its own outcome', async () => {
    await ctx.deps.db.webhookEndpoint.create({ data: { url: 'https://siem.example.test/batched', secretSealed: ctx.deps.webhooks.secrets.seal('s'), eventTypes: ['test.batched'] } });
    const ids = [
      ...(await storeWebhookEvent(ctx.deps.db, ctx.clock.now(), 'test.batched', { n: 1 })),
      ...(await storeWebhookEvent(ctx.deps.db, ctx.clock.now(), 'test.batched', { n: 2 })),
    ];
    const read = await Promise.all([...ids, randomUUID()].map((id) => findWebhookDelivery(ctx.deps.db, id)));
    expect(read.map((d) => (d?.payload as { data: { n: number } } | undefined)?.data.n ?? null)).toEqual([1, 2, null]);
    const at = ctx.clock.now();
    await Promise.all([
      recordWebhookAttempt(ctx.deps.db, ids[0]!, { statusCode: 204, failure: null, final: false, at }),
      recordWebhookAttempt(ctx.deps.db, ids[1]!, { statusCode: 500, failure: 'HTTP 500', final: false, at }),
      recordWebhookAttempt(ctx.deps.db, ids[1]!, { statusCode: 503, failure: 'HTTP 503', final: true, at }),
    ]);
    const stored = await ctx.deps.db.webhookDelivery.findMany({ where: { id: { in: ids } }, orderBy: { payload: 'asc' } });
    const byId = new Map(stored.map((d) => [d.id, d]));
    expect(byId.get(ids[0]!)).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 204, lastError: null, deliveredAt: at });
    expect(byId.get(ids[1]!)).toMatchObject({ status: 'FAILED', attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503', deliveredAt: null });
  });
});
