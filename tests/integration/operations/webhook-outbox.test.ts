import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { requestDeviceAction } from '../../../src/use-cases/commands/request-device-action.js';
import { insertCommandRecorded, nextCommandFor, storeCommandOutcomeRecorded } from '../../../src/storage/command-queue.js';
import { toCommandView } from '../../../src/use-cases/commands/command-view.js';
import { createIsolatedTestContext, type TestContext } from '../../support/context.js';
import { useFakeChannels } from '../../support/operations.js';
import { createUser, createDevice } from '../../support/factories.js';

describe('webhook outbox of an accepted lock or wipe', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createIsolatedTestContext();
    useFakeChannels(ctx.deps);
  });
  afterAll(() => ctx.close());

  const endpoint = (description: string, eventTypes: string[], active = true) =>
    ctx.deps.db.webhookEndpoint.create({ data: { url: `https://hooks.example.test/${description}`, description, secretSealed: 'x', eventTypes, active } });

  it('stores one delivery per subscribed endpoint with the command, by the same rules as endpointWants', async () => {
    const all = await endpoint('all', []);
    const prefix = await endpoint('prefix', ['incident.*', 'command.*']);
    const exact = await endpoint('exact', ['command.queued']);
    await endpoint('other', ['command.acknowledged', 'incident.*']);
    await endpoint('look-alike', ['command.queuedx', 'commands.*']);
    await endpoint('inactive', [], false);
    const it = await createUser(ctx.deps, { role: 'IT' });
    const { command } = await requestDeviceAction(ctx.deps, { userId: it.id, role: 'IT' }, { deviceId: (await createDevice(ctx.deps)).id, action: 'LOCK', reason: 'outbox' });

    const deliveries = await ctx.deps.db.webhookDelivery.findMany({ where: { eventType: 'command.queued' } });
    expect(deliveries.map((d) => d.endpointId).sort()).toEqual([all.id, prefix.id, exact.id].sort());
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(1);
    expect(deliveries[0]!.payload).toMatchObject({ type: 'command.queued', data: { command: { id: command.id, status: 'QUEUED' } } });
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.requested', targetId: command.deviceId } })).toBe(1);
  });

  it('staged deliveries vanish with a transaction that rolls back', async () => {
    const before = await ctx.deps.db.webhookDelivery.count();
    await expect(
      ctx.deps.db.$transaction(async (tx) => {
        expect(await ctx.deps.webhooks.publisher.stage(tx, 'command.queued', { command: { id: 'x' } })).not.toHaveLength(0);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await ctx.deps.db.webhookDelivery.count()).toBe(before);
  });

  it('a command the database refuses leaves neither its audit event nor its deliveries (one statement, all or nothing)', async () => {
    await endpoint('all-again', []);
    const counts = async () => [await ctx.deps.db.command.count(), await ctx.deps.db.auditEvent.count(), await ctx.deps.db.webhookDelivery.count()];
    const requester = await createUser(ctx.deps, { role: 'IT' });
    const store = (deviceId: string, idempotencyKey: string | null) =>
      insertCommandRecorded(
        ctx.deps.db,
        { deviceId, requestType: 'DeviceLock', payload: {}, status: 'QUEUED', requestedById: requester.id, idempotencyKey },
        { now: ctx.deps.clock.now(), deadlineSeconds: 60 },
        (row) => ({
          audit: { actorType: 'system', actorId: 'test', action: 'command.requested', targetType: 'device', targetId: row.deviceId, details: { commandId: row.id } },
          webhook: { eventType: 'command.queued', data: { command: { id: row.id } } },
        }),
      );
    const before = await counts();
    // A device that does not exist: the command's foreign key fails, and with it the audit and outbox inserts.
    await expect(store(randomUUID(), null)).rejects.toThrow();
    expect(await counts()).toEqual(before);

    // The same requester's key twice: the second statement fails as a whole.
    const device = await createDevice(ctx.deps);
    const first = await store(device.id, 'same-key');
    expect(first.outbox.length).toBeGreaterThan(0);
    const afterFirst = await counts();
    await expect(store(device.id, 'same-key')).rejects.toMatchObject({ code: '23505' });
    expect(await counts()).toEqual(afterFirst);
    // What the caller was given is what was stored.
    const stored = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: first.row.id } });
    expect(stored).toEqual(first.row);
  });

  it("a device's result, its audit event and the deliveries telling subscribers commit in one statement, describing the row as stored", async () => {
    const results = await endpoint('results', ['command.acknowledged', 'command.failed']);
    const device = await createDevice(ctx.deps);
    const now = ctx.deps.clock.now();
    const queue = async (requestType: string) =>
      (
        await insertCommandRecorded(ctx.deps.db, { deviceId: device.id, requestType, payload: {}, status: 'QUEUED', requestedById: null }, { now, deadlineSeconds: 60 }, (row) => ({
          audit: { actorType: 'system', actorId: 'test', action: 'command.requested', targetType: 'device', targetId: row.deviceId },
          webhook: null,
        }))
      ).row;
    const fetch = async () => (await nextCommandFor(ctx.deps.db, device.id, { skipNotNow: false, now, backoff: [60] }))!.command;
    const report = (command: Awaited<ReturnType<typeof fetch>>, outcome: Parameters<typeof storeCommandOutcomeRecorded>[2]) =>
      storeCommandOutcomeRecorded(ctx.deps.db, command, outcome, new Date(now.getTime() + 1000), (row) => ({
        audit: { actorType: 'device', actorId: device.id, action: `command.${row.status.toLowerCase()}`, targetType: 'device', targetId: row.deviceId, details: { commandId: row.id } },
        webhook: { eventType: `command.${row.status.toLowerCase()}`, data: { command: toCommandView(row) } },
      }));

    await queue('DeviceInformation');
    const sent = await fetch();
    const acknowledged = await report(sent, { outcome: 'acknowledge', result: { QueryResponses: { OSVersion: '18.1' }, Status: 'Acknowledged' } });
    const outbox = await ctx.deps.db.webhookDelivery.findMany({ where: { id: { in: acknowledged!.outbox } } });
    expect(outbox.filter((d) => d.endpointId === results.id)).toHaveLength(1);
    const stored = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: sent.id } });
    expect(stored).toEqual(acknowledged!.row);
    const delivery = await ctx.deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: acknowledged!.outbox[0]! } });
    // The payload was written before the row existed; it must say what the row now says.
    expect(delivery.payload).toMatchObject({ type: 'command.acknowledged', data: { command: JSON.parse(JSON.stringify(toCommandView(stored))) } });
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.acknowledged', targetId: device.id } })).toBe(1);

    // A repeated report changes nothing: no second audit event, no second delivery.
    expect(await report(sent, { outcome: 'acknowledge', result: {} })).toBeNull();
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.acknowledged', targetId: device.id } })).toBe(1);
    expect(await ctx.deps.db.webhookDelivery.count({ where: { eventType: 'command.acknowledged', endpointId: results.id } })).toBe(1);

    await queue('SecurityInfo');
    const second = await fetch();
    const failed = await report(second, { outcome: 'fail', error: { status: 'Error', errorChain: [{ ErrorCode: 12021 }] } });
    const storedFailure = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: second.id } });
    expect(storedFailure).toEqual(failed!.row);
    const failure = await ctx.deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: failed!.outbox[0]! } });
    expect(failure.payload).toMatchObject({ type: 'command.failed', data: { command: JSON.parse(JSON.stringify(toCommandView(storedFailure))) } });
  });
});
