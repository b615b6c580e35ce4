import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushDevice } from '../../../src/use-cases/apple/push-device.js';
import { deliverCommand } from '../../../src/use-cases/commands/deliver-command.js';
import { refreshApplePosture } from '../../../src/use-cases/apple/refresh-posture.js';
import { expireAppleEnrollments } from '../../../src/use-cases/apple/expire-enrollments.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice, simulator } from '../../support/apple.js';
import { startFakeApns, type FakeApns } from '../../../tools/fake-apns.js';
import { pendingJobPayloads } from '../../support/operations.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { planFor } from '../../support/plan-for.js';

describe('Apple enrolment and command API', () => {
  let ctx: TestContext;
  let apns: FakeApns;
  let itUser: TestUser;
  let it_: Record<string, string>;
  let itMfa: Record<string, string>;
  let manager: TestUser;
  let staff: TestUser;
  let staffAuth: Record<string, string>;

  beforeAll(async () => {
    apns = await startFakeApns();
    ctx = await createAppleContext(apns);
    itUser = await createUser(ctx.deps, { role: 'IT' });
    it_ = await bearer(ctx, itUser);
    itMfa = await bearer(ctx, await createUser(ctx.deps, { role: 'IT', mfa: true }));
    manager = await createUser(ctx.deps, { role: 'MANAGER' });
    staff = await createUser(ctx.deps, { role: 'STAFF', managerId: manager.id });
    staffAuth = await bearer(ctx, staff);
  });
  afterAll(async () => {
    await ctx?.close();
    await apns?.close();
  });

  const enrol = (headers: Record<string, string>, payload: object) => ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers, payload });
  // The test clock stands still; step it so queue order follows the order of the calls.
  const command = (deviceId: string, body: object, headers = itMfa) =>
    ctx.clock.advance(1) ?? ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers, payload: body });

  describe('POST /v1/enrollments', () => {
    it('staff enrol their own device as personal, owned by them', async () => {
      const response = await enrol(staffAuth, { platform: 'apple', ownership: 'personal' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ ownership: 'personal', userId: staff.id });
    });

    it('staff may not enrol a corporate device or a device for someone else', async () => {
      expect((await enrol(staffAuth, { platform: 'apple', ownership: 'corporate' })).statusCode).toBe(403);
      expect((await enrol(staffAuth, { platform: 'apple', ownership: 'personal', userId: manager.id })).statusCode).toBe(403);
    });

    it('the personal profile asks for the least rights (no lock, no erase)', async () => {
      const { profileUrl } = (await enrol(staffAuth, { platform: 'apple', ownership: 'personal' })).json();
      const sim = simulator(ctx);
      await sim.enrol(profileUrl);
      expect(sim.profile!.accessRights).toBe(1 | 2 | 16 | 1024);
    });

    it('an expired enrolment link gets 410 and issues nothing', async () => {
      const { profileUrl, deviceId } = (await enrol(it_, { platform: 'apple', ownership: 'corporate' })).json();
      ctx.clock.advance(ctx.deps.config.APPLE_ENROLLMENT_TOKEN_TTL_MINUTES * 60_000 + 1000);
      try {
        const response = await simulator(ctx).enrol(profileUrl);
        expect(response.status).toBe(410);
        expect(JSON.parse(response.body.toString()).error.message).toMatch(/expired/);
        expect(await ctx.deps.db.appleCertificate.count({ where: { enrollment: { deviceId } } })).toBe(0);
      } finally {
        ctx.clock.set(new Date());
      }
    });

    it('a link that expires unused, or whose profile was downloaded but never installed, takes its device out of PENDING; an installed one does not', async () => {
      const unused = (await enrol(it_, { platform: 'apple', ownership: 'corporate' })).json();
      const downloaded = (await enrol(it_, { platform: 'apple', ownership: 'corporate' })).json();
      const installed = (await enrol(it_, { platform: 'apple', ownership: 'corporate' })).json();
      await simulator(ctx).enrol(downloaded.profileUrl);
      const sim = simulator(ctx);
      await sim.enrol(installed.profileUrl);
      expect((await sim.authenticate()).status).toBe(200);
      ctx.clock.advance(ctx.deps.config.APPLE_ENROLLMENT_TOKEN_TTL_MINUTES * 60_000 + 1000);
      try {
        // Scoped: other test files enrol devices in the same database at the same time.
        await expireAppleEnrollments(ctx.deps, { deviceIds: [unused.deviceId, downloaded.deviceId, installed.deviceId] });
      } finally {
        ctx.clock.set(new Date());
      }
      expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: unused.deviceId } })).status).toBe('UNENROLLED');
      expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: downloaded.deviceId } })).status).toBe('UNENROLLED');
      expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: installed.deviceId } })).status).toBe('ENROLLED');
    });

    it('an unknown token gets 404', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: `/v1/enrollments/${'A'.repeat(43)}/profile` });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('guarded commands', () => {
    it('EraseDevice needs a recent MFA', async () => {
      const { deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const response = await command(deviceId, { requestType: 'EraseDevice' }, it_);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('STEP_UP_REQUIRED');
      expect(await ctx.deps.db.command.count({ where: { deviceId, requestType: 'EraseDevice' } })).toBe(0);
    });

    it('EraseDevice on a corporate device with recent MFA is queued at high priority and pushed', async () => {
      const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const response = await command(deviceId, { requestType: 'EraseDevice' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ requestType: 'EraseDevice', status: 'QUEUED', priority: 10 });
      expect(await pushDevice(ctx.deps, deviceId)).toBe('sent');
      expect(apns.requests.at(-1)).toMatchObject({ path: `/3/device/${sim.pushToken.toString('hex')}` });
      await sim.runSession();
      expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('WIPED');
    });

    it('EraseDevice is refused on a personal device before anything is queued', async () => {
      const { deviceId } = await enrolDevice(ctx, staffAuth, { ownership: 'personal' });
      const response = await command(deviceId, { requestType: 'EraseDevice' });
      // The operations rule, whichever API asks: never a full wipe of a personally-owned device.
      expect(response.statusCode).toBe(403);
      expect(await ctx.deps.db.command.count({ where: { deviceId, requestType: 'EraseDevice' } })).toBe(0);
    });

    it('EraseDevice is refused on User Enrolment; DeviceLock is allowed there (iOS)', async () => {
      const { deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' }, { userEnrollment: true });
      expect((await command(deviceId, { requestType: 'EraseDevice' })).statusCode).toBe(422);
      expect((await command(deviceId, { requestType: 'DeviceLock', message: 'Call IT' })).statusCode).toBe(201);
      expect((await command(deviceId, { requestType: 'DeviceInformation', queries: ['SerialNumber'] })).statusCode).toBe(422);
    });

    it('staff and managers cannot queue commands', async () => {
      const { deviceId } = await enrolDevice(ctx, staffAuth, { ownership: 'personal' });
      expect((await command(deviceId, { requestType: 'SecurityInfo' }, staffAuth)).statusCode).toBe(403);
    });
  });

  describe('User Enrolment posture', () => {
    it('stores the EnrollmentID only, and posture without what User Enrolment hides', async () => {
      const { deviceId, sim } = await enrolDevice(ctx, staffAuth, { ownership: 'personal' }, { userEnrollment: true });
      const apple = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
      expect(apple).toMatchObject({ type: 'USER', enrollmentId: sim.enrollmentId, appleEnrollmentId: sim.enrollmentId, udid: null });
      const device = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } });
      expect(device.serialNumber).toBeNull();
      const posture = await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId } });
      expect(posture).toMatchObject({ passcodePresent: null, passcodeCompliant: true, osVersion: '17.5.1' });
    });
  });

  describe('queue inspection and cancel', () => {
    it('cancels a queued command; a sent one answers 409', async () => {
      const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const a = (await command(deviceId, { requestType: 'ProfileList' })).json();
      const b = (await command(deviceId, { requestType: 'SecurityInfo' })).json();
      const cancelled = await ctx.app.inject({ method: 'DELETE', url: `/v1/commands/${b.id}`, headers: it_ });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json().status).toBe('CANCELLED');
      const { command: sent } = await sim.connect({ Status: 'Idle' });
      expect(sent?.CommandUUID).toBe(a.id);
      expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/commands/${a.id}`, headers: it_ })).statusCode).toBe(409);
      // The cancelled command is never offered.
      const end = await sim.connect(sim.answer(sent!));
      expect(end.response.body.length).toBe(0);
    });

    it("the owner and their manager see the device's commands; another team's manager gets 404", async () => {
      const { deviceId } = await enrolDevice(ctx, staffAuth, { ownership: 'personal' });
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/commands`, headers: staffAuth })).statusCode).toBe(200);
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/commands`, headers: await bearer(ctx, manager) })).statusCode).toBe(200);
      const otherManager = await bearer(ctx, await createUser(ctx.deps, { role: 'MANAGER' }));
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/commands`, headers: otherManager })).statusCode).toBe(404);
      const someCommand = await ctx.deps.db.command.findFirstOrThrow({ where: { deviceId } });
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/commands/${someCommand.id}`, headers: otherManager })).statusCode).toBe(404);
    });

    it('staff cannot cancel commands', async () => {
      const { deviceId } = await enrolDevice(ctx, staffAuth, { ownership: 'personal' });
      const queued = (await command(deviceId, { requestType: 'ProfileList' })).json();
      expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/commands/${queued.id}`, headers: staffAuth })).statusCode).toBe(403);
    });
  });

  describe('push and scheduled posture', () => {
    it('APNs 410 marks the token invalid and stops further pushes until the next TokenUpdate', async () => {
      const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      apns.respond = () => ({ status: 410, reason: 'Unregistered' });
      try {
        expect(await pushDevice(ctx.deps, deviceId)).toBe('token-invalid');
      } finally {
        apns.respond = () => ({ status: 200 });
      }
      expect((await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } })).pushTokenInvalidAt).not.toBeNull();
      const pushes = apns.requests.length;
      expect(await pushDevice(ctx.deps, deviceId)).toBe('skipped');
      expect(apns.requests.length).toBe(pushes);
      await sim.tokenUpdate();
      expect(await pushDevice(ctx.deps, deviceId)).toBe('sent');
    });

    it('APNs throttling or server errors throw so the job retries, counted as failed pushes and noted on the waiting commands', async () => {
      const { deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const queued = (await command(deviceId, { requestType: 'ProfileList' })).json() as { id: string };
      const failures = async () => (await ctx.deps.metrics.apnsPushes.get()).values.find((v) => v.labels.outcome === 'error_status')?.value ?? 0;
      const before = await failures();
      apns.respond = () => ({ status: 503, reason: 'ServiceUnavailable' });
      try {
        await expect(pushDevice(ctx.deps, deviceId)).rejects.toThrow('503');
      } finally {
        apns.respond = () => ({ status: 200 });
      }
      expect(await failures()).toBe(before + 1);
      const stored = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.id } });
      expect(stored).toMatchObject({ status: 'QUEUED', error: { message: 'APNs push failed: APNs answered 503 (ServiceUnavailable)' } });
    });

    it('the scheduled refresh re-queries only devices whose posture is due', async () => {
      const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const count = () => ctx.deps.db.command.count({ where: { deviceId, requestType: 'SecurityInfo' } });
      const before = await count();
      await refreshApplePosture(ctx.deps, { deviceIds: [deviceId] });
      expect(await count()).toBe(before);
      ctx.clock.advance(ctx.deps.config.APPLE_POSTURE_REFRESH_MS + 60_000);
      try {
        await refreshApplePosture(ctx.deps, { deviceIds: [deviceId] });
        expect(await count()).toBe(before + 1);
        await refreshApplePosture(ctx.deps, { deviceIds: [deviceId] }); // still pending: not queued twice
        expect(await count()).toBe(before + 1);
        expect((await sim.runSession()).length).toBeGreaterThanOrEqual(2);
      } finally {
        ctx.clock.set(new Date());
      }
    });
  });

  describe('CommandChannel', () => {
    it('plans LOCK, WIPE_FULL and WIPE_SELECTIVE for a corporate device', async () => {
      const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const channel = ctx.deps.apple.channel;
      expect(await planFor(ctx.deps.db, channel, deviceId, 'LOCK', { message: 'Lost' })).toMatchObject({ requestType: 'DeviceLock', payload: { Message: 'Lost' } });
      expect(await planFor(ctx.deps.db, channel, deviceId, 'WIPE_FULL', {})).toMatchObject({ requestType: 'EraseDevice' });
      expect(await planFor(ctx.deps.db, channel, deviceId, 'WIPE_SELECTIVE', {})).toMatchObject({ requestType: 'RemoveProfile', payload: { Identifier: sim.profile!.identifier } });
    });

    it('refuses WIPE_FULL and LOCK on a personal device but allows WIPE_SELECTIVE', async () => {
      const { deviceId } = await enrolDevice(ctx, staffAuth, { ownership: 'personal' });
      await expect(planFor(ctx.deps.db, ctx.deps.apple.channel, deviceId, 'WIPE_FULL', {})).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
      await expect(planFor(ctx.deps.db, ctx.deps.apple.channel, deviceId, 'LOCK', {})).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
      expect(await planFor(ctx.deps.db, ctx.deps.apple.channel, deviceId, 'WIPE_SELECTIVE', {})).toMatchObject({ requestType: 'RemoveProfile' });
    });

    it('deliver is idempotent: repeated calls collapse into one waiting push job per device', async () => {
      const { deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const queued = (await command(deviceId, { requestType: 'SecurityInfo' })).json();
      const { pushDeviceJob } = await import('../../../src/jobs/definitions/apple.js');
      await ctx.deps.apple.channel.deliver(queued.id);
      await ctx.deps.apple.channel.deliver(queued.id);
      const pending = await pendingJobPayloads(ctx.deps, pushDeviceJob.queue, pushDeviceJob.name);
      expect(pending.filter((p) => p.deviceId === deviceId)).toHaveLength(1);
    });

    it("pushes a device's only live command within its delivery job; a second command waits for the device's one push job", async () => {
      const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' }); // its session answered everything
      const { pushDeviceJob } = await import('../../../src/jobs/definitions/apple.js');
      const pushJobs = async () => (await pendingJobPayloads(ctx.deps, pushDeviceJob.queue, pushDeviceJob.name)).filter((p) => p.deviceId === deviceId);
      const pushesBefore = apns.requests.length;

      const lock = (await command(deviceId, { requestType: 'DeviceLock' })).json();
      await deliverCommand(ctx.deps, lock.id, { finalAttempt: false });
      expect(apns.requests.slice(pushesBefore).map((r) => r.path)).toEqual([`/3/device/${sim.pushToken.toString('hex')}`]);
      expect(await pushJobs()).toHaveLength(0);
      expect(await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.id } })).toMatchObject({ attempts: 1, pushes: 1 });

      // The lock still waits for the device: a second command's wake-up coalesces through the push job instead.
      const query = (await command(deviceId, { requestType: 'SecurityInfo' })).json();
      await deliverCommand(ctx.deps, query.id, { finalAttempt: false });
      expect(apns.requests.length).toBe(pushesBefore + 1);
      expect(await pushJobs()).toHaveLength(1);
    });

    it('a failed push within the delivery job releases the command, due again at once, so the job retries it', async () => {
      const { deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
      const lock = (await command(deviceId, { requestType: 'DeviceLock' })).json();
      apns.respond = () => ({ status: 500, reason: 'InternalServerError' });
      try {
        await expect(deliverCommand(ctx.deps, lock.id, { finalAttempt: false })).rejects.toThrow('500');
      } finally {
        apns.respond = () => ({ status: 200 });
      }
      const released = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.id } });
      expect(released).toMatchObject({ status: 'QUEUED', attempts: 1, pushes: 0, error: { message: 'APNs push failed: APNs answered 500 (InternalServerError)', attempt: 1 } });
      expect(released.nextPushAt!.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime());
      await deliverCommand(ctx.deps, lock.id, { finalAttempt: false }); // the retry gets through
      expect(await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.id } })).toMatchObject({ attempts: 2, pushes: 1 });
    });
  });
});
