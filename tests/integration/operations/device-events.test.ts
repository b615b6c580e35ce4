import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDeviceEvents } from '../../../src/use-cases/webhooks/publish-device-events.js';
import { createTestContext, type TestContext } from '../../support/context.js';
import { createMigratedScratchDatabase } from '../../support/scratch-database.js';
import { ownRedisPrefix } from '../../support/operations.js';
import { createDevice } from '../../support/factories.js';

describe('device status webhooks', () => {
  let ctx: TestContext;
  let database: Awaited<ReturnType<typeof createMigratedScratchDatabase>>;
  const published: { type: string; data: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    database = await createMigratedScratchDatabase();
    ctx = await createTestContext({ DATABASE_URL: database.url, REDIS_PREFIX: ownRedisPrefix('device-events') });
    ctx.deps.webhooks.publisher = {
      publish: async (type, data) => void published.push({ type, data }),
      stage: async (_tx, type, data) => (published.push({ type, data }), []),
      queue: async () => {},
    };
  });
  afterAll(async () => {
    await ctx.close();
    await database.drop();
  });

  it('publishes every status change once, whichever code made it, and nothing for a rolled-back change', async () => {
    const device = await createDevice(ctx.deps, { status: 'PENDING', ownership: 'PERSONAL' });
    await ctx.deps.db.device.update({ where: { id: device.id }, data: { status: 'ENROLLED' } });
    await ctx.deps.db.device.update({ where: { id: device.id }, data: { displayName: 'not a status change' } });
    await ctx.deps.db
      .$transaction(async (tx) => {
        await tx.device.update({ where: { id: device.id }, data: { status: 'WIPED' } });
        throw new Error('rollback');
      })
      .catch(() => {});
    await ctx.deps.db.device.updateMany({ where: { id: device.id }, data: { status: 'UNENROLLED' } });

    expect(await publishDeviceEvents(ctx.deps)).toBe(3);
    expect(await publishDeviceEvents(ctx.deps)).toBe(0);
    expect(published.map((p) => [p.type, p.data.from, p.data.to])).toEqual([
      ['device.status_changed', null, 'PENDING'],
      ['device.status_changed', 'PENDING', 'ENROLLED'],
      ['device.status_changed', 'ENROLLED', 'UNENROLLED'],
    ]);
    expect(published[1]!.data).toMatchObject({ deviceId: device.id, ownership: 'PERSONAL', platform: 'APPLE' });
  });
});
