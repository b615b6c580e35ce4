import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCommandRecorded } from '../../../src/storage/command-queue.js';
import { readDeviceActionTarget } from '../../../src/storage/device-action-target.js';
import { bearer, createTestContext, type TestContext } from '../../support/context.js';
import { createDevice, createUser } from '../../support/factories.js';

/** The one read a lock or wipe request makes before storing its command (storage/device-action-target.ts). */
describe('readDeviceActionTarget', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const storeKeyed = async (deviceId: string, requestedById: string | null, idempotencyKey: string) =>
    (
      await insertCommandRecorded(
        ctx.deps.db,
        { deviceId, requestType: 'DeviceLock', payload: {}, status: 'QUEUED', requestedById, idempotencyKey },
        { now: ctx.deps.clock.now(), deadlineSeconds: 3600 },
        () => ({ audit: { actorType: 'system', actorId: 'test', action: 'command.requested', targetType: 'device', targetId: deviceId }, webhook: null }),
      )
    ).row;

  it('reads an Apple device with its enrolment traits, the product name out of the Authenticate report', async () => {
    const key = randomUUID();
    const device = await createDevice(ctx.deps, {
      appleEnrollment: {
        tokenHash: `hash-${key}`, tokenExpiresAt: ctx.deps.clock.now(), accessRights: 4095, type: 'USER', userEnrollment: true,
        enrollmentId: `E-${key}`, profileIdentifier: `org.example.mdm.${key}`, lastAuthenticate: { MessageType: 'Authenticate', ProductName: 'MacBookPro18,3' },
      },
    });
    const { target, earlierCommandId } = await readDeviceActionTarget(ctx.deps.db, device.id, null);
    expect(earlierCommandId).toBeNull();
    expect(target!.device).toEqual(await ctx.deps.db.device.findUniqueOrThrow({ where: { id: device.id } }));
    expect(target!.apple).toEqual({ type: 'USER', userEnrollment: true, accessRights: 4095, profileIdentifier: `org.example.mdm.${key}`, productName: 'MacBookPro18,3' });
    expect(target!.android).toBeNull();
  });

  it('reads an Android device with its management mode, and an Apple device whose enrolment is gone without one', async () => {
    const android = await createDevice(ctx.deps, { platform: 'ANDROID', ownership: 'PERSONAL', android: { managementMode: 'PROFILE_OWNER' } });
    expect((await readDeviceActionTarget(ctx.deps.db, android.id, null)).target).toMatchObject({ apple: null, android: { managementMode: 'PROFILE_OWNER' } });
    const bare = await createDevice(ctx.deps);
    expect((await readDeviceActionTarget(ctx.deps.db, bare.id, null)).target).toMatchObject({ apple: null, android: null });
  });

  it('finds no target for an unknown device', async () => {
    expect(await readDeviceActionTarget(ctx.deps.db, randomUUID(), null)).toEqual({ target: null, earlierCommandId: null });
  });

  it("finds an earlier command by idempotency key only for the same requester, a person's or the system's", async () => {
    const requester = await createUser(ctx.deps, { role: 'IT' });
    const other = await createUser(ctx.deps, { role: 'IT' });
    const device = await createDevice(ctx.deps);
    const key = `retry-${randomUUID()}`;
    const mine = await storeKeyed(device.id, requester.id, key);
    const system = await storeKeyed(device.id, null, key);

    expect((await readDeviceActionTarget(ctx.deps.db, device.id, { requestedById: requester.id, key })).earlierCommandId).toBe(mine.id);
    expect((await readDeviceActionTarget(ctx.deps.db, device.id, { requestedById: null, key })).earlierCommandId).toBe(system.id);
    expect((await readDeviceActionTarget(ctx.deps.db, device.id, { requestedById: other.id, key })).earlierCommandId).toBeNull();
    expect((await readDeviceActionTarget(ctx.deps.db, device.id, { requestedById: requester.id, key: `${key}-other` })).earlierCommandId).toBeNull();
    // A retry names its earlier command even when it names another device: the use case answers that with 409.
    const elsewhere = await createDevice(ctx.deps);
    expect(await readDeviceActionTarget(ctx.deps.db, elsewhere.id, { requestedById: requester.id, key })).toMatchObject({ earlierCommandId: mine.id, target: { device: { id: elsewhere.id } } });
  });

  it('answers requests that read at the same moment (one statement) each with its own device and earlier command', async () => {
    const requester = await createUser(ctx.deps, { role: 'IT' });
    const apple = await createDevice(ctx.deps);
    const android = await createDevice(ctx.deps, { platform: 'ANDROID', android: { managementMode: 'DEVICE_OWNER' } });
    const key = `same-moment-${randomUUID()}`;
    const earlier = await storeKeyed(apple.id, requester.id, key);
    const reads = await Promise.all([
      readDeviceActionTarget(ctx.deps.db, android.id, null),
      readDeviceActionTarget(ctx.deps.db, apple.id, { requestedById: requester.id, key }),
      readDeviceActionTarget(ctx.deps.db, 'not-a-uuid', null), // names no device, and fails nobody else's read
      readDeviceActionTarget(ctx.deps.db, android.id, { requestedById: null, key }),
    ]);
    expect(reads.map((r) => [r.target?.device.id ?? null, r.earlierCommandId])).toEqual([
      [android.id, null],
      [apple.id, earlier.id],
      [null, null],
      [android.id, null],
    ]);
    expect(reads[0]!.target!.android).toEqual({ managementMode: 'DEVICE_OWNER' });
  });

  it('a selective wipe of a device we record as personal but Google manages whole is refused with 422 and queues nothing', async () => {
    // On a fully managed device AMAPI's WIPE is a factory reset: the organisation must never send it to a phone it
    // calls someone's own.
    const it = await createUser(ctx.deps, { role: 'IT', mfa: true });
    const device = await createDevice(ctx.deps, { platform: 'ANDROID', ownership: 'PERSONAL', android: { managementMode: 'DEVICE_OWNER' } });
    const response = await ctx.app.inject({
      method: 'POST', url: `/v1/devices/${device.id}/wipe`, headers: await bearer(ctx, it), payload: { kind: 'selective', reason: 'leaver' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/recorded as personally owned but Google manages it as a fully managed device/);
    expect(await ctx.deps.db.command.count({ where: { deviceId: device.id } })).toBe(0);
  });
});
