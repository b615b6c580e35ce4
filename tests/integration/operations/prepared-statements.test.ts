import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePrisma, createPrisma, pgPool, type Db } from '../../../src/db/prisma.js';
import { claimCommandDelivery, findCommandByIdempotencyKey, findDeviceCommand, nextCommandFor } from '../../../src/storage/command-queue.js';
import { readDeviceActionTarget } from '../../../src/storage/device-action-target.js';
import { createIsolatedTestContext, type TestContext } from '../../support/context.js';
import { createDevice, createQueuedCommand, createUser } from '../../support/factories.js';

// The hot plain-SQL statements are named prepared statements (src/db/prisma.ts queryRows): parsed once per
// connection instead of parsed and planned on every call. A client of one connection makes "that connection" the
// one the assertions look at (pg_prepared_statements shows the asking session's own statements).
describe('prepared plain-SQL statements', () => {
  let ctx: TestContext;
  const clients: Db[] = [];
  beforeAll(async () => {
    // A database of its own: a test below adds columns to Command and Device.
    ctx = await createIsolatedTestContext();
  });
  afterAll(async () => {
    for (const db of clients) await closePrisma(db);
    await ctx?.close();
  });

  const oneConnection = (preparedStatements: boolean) => {
    const db = createPrisma(ctx.deps.config.DATABASE_URL, { poolSize: 1, preparedStatements });
    clients.push(db);
    return db;
  };
  const prepared = async (db: Db) =>
    (await pgPool(db).query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')).rows;

  const queuedCommand = (deviceId: string, idempotencyKey?: string, requestedById?: string) =>
    createQueuedCommand(ctx.deps, deviceId, ctx.clock.now(), { idempotencyKey, requestedById });

  it('parses a hot statement once per connection and runs it again by name', async () => {
    const db = oneConnection(true);
    const devices = await Promise.all([createDevice(ctx.deps), createDevice(ctx.deps)]);
    const commands = await Promise.all(devices.map((d) => queuedCommand(d.id)));
    // Two claims in two turns of the event loop: two executions of the claim statement on the one connection.
    for (const command of commands) expect(await claimCommandDelivery(db, command.id, ctx.clock.now(), 60)).toMatchObject({ id: command.id });
    const claims = (await prepared(db)).filter((s) => s.statement.includes('"leaseEnd"'));
    expect(claims).toHaveLength(1);
    expect(claims[0]!.name).toMatch(/^mdm_[0-9a-f]{32}$/);
  });

  it('prepares nothing when DATABASE_PREPARED_STATEMENTS is off (a pooler that keeps no prepared statements)', async () => {
    const db = oneConnection(false);
    const device = await createDevice(ctx.deps);
    const command = await queuedCommand(device.id);
    expect(await claimCommandDelivery(db, command.id, ctx.clock.now(), 60)).toMatchObject({ id: command.id });
    expect(await readDeviceActionTarget(db, device.id, null)).toMatchObject({ target: { device: { id: device.id } } });
    expect(await prepared(db)).toEqual([]);
  });

  it('keeps serving whole rows after a migration adds a column to their table', async () => {
    // A running process keeps its prepared statements while a newer release migrates the database. A statement
    // returning `*` would then fail with "cached plan must not change result type" until its connection closed.
    const db = oneConnection(true);
    const requester = await createUser(ctx.deps, { role: 'IT' });
    const device = await createDevice(ctx.deps);
    const keyed = await queuedCommand(device.id, 'prepared-key', requester.id);
    const readAll = async () => ({
      byKey: await findCommandByIdempotencyKey(db, requester.id, 'prepared-key'),
      target: await readDeviceActionTarget(db, device.id, { requestedById: requester.id, key: 'prepared-key' }),
      reported: await findDeviceCommand(db, device.id, keyed.id),
    });
    const before = await readAll();
    expect(before.byKey).toMatchObject({ id: keyed.id });
    expect(before.target).toMatchObject({ target: { device: { id: device.id } }, earlierCommandId: keyed.id });
    expect(before.reported).toMatchObject({ id: keyed.id, device: { ownership: 'CORPORATE' } });
    const otherDevice = await createDevice(ctx.deps);
    const [first, second] = [await queuedCommand(otherDevice.id), await queuedCommand(otherDevice.id)];
    expect(await claimCommandDelivery(db, first.id, ctx.clock.now(), 60)).toMatchObject({ id: first.id });
    expect(await nextCommandFor(db, otherDevice.id, { skipNotNow: false, now: ctx.clock.now(), backoff: [60] })).toMatchObject({ command: { id: first.id } });

    await ctx.deps.db.$executeRawUnsafe('ALTER TABLE "Command" ADD COLUMN "addedByALaterRelease" integer');
    await ctx.deps.db.$executeRawUnsafe('ALTER TABLE "Device" ADD COLUMN "addedByALaterRelease" integer');

    const after = await readAll();
    expect(after.byKey).toEqual(before.byKey);
    expect(after.target).toEqual(before.target);
    expect(after.reported).toEqual(before.reported);
    expect(await claimCommandDelivery(db, second.id, ctx.clock.now(), 60)).toMatchObject({ id: second.id });
    // A SENT command the device has not answered stays at the head of its queue: sent again.
    expect(await nextCommandFor(db, otherDevice.id, { skipNotNow: false, now: ctx.clock.now(), backoff: [60] })).toMatchObject({ command: { id: first.id, attempts: 3 } });
    // The statements above ran prepared, not re-parsed under new names.
    expect((await prepared(db)).length).toBeGreaterThanOrEqual(5);
  });
});
