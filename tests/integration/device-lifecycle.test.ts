import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createAppleContext, enrolDevice, simulator, startFakeApns, type FakeApns } from '../support/apple.js';
import { bearer, createTestContext, type TestContext } from '../support/context.js';
import { ENTERPRISE, FakeAmapi, pushBody } from '../support/fake-amapi.js';
import { androidFixture } from '../support/fixtures.js';
import type { AmapiDevice } from '../../src/mdm/android/amapi-types.js';
import { RETIREMENT_WIPE_REASON } from '../../src/mdm/android/commands.js';
import { reconcileDeliveries } from '../../src/use-cases/commands/reconcile-deliveries.js';

const BYOD = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
const CORPORATE = androidFixture<AmapiDevice>('device-company-owned-compliant.json');
import { expireAppleEnrollments } from '../../src/use-cases/apple/expire-enrollments.js';
import { evaluateDevice } from '../../src/use-cases/compliance/evaluate-device.js';
import { createUser, type TestUser } from '../support/factories.js';


describe('enrolment lifecycle: expiry, cancel, retire, commands that could never be delivered', () => {
  let ctx: TestContext;
  let apns: FakeApns;
  let it_: Record<string, string>;
  let staff: Record<string, string>;

  beforeAll(async () => {
    apns = await startFakeApns();
    ctx = await createAppleContext(apns, { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT', mfa: true }));
    staff = await bearer(ctx, await createUser(ctx.deps));
  });
  afterAll(async () => {
    await ctx?.close();
    await apns?.close();
  });

  async function pending() {
    const user = await createUser(ctx.deps);
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: it_, payload: { platform: 'apple', ownership: 'corporate', userId: user.id } });
    expect(created.statusCode).toBe(201);
    return created.json() as { deviceId: string; profileUrl: string };
  }

  const retire = (deviceId: string, headers = it_, payload: unknown = { reason: 'left the organisation' }) =>
    ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/retire`, headers, payload: payload as object });

  it('a profile downloaded but never installed expires like an unused link, and its identity is revoked', async () => {
    const { deviceId, profileUrl } = await pending();
    const sim = simulator(ctx);
    expect((await sim.enrol(profileUrl)).status).toBe(200);
    ctx.clock.advance(ctx.deps.config.APPLE_ENROLLMENT_TOKEN_TTL_MINUTES * 60_000 + 1000);
    expect(await expireAppleEnrollments(ctx.deps, { deviceIds: [deviceId] })).toBe(1);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
    const certificates = await ctx.deps.db.appleCertificate.findMany({ where: { enrollment: { deviceId } } });
    expect(certificates.length).toBeGreaterThan(0);
    expect(certificates.every((c) => c.revokedAt !== null)).toBe(true);
    const audit = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { action: 'apple.enrollment.expired', targetId: deviceId } });
    expect(audit.details).toMatchObject({ profileDownloaded: true });
    // Installing the stale profile later gets nowhere.
    expect((await sim.authenticate()).status).toBe(400);
    ctx.clock.set(new Date());
  });

  it('a command for a device that never completed enrolment is refused, not queued for ever', async () => {
    const { deviceId } = await pending();
    const wipe = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/wipe`, headers: it_, payload: { kind: 'selective', reason: 'lost before setup' } });
    expect(wipe.statusCode).toBe(409);
    expect(wipe.json().error.message).toMatch(/not completed enrolment/);
    expect(await ctx.deps.db.command.count({ where: { deviceId } })).toBe(0);
  });

  it('IT cancels a pending enrolment: the link stops working, the record stays', async () => {
    const { deviceId, profileUrl } = await pending();
    expect((await retire(deviceId, staff)).statusCode).toBe(403);
    expect((await retire(randomUUID())).statusCode).toBe(404);
    expect((await retire(deviceId, it_, { reason: 'x\u0000y' })).statusCode).toBe(400);
    expect((await retire(deviceId, it_, { reason: 'fine reason', extra: 1 })).statusCode).toBe(400);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('PENDING');

    const cancelled = await retire(deviceId);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ deviceId, outcome: 'CANCELLED', status: 'UNENROLLED' });
    expect((await simulator(ctx).enrol(profileUrl)).status).toBeGreaterThanOrEqual(400);
    expect((await retire(deviceId)).statusCode).toBe(409);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'device.enrollment_cancelled', targetId: deviceId } })).toBe(1);
  });

  it('IT retires an enrolled iPhone: RemoveProfile of the enrolment profile first, identity revoked when the device acknowledges', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate', userId: user.id });
    await evaluateDevice(ctx.deps, deviceId);
    expect(await ctx.deps.db.deviceCompliance.count({ where: { deviceId } })).toBe(1);
    const queued = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'ProfileList' } });
    expect(queued.statusCode).toBe(201);

    const retired = await retire(deviceId);
    expect(retired.statusCode).toBe(200);
    const body = retired.json();
    expect(body).toMatchObject({ outcome: 'RETIRING', status: 'RETIRING', cancelledCommands: 1, revokedCertificates: 0 });
    expect(body.retirement).toMatchObject({ method: 'APPLE_REMOVE_PROFILE', effect: 'MANAGEMENT_PROFILE', state: 'PENDING', outcome: null });
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.json().id } })).status).toBe('CANCELLED');
    const removal = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: body.retirement.commandId } });
    expect(removal).toMatchObject({ requestType: 'RemoveProfile', status: 'QUEUED', payload: { Identifier: sim.profile!.identifier } });
    // Not revoked yet: the device must still be able to fetch the RemoveProfile.
    expect(await ctx.deps.db.appleCertificate.count({ where: { enrollment: { deviceId }, revokedAt: { not: null } } })).toBe(0);
    // While retiring it takes no other command, and a replayed retire changes nothing.
    const lock = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/lock`, headers: it_, payload: { reason: 'too late' } });
    expect(lock.statusCode).toBe(409);
    expect((await retire(deviceId)).statusCode).toBe(409);
    expect(await ctx.deps.db.command.count({ where: { deviceId, requestType: 'RemoveProfile' } })).toBe(1);
    await evaluateDevice(ctx.deps, deviceId);
    expect(await ctx.deps.db.deviceCompliance.count({ where: { deviceId } })).toBe(0);

    const handled = await sim.runSession();
    expect(handled.map((c) => (c.Command as { RequestType: string }).RequestType)).toEqual(['RemoveProfile']);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: removal.id } })).status).toBe('ACKNOWLEDGED');
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
    expect(await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } })).toMatchObject({ state: 'COMPLETED', outcome: 'PROFILE_REMOVED' });
    const certificates = await ctx.deps.db.appleCertificate.findMany({ where: { enrollment: { deviceId } } });
    expect(certificates.every((c) => c.revokedAt !== null)).toBe(true);
    // The device can no longer talk to the server.
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(400);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'device.retirement_started', targetId: deviceId } })).toBe(1);
    expect(await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { action: 'device.retired', targetId: deviceId } })).toMatchObject({ details: { outcome: 'PROFILE_REMOVED' } });
    expect((await retire(deviceId)).statusCode).toBe(409);
  });

  it('a NotNow keeps the retirement pending; the next answer finishes it', async () => {
    const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' }, { notNowFor: ['RemoveProfile'] });
    expect((await retire(deviceId)).statusCode).toBe(200);
    await sim.runSession();
    const pendingRetirement = await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } });
    expect(pendingRetirement.state).toBe('PENDING');
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: pendingRetirement.commandId! } })).status).toBe('QUEUED');
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('RETIRING');
    expect(await ctx.deps.db.appleCertificate.count({ where: { enrollment: { deviceId }, revokedAt: null } })).toBe(1);

    sim.set({ notNowFor: [] });
    await sim.runSession();
    expect(await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } })).toMatchObject({ state: 'COMPLETED', outcome: 'PROFILE_REMOVED' });
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
  });

  it('a device that answers by checking out (profile removed) is retired as checked out', async () => {
    const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await retire(deviceId)).statusCode).toBe(200);
    expect((await sim.checkOut()).status).toBe(200);
    const retirement = await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } });
    expect(retirement).toMatchObject({ state: 'COMPLETED', outcome: 'CHECKED_OUT' });
    expect(retirement.confirmedAt).not.toBeNull();
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: retirement.commandId! } })).status).toBe('CANCELLED');
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
  });

  it('a device that never fetches the RemoveProfile is retired when the command expires: identity revoked all the same', async () => {
    const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const started = await retire(deviceId);
    expect(started.statusCode).toBe(200);
    ctx.clock.advance(ctx.deps.config.COMMAND_DELIVERY_DEADLINE_SECONDS * 1000 + 1000);
    try {
      await reconcileDeliveries(ctx.deps);
    } finally {
      ctx.clock.set(new Date());
    }
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: started.json().retirement.commandId } })).status).toBe('EXPIRED');
    expect(await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } })).toMatchObject({ state: 'COMPLETED', outcome: 'NOT_DELIVERED' });
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(400);
  });

  it('a personal User Enrolment iPhone loses only its managed data; nothing is erased', async () => {
    const owner = await createUser(ctx.deps);
    const { deviceId, sim } = await enrolDevice(ctx, await bearer(ctx, owner), { ownership: 'personal' }, { userEnrollment: true });
    // Its own user cannot retire it through this IT route, nor can a manager.
    expect((await retire(deviceId, await bearer(ctx, owner))).statusCode).toBe(403);
    const manager = await createUser(ctx.deps, { role: 'MANAGER' });
    await ctx.deps.db.user.update({ where: { id: owner.id }, data: { managerId: manager.id } });
    expect((await retire(deviceId, await bearer(ctx, manager))).statusCode).toBe(403);

    const retired = await retire(deviceId);
    expect(retired.statusCode).toBe(200);
    expect(retired.json().retirement).toMatchObject({ effect: 'MANAGED_DATA_ONLY', details: { enrollmentType: 'USER', ownership: 'PERSONAL' } });
    expect(retired.json().retirement.details.description).toMatch(/only the managed data/);
    const handled = await sim.runSession();
    expect(handled.map((c) => (c.Command as { RequestType: string }).RequestType)).toEqual(['RemoveProfile']);
    expect(await ctx.deps.db.command.count({ where: { deviceId, requestType: 'EraseDevice' } })).toBe(0);
    expect(await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } })).toMatchObject({ outcome: 'PROFILE_REMOVED' });
  });

  it("another device cannot answer a retirement's RemoveProfile to end it", async () => {
    const victim = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const attacker = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const started = await retire(victim.deviceId);
    const commandId = started.json().retirement.commandId as string;
    const answered = await attacker.sim.connect({ CommandUUID: commandId, Status: 'Error', ErrorChain: [] });
    expect(answered.response.status).toBe(200);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: commandId } })).status).toBe('QUEUED');
    expect(await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId: victim.deviceId } })).toMatchObject({ state: 'PENDING' });
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'apple.command.unknown_result', targetId: attacker.deviceId } })).toBe(1);
  });
});

describe('retiring Android devices deletes them at Google (fake AMAPI)', () => {
  let ctx: TestContext;
  let fake: FakeAmapi;
  let it_: Record<string, string>;
  let itUser: TestUser;
  let counter = 0;

  beforeAll(async () => {
    fake = await FakeAmapi.start();
    ctx = await createTestContext({ ...fake.env(), LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    itUser = await createUser(ctx.deps, { role: 'IT', mfa: true });
    it_ = await bearer(ctx, itUser);
  });
  afterAll(async () => {
    await ctx?.close();
    await fake?.close();
  });

  async function push(type: string, resource: unknown) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/mdm/android/pubsub',
      headers: { authorization: `Bearer ${await fake.pushToken()}` },
      payload: pushBody(type, resource, `m${Date.now()}${++counter}`),
    });
    expect(response.statusCode).toBe(204);
  }

  async function enrolled(ownership: 'corporate' | 'personal', template: AmapiDevice) {
    const user = await createUser(ctx.deps);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/v1/enrollments',
      headers: ownership === 'corporate' ? it_ : await bearer(ctx, user),
      payload: { platform: 'android', ownership, ...(ownership === 'corporate' ? { userId: user.id } : {}) },
    });
    expect(response.statusCode).toBe(201);
    const { deviceId } = response.json() as { deviceId: string };
    const { enrollmentTokenName } = await ctx.deps.db.androidDevice.findUniqueOrThrow({ where: { deviceId } });
    const amapi: AmapiDevice = { ...template, name: `${ENTERPRISE}/devices/${deviceId.replaceAll('-', '').slice(0, 16)}`, enrollmentTokenName: enrollmentTokenName! };
    fake.devices.set(amapi.name!, amapi);
    await push('ENROLLMENT', amapi);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('ENROLLED');
    return { deviceId, amapi };
  }

  const retire = (deviceId: string, headers = it_) =>
    ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/retire`, headers, payload: { reason: 'returned to IT' } });

  it('a personal work-profile phone: devices.delete removes only the work profile; a replay calls Google no more', async () => {
    const { deviceId, amapi } = await enrolled('personal', BYOD);
    const retired = await retire(deviceId);
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({
      outcome: 'RETIRED',
      status: 'UNENROLLED',
      retirement: { method: 'AMAPI_DELETE', effect: 'WORK_PROFILE', state: 'COMPLETED', outcome: 'DELETED_AT_GOOGLE', details: { wipeDataFlags: [] } },
    });
    const deletions = fake.deletedDevices.filter((d) => d.name === amapi.name);
    expect(deletions).toEqual([{ name: amapi.name, wipeDataFlags: [], wipeReasonMessage: RETIREMENT_WIPE_REASON }]);
    expect(RETIREMENT_WIPE_REASON.length).toBeLessThanOrEqual(200);
    expect(fake.amapiRequests().filter((r) => r.method === 'POST' && r.path.includes(amapi.name!)).length).toBe(0); // no WIPE command as well

    expect((await retire(deviceId)).statusCode).toBe(409);
    expect(fake.amapiRequests().filter((r) => r.method === 'DELETE' && r.path.endsWith(amapi.name!)).length).toBe(1);

    // Google's final report confirms it.
    await push('STATUS_REPORT', { ...amapi, appliedState: 'DELETED', state: 'DELETED', lastStatusReportTime: new Date(Date.now() + 60_000).toISOString() });
    expect((await ctx.deps.db.deviceRetirement.findUniqueOrThrow({ where: { deviceId } })).confirmedAt).not.toBeNull();
  });

  it('a company-owned fully managed phone is factory reset, external storage included', async () => {
    const { deviceId, amapi } = await enrolled('corporate', CORPORATE);
    const retired = await retire(deviceId);
    expect(retired.statusCode).toBe(200);
    expect(retired.json().retirement).toMatchObject({ effect: 'FACTORY_RESET', outcome: 'DELETED_AT_GOOGLE' });
    expect(fake.deletedDevices.find((d) => d.name === amapi.name)).toEqual({ name: amapi.name, wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'], wipeReasonMessage: null });
  });

  it('a personal phone Google reports as fully managed is never deleted (that would factory reset it)', async () => {
    const { deviceId, amapi } = await enrolled('personal', { ...BYOD, managementMode: 'DEVICE_OWNER' });
    const refused = await retire(deviceId);
    expect(refused.statusCode).toBe(422);
    expect(fake.deletedDevices.some((d) => d.name === amapi.name)).toBe(false);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('ENROLLED');
  });

  it('Google unavailable: 503 and nothing changes; the retry succeeds, and a device Google already forgot counts as deleted', async () => {
    const { deviceId, amapi } = await enrolled('personal', BYOD);
    fake.failNext = 503;
    expect((await retire(deviceId)).statusCode).toBe(503);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('ENROLLED');
    expect(await ctx.deps.db.deviceRetirement.count({ where: { deviceId } })).toBe(0);

    fake.devices.delete(amapi.name!); // deleted in Google's console meanwhile
    const retried = await retire(deviceId);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().retirement).toMatchObject({ outcome: 'ALREADY_GONE_AT_GOOGLE', effect: 'WORK_PROFILE' });
  });

  it('only IT retires: staff are refused and Google is not called; unknown ids are 404', async () => {
    const { deviceId, amapi } = await enrolled('personal', BYOD);
    const staff = await createUser(ctx.deps);
    expect((await retire(deviceId, await bearer(ctx, staff))).statusCode).toBe(403);
    expect((await retire(randomUUID())).statusCode).toBe(404);
    expect(fake.deletedDevices.some((d) => d.name === amapi.name)).toBe(false);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('ENROLLED');
  });
});
