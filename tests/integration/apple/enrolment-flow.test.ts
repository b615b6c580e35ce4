import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type RunningWorkers } from '../../../src/jobs/start-workers.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { pushDeviceJob } from '../../../src/jobs/definitions/apple.js';
import { deliverCommandJob } from '../../../src/jobs/definitions/delivery.js';
import { ownRedisPrefix } from '../../support/operations.js';
import { evaluateDeviceJob } from '../../../src/jobs/definitions/compliance.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, simulator, startFakeApns, TEST_TOPIC, type FakeApns } from '../../support/apple.js';
import { createUser } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

describe('Apple enrolment, check-in, push and connect (simulated device)', () => {
  let ctx: TestContext;
  let apns: FakeApns;
  let workers: RunningWorkers;
  let it_: Record<string, string>;
  let staffId: string;

  beforeAll(async () => {
    apns = await startFakeApns();
    // A Redis prefix of its own: its delivery workers must not take other files' commands.
    ctx = await createAppleContext(apns, { REDIS_PREFIX: ownRedisPrefix('enrolment-flow') });
    workers = await startWorkers(ctx.deps, jobRegistry([deliverCommandJob, pushDeviceJob, evaluateDeviceJob]));
    const itUser = await createUser(ctx.deps, { role: 'IT' });
    it_ = await bearer(ctx, itUser);
    staffId = (await createUser(ctx.deps, { role: 'STAFF' })).id;
  });
  afterAll(async () => {
    await workers?.close();
    await ctx?.close();
    await apns?.close();
  });

  it('enrols a corporate iPhone end to end: profile → Authenticate → TokenUpdate → push → connect → posture stored', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: it_, payload: { platform: 'apple', ownership: 'corporate', userId: staffId } });
    expect(created.statusCode).toBe(201);
    const enrollment = created.json();
    expect(enrollment).toMatchObject({ platform: 'apple', ownership: 'corporate', userId: staffId });
    const device = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: enrollment.deviceId } });
    expect(device).toMatchObject({ platform: 'APPLE', status: 'PENDING', ownership: 'CORPORATE', userId: staffId });

    const sim = simulator(ctx);
    const download = await sim.enrol(enrollment.profileUrl);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/x-apple-aspen-config');
    const mdm = (sim.profile!.raw.PayloadContent as Record<string, unknown>[]).find((p) => p.PayloadType === 'com.apple.mdm')!;
    expect(mdm).toMatchObject({
      ServerURL: 'https://mdm.example.test/mdm/apple/connect',
      CheckInURL: 'https://mdm.example.test/mdm/apple/checkin',
      Topic: TEST_TOPIC,
      AccessRights: 8191,
      SignMessage: true,
      CheckOutWhenRemoved: true,
    });
    expect(mdm.ServerCapabilities).toEqual(expect.any(Array));

    expect((await sim.authenticate()).status).toBe(200);
    const authenticated = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: enrollment.deviceId } });
    expect(authenticated).toMatchObject({ status: 'ENROLLED', serialNumber: sim.serialNumber });

    expect((await sim.tokenUpdate()).status).toBe(200);
    const push = await waitFor(() => apns.requests.find((r) => r.path === `/3/device/${sim.pushToken.toString('hex')}`));
    expect(push.topic).toBe(TEST_TOPIC);
    expect(push.pushType).toBe('mdm');
    expect(JSON.parse(push.body)).toEqual({ mdm: sim.pushMagic });
    expect(push.clientCertSubject).toContain(TEST_TOPIC);

    const handled = await sim.runSession();
    // DeviceInformation first (supervision decides what the profiles carry), then the profiles derived from the
    // policy (here the passcode policy) with the device's passcode verdict and the list proving them, ahead of the
    // enrolment's routine SecurityInfo.
    expect(handled.map((c) => (c.Command as { RequestType: string }).RequestType)).toEqual(['DeviceInformation', 'InstallProfile', 'SecurityInfo', 'ProfileList', 'SecurityInfo']);

    const commands = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${enrollment.deviceId}/commands`, headers: it_ });
    expect(commands.statusCode).toBe(200);
    expect(commands.json().items.map((c: { status: string }) => c.status)).toEqual(Array(5).fill('ACKNOWLEDGED'));
    const profile = await ctx.deps.db.appleManagedProfile.findUniqueOrThrow({ where: { deviceId_kind: { deviceId: enrollment.deviceId, kind: 'passcode-policy' } } });
    expect(profile).toMatchObject({ state: 'VERIFIED', identifier: expect.stringMatching(/\.passcode-policy$/), settings: { minLength: 6 } });
    expect(sim.installedProfiles.get(profile.identifier)?.PayloadUUID).toBe(profile.payloadUuid);

    const posture = await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId: enrollment.deviceId } });
    expect(posture).toMatchObject({ encrypted: true, passcodePresent: true, passcodeCompliant: true, osVersion: '17.5.1', osBuild: '21F90', supervised: false });
    expect(posture.lastCheckInAt).not.toBeNull();
    const apple = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: enrollment.deviceId } });
    expect(apple).toMatchObject({ type: 'DEVICE', enrollmentId: sim.udid, udid: sim.udid, appleEnrollmentId: null, pushTokenHex: sim.pushToken.toString('hex') });
    expect(apple.lastSecurityInfo).toMatchObject({ SecurityInfo: { HardwareEncryptionCaps: 3, PasscodePresent: true } });

    // The session ended with an empty 200.
    const idle = await sim.connect({ Status: 'Idle' });
    expect(idle.response.status).toBe(200);
    expect(idle.response.body.length).toBe(0);
  });

  it('refuses a replayed enrolment token with 410', async () => {
    const created = (await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: it_, payload: { platform: 'apple', ownership: 'corporate' } })).json();
    const sim = simulator(ctx);
    expect((await sim.enrol(created.profileUrl)).status).toBe(200);
    const again = await simulator(ctx).enrol(created.profileUrl);
    expect(again.status).toBe(410);
    expect(JSON.parse(again.body.toString()).error.code).toBe('GONE');
    expect(await ctx.deps.db.appleCertificate.count({ where: { enrollment: { deviceId: created.deviceId } } })).toBe(1);
  });
});
