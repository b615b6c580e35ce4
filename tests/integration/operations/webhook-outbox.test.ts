import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestDeviceAction } from '../../../src/use-cases/commands/request-device-action.js';
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
});
