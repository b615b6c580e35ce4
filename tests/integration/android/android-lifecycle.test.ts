import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer as login, createIsolatedTestContext, createTestContext, type TestContext } from '../../support/context.js';
import { ENTERPRISE, FakeAmapi, pushBody } from '../../../tools/fake-amapi.js';
import { androidFixture } from '../../../tools/fixtures.js';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import Value from 'typebox/value';
import { PRESETS } from '../../../src/domain/compliance/presets.js';
import type { PolicyDocument } from '../../../src/domain/compliance/policy.js';
import { buildAndroidPolicy } from '../../../src/mdm/android/policy.js';
import { defaultRuleSettings } from '../../../src/use-cases/android/push-android-policies.js';
import { pushAndroidPoliciesJob } from '../../../src/jobs/definitions/android.js';
import { handlerFor } from '../../../src/jobs/registry.js';
import { deliverCommand } from '../../../src/use-cases/commands/deliver-command.js';
import { insertCommandRecorded } from '../../../src/storage/command-queue.js';
import { expireAndroidEnrollments } from '../../../src/use-cases/android/expire-android-enrollments.js';
import { reconcileAndroidOperations } from '../../../src/use-cases/android/reconcile-android-operations.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { planFor } from '../../support/plan-for.js';

const BYOD = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
const CORPORATE = androidFixture<AmapiDevice>('device-company-owned-compliant.json');
/** Other test files sign in from the same address at the same time; this file is not about the login limit. */
const MANY_LOGINS = { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' };

describe('Android enrolment, posture and commands against the fake AMAPI', () => {
  let fake: FakeAmapi;
  let ctx: TestContext;
  let staff: TestUser;
  let it_: TestUser;
  let counter = 0;
  const sessions = new Map<string, Record<string, string>>();
  /** One sign-in per user: the login rate limit would refuse a sign-in per request. */
  async function bearer(context: TestContext, user: TestUser) {
    if (context !== ctx) return login(context, user);
    if (!sessions.has(user.id)) sessions.set(user.id, await login(context, user));
    return sessions.get(user.id)!;
  }
  const nextId = () => `m${Date.now()}${++counter}`;

  beforeAll(async () => {
    fake = await FakeAmapi.start();
    // A database of its own: the first test needs one where no other file has created the Android policies yet.
    ctx = await createIsolatedTestContext({ ...fake.env(), ...MANY_LOGINS });
    staff = await createUser(ctx.deps, { role: 'STAFF' });
    it_ = await createUser(ctx.deps, { role: 'IT', mfa: true });
  });
  afterAll(async () => {
    await ctx.close();
    await fake.close();
  });

  async function push(type: string, resource: unknown) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/mdm/android/pubsub',
      headers: { authorization: `Bearer ${await fake.pushToken()}` },
      payload: pushBody(type, resource, nextId()),
    });
    expect(response.statusCode).toBe(204);
  }

  async function enrol(user: TestUser, ownership: 'CORPORATE' | 'PERSONAL', extra: Record<string, unknown> = {}) {
    return ctx.app.inject({
      method: 'POST',
      url: '/v1/enrollments',
      headers: await bearer(ctx, user),
      payload: { platform: 'android', ownership: ownership.toLowerCase(), ...extra },
    });
  }

  /** Sends the fixture device as the phone that used this enrolment, under a fresh AMAPI name. */
  async function enrolledDevice(user: TestUser, ownership: 'CORPORATE' | 'PERSONAL', template: AmapiDevice) {
    // Company-owned devices are enrolled by IT on the user's behalf.
    const response = ownership === 'CORPORATE' ? await enrol(it_, ownership, { userId: user.id }) : await enrol(user, ownership);
    expect(response.statusCode).toBe(201);
    const { deviceId } = response.json() as { deviceId: string };
    const { enrollmentTokenName } = await ctx.deps.db.androidDevice.findUniqueOrThrow({ where: { deviceId } });
    const amapi: AmapiDevice = { ...template, name: `${ENTERPRISE}/devices/${deviceId.replaceAll('-', '').slice(0, 16)}`, enrollmentTokenName: enrollmentTokenName! };
    fake.devices.set(amapi.name!, amapi);
    await push('ENROLLMENT', amapi);
    return { deviceId, amapi };
  }

  async function queueCommand(deviceId: string, action: 'LOCK' | 'WIPE_SELECTIVE' | 'WIPE_FULL') {
    const plan = await planFor(ctx.deps.db, ctx.deps.android.channel, deviceId, action, {});
    const { row: command } = await insertCommandRecorded(
      ctx.deps.db,
      { deviceId, requestType: plan.requestType, payload: plan.payload, status: 'QUEUED', requestedById: null },
      { now: ctx.deps.clock.now(), deadlineSeconds: 3600 },
      () => ({ audit: { actorType: 'system', actorId: 'test', action: 'command.requested', targetType: 'device', targetId: deviceId }, webhook: null }),
    );
    return { plan, command };
  }

  it('staff enrol their own personally-owned phone: one-time work-profile token tied to them', async () => {
    expect(fake.policies.size).toBe(0);
    const response = await enrol(staff, 'PERSONAL');
    expect(response.statusCode).toBe(201);
    // The first enrolment created the policies the token names.
    expect(fake.policies.has(`${ENTERPRISE}/policies/personally-owned`)).toBe(true);
    const body = response.json();
    expect(body.enrollmentLink).toMatch(/^https:\/\/enterprise\.google\.com\/android\/enroll\?et=TOKEN/);
    expect(JSON.parse(body.qrCode)['android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE']).toBeDefined();
    const request = fake.amapiRequests().findLast((r) => r.path.endsWith('/enrollmentTokens'))!;
    expect(request.body).toMatchObject({
      policyName: `${ENTERPRISE}/policies/personally-owned`,
      allowPersonalUsage: 'PERSONAL_USAGE_ALLOWED',
      oneTimeOnly: true,
      duration: '86400s',
      additionalData: JSON.stringify({ deviceId: body.deviceId }),
    });
    expect(body).toMatchObject({ platform: 'android', ownership: 'personal', userId: staff.id });
    const device = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: body.deviceId } });
    expect(device).toMatchObject({ platform: 'ANDROID', status: 'PENDING', ownership: 'PERSONAL', userId: staff.id });
  });

  it('a company-owned enrolment asks for a fully managed device without personal use', async () => {
    expect((await enrol(it_, 'CORPORATE', { userId: staff.id })).statusCode).toBe(201);
    const request = fake.amapiRequests().findLast((r) => r.path.endsWith('/enrollmentTokens'))!;
    expect(request.body).toMatchObject({ allowPersonalUsage: 'PERSONAL_USAGE_DISALLOWED', policyName: `${ENTERPRISE}/policies/company-owned` });
  });

  it('staff cannot enrol a device for someone else', async () => {
    const other = await createUser(ctx.deps, { role: 'STAFF' });
    const response = await enrol(staff, 'PERSONAL', { userId: other.id });
    expect(response.statusCode).toBe(403);
    expect(await ctx.deps.db.device.count({ where: { userId: other.id } })).toBe(0);
  });

  it('staff cannot enrol a company-owned device', async () => {
    expect((await enrol(staff, 'CORPORATE')).statusCode).toBe(403);
  });

  it('the owner sees what AMAPI reports about their device; another member of staff gets 404', async () => {
    const { deviceId } = await enrolledDevice(staff, 'PERSONAL', BYOD);
    const own = await ctx.app.inject({ method: 'GET', url: `/v1/android/devices/${deviceId}`, headers: await bearer(ctx, staff) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ managementMode: 'PROFILE_OWNER', ownership: 'PERSONALLY_OWNED', policyCompliant: false, securityRisks: ['HARDWARE_BACKED_EVALUATION_FAILED'] });
    const stranger = await createUser(ctx.deps, { role: 'STAFF' });
    const other = await ctx.app.inject({ method: 'GET', url: `/v1/android/devices/${deviceId}`, headers: await bearer(ctx, stranger) });
    expect(other.statusCode).toBe(404);
  });

  it('signs in to Google once and reuses the access token', () => {
    expect(fake.requests.filter((r) => r.path === '/token')).toHaveLength(1);
    expect(fake.amapiRequests().every((r) => r.authorization === 'Bearer ya29.fake-1')).toBe(true);
  });

  it('an enrolment nobody used is removed an hour after its token expired; a used one stays', async () => {
    const unused = (await enrol(staff, 'PERSONAL')).json().deviceId as string;
    const { deviceId: used } = await enrolledDevice(staff, 'PERSONAL', BYOD);
    await expireAndroidEnrollments(ctx.deps);
    expect(await ctx.deps.db.device.count({ where: { id: unused } })).toBe(1);
    ctx.clock.advance(24 * 3600_000 + 2 * 3600_000);
    try {
      await expireAndroidEnrollments(ctx.deps);
    } finally {
      ctx.clock.advance(-(24 * 3600_000 + 2 * 3600_000));
    }
    expect(await ctx.deps.db.device.count({ where: { id: unused } })).toBe(0);
    expect(await ctx.deps.db.device.count({ where: { id: used } })).toBe(1);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'android.enrollment.expired', targetId: unused } })).toBe(1);
  });

  it('IT can enrol a device for a member of staff', async () => {
    const response = await enrol(it_, 'CORPORATE', { userId: staff.id });
    expect(response.statusCode).toBe(201);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: response.json().deviceId } })).userId).toBe(staff.id);
  });

  it('full BYOD path: enrol → status report → posture → selective wipe → deleted report → wiped', async () => {
    const { deviceId, amapi } = await enrolledDevice(staff, 'PERSONAL', BYOD);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('ENROLLED');

    await push('STATUS_REPORT', { ...amapi, lastStatusReportTime: '2026-10-01T10:00:00Z', nonComplianceDetails: [], policyCompliant: true });
    const posture = await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId } });
    expect(posture).toMatchObject({ passcodeCompliant: true, encrypted: true, compromised: false });
    expect(posture.reportedAt.toISOString()).toBe('2026-10-01T10:00:00.000Z');

    await expect(planFor(ctx.deps.db, ctx.deps.android.channel, deviceId, 'WIPE_FULL', {})).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    const { plan, command } = await queueCommand(deviceId, 'WIPE_SELECTIVE');
    expect(plan.requestType).toBe('WIPE');
    expect(plan.effect).toMatch(/work profile only/);

    await deliverCommand(ctx.deps, command.id, { finalAttempt: false });
    await deliverCommand(ctx.deps, command.id, { finalAttempt: false });
    await ctx.deps.android.channel.deliver(command.id);
    const issued = fake.amapiRequests().filter((r) => r.path === `/v1/${amapi.name}:issueCommand`);
    expect(issued).toHaveLength(1);
    expect(issued[0]!.body).toMatchObject({ type: 'WIPE', wipeParams: { wipeReason: { defaultMessage: expect.any(String) } } });
    const sent = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id }, include: { androidOperation: true } });
    expect(sent.status).toBe('SENT');
    const operationName = sent.androidOperation!.operationName!;
    expect(operationName).toMatch(new RegExp(`^${amapi.name}/operations/`));

    await push('COMMAND', fake.completeOperation(operationName));
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } })).status).toBe('ACKNOWLEDGED');

    await push('STATUS_REPORT', { ...androidFixture<AmapiDevice>('device-deleted-final-status-report.json'), name: amapi.name });
    const wiped = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } });
    expect(wiped.status).toBe('WIPED');
    expect(await ctx.deps.db.auditEvent.count({ where: { targetId: deviceId, action: 'command.sent' } })).toBe(1);
  });

  it('through the operations API: IT selectively wipes a BYOD phone, the delivery job issues it once, the phone confirms', async () => {
    const { deviceId, amapi } = await enrolledDevice(staff, 'PERSONAL', BYOD);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/v1/devices/${deviceId}/wipe`,
      headers: await bearer(ctx, it_),
      payload: { kind: 'selective', reason: 'Left the organisation' },
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().effect).toMatch(/work profile only/);
    const commandId = response.json().command.id as string;
    await deliverCommand(ctx.deps, commandId, { finalAttempt: false });
    await deliverCommand(ctx.deps, commandId, { finalAttempt: false });
    expect(fake.amapiRequests().filter((r) => r.path === `/v1/${amapi.name}:issueCommand`)).toHaveLength(1);
    const { operationName } = await ctx.deps.db.androidOperation.findUniqueOrThrow({ where: { commandId } });
    await push('COMMAND', fake.completeOperation(operationName!));
    await push('STATUS_REPORT', { name: amapi.name, state: 'DELETED', appliedState: 'DELETED', ownership: 'PERSONALLY_OWNED', lastStatusReportTime: '2026-11-02T00:00:00Z' });
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: commandId } })).status).toBe('ACKNOWLEDGED');
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('WIPED');
  });

  it('through the operations API: a selective wipe of a fully managed phone is refused with the reason', async () => {
    const { deviceId } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/v1/devices/${deviceId}/wipe`,
      headers: await bearer(ctx, it_),
      payload: { kind: 'selective', reason: 'Reassigning the phone' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/fully managed/);
  });

  it('a wipe whose COMMAND notification never arrives is completed by the deleted status report', async () => {
    const { deviceId, amapi } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
    const lock = await queueCommand(deviceId, 'LOCK');
    const { plan, command } = await queueCommand(deviceId, 'WIPE_FULL');
    expect(plan.payload).toMatchObject({ type: 'WIPE', wipeParams: { wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'] } });
    expect(plan.effect).toMatch(/Factory resets/);
    await ctx.deps.android.channel.deliver(command.id);
    await push('STATUS_REPORT', { name: amapi.name, state: 'DELETED', appliedState: 'DELETED', lastStatusReportTime: '2026-11-01T00:00:00Z' });
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } })).status).toBe('ACKNOWLEDGED');
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('WIPED');
    // The lock never went out; it cannot any more.
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.command.id } })).status).toBe('FAILED');
  });

  it('a selective wipe of a fully managed device is refused: it would be a factory reset', async () => {
    const { deviceId } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
    await expect(planFor(ctx.deps.db, ctx.deps.android.channel, deviceId, 'WIPE_SELECTIVE', {})).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('polling tracks a lock whose notification was lost; a failed operation marks the command failed', async () => {
    const { deviceId } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
    const lock = await queueCommand(deviceId, 'LOCK');
    const other = await queueCommand(deviceId, 'LOCK');
    await ctx.deps.android.channel.deliver(lock.command.id);
    await ctx.deps.android.channel.deliver(other.command.id);
    const name = async (id: string) => (await ctx.deps.db.androidOperation.findUniqueOrThrow({ where: { commandId: id } })).operationName!;

    await reconcileAndroidOperations(ctx.deps);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.command.id } })).status).toBe('SENT');

    fake.completeOperation(await name(lock.command.id));
    fake.completeOperation(await name(other.command.id), {
      response: undefined,
      error: { code: 9, message: 'The management mode of the device does not support the command.' },
    });
    await reconcileAndroidOperations(ctx.deps);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.command.id } })).status).toBe('ACKNOWLEDGED');
    const failed = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: other.command.id } });
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatchObject({ code: 9 });
  });

  it('a command Google refuses to take is left for a retry and issued once on the retry', async () => {
    const { deviceId, amapi } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
    const { command } = await queueCommand(deviceId, 'LOCK');
    fake.failNext = 503;
    await expect(ctx.deps.android.channel.deliver(command.id)).rejects.toThrow(/503/);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } })).status).toBe('QUEUED');
    await ctx.deps.android.channel.deliver(command.id);
    const issued = fake.amapiRequests().filter((r) => r.path === `/v1/${amapi.name}:issueCommand` && r.method === 'POST');
    // The refused call and the retry; Google holds exactly one operation for the command.
    expect(issued).toHaveLength(2);
    expect([...fake.operations.keys()].filter((n) => n.startsWith(`${amapi.name}/`))).toHaveLength(1);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } })).status).toBe('SENT');
  });

  describe('Android-only commands route', () => {
    const command = async (deviceId: string, user: TestUser, payload: object) =>
      ctx.app.inject({ method: 'POST', url: `/v1/android/devices/${deviceId}/commands`, headers: await bearer(ctx, user), payload });

    it('IT resets a password: Google receives it, the database never holds it', async () => {
      const { deviceId, amapi } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
      const response = await command(deviceId, it_, { type: 'RESET_PASSWORD', newPassword: '839201' });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toMatchObject({ command: { requestType: 'RESET_PASSWORD', status: 'SENT', result: { operation: expect.stringContaining(amapi.name!) } }, replayed: false });
      const request = fake.amapiRequests().findLast((r) => r.path.endsWith(':issueCommand'))!;
      expect(request.body).toMatchObject({ type: 'RESET_PASSWORD', newPassword: '839201', resetPasswordFlags: ['REQUIRE_ENTRY', 'LOCK_NOW'] });
      const stored = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: response.json().command.id } });
      expect(JSON.stringify(stored)).not.toContain('839201');
      const events = await ctx.deps.db.auditEvent.findMany({ where: { targetId: deviceId }, select: { details: true } });
      expect(JSON.stringify(events)).not.toContain('839201');
    });

    it('lost mode on a company-owned device completes through the COMMAND notification', async () => {
      const { deviceId } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
      const response = await command(deviceId, it_, { type: 'START_LOST_MODE', message: 'Please return to Example Ltd.', phoneNumber: '+44 20 7946 0000' });
      expect(response.statusCode).toBe(202);
      const operation = fake.operations.get(response.json().command.result.operation)!;
      expect(operation.metadata?.startLostModeParams?.lostMessage?.defaultMessage).toBe('Please return to Example Ltd.');
      const done = fake.completeOperation(operation.name!, { metadata: { ...operation.metadata, startLostModeStatus: { status: 'SUCCESS' } } });
      await push('COMMAND', done);
      expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: response.json().command.id } })).status).toBe('ACKNOWLEDGED');
    });

    it('lost mode on a personally-owned device is refused', async () => {
      const { deviceId } = await enrolledDevice(staff, 'PERSONAL', BYOD);
      const response = await command(deviceId, it_, { type: 'START_LOST_MODE', message: 'Lost' });
      expect(response.statusCode).toBe(422);
    });

    it('staff cannot send Android commands', async () => {
      const { deviceId } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
      const response = await command(deviceId, staff, { type: 'STOP_LOST_MODE' });
      expect(response.statusCode).toBe(403);
    });
  });

  it('IT re-pushes the compliance policy in force as the two AMAPI policies', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/android/policies/push', headers: await bearer(ctx, it_) });
    expect(response.statusCode).toBe(200);
    expect(response.json().policies.map((p: { ownership: string }) => p.ownership)).toEqual(['CORPORATE', 'PERSONAL']);
    const [event] = await ctx.deps.db.auditEvent.findMany({ where: { action: 'android.policies.pushed' }, orderBy: { id: 'desc' }, take: 1 });
    const version = (event!.details as { complianceVersion: number }).complianceVersion;
    const stored = await ctx.deps.db.compliancePolicyVersion.findUniqueOrThrow({ where: { version } });
    const settings = (stored.document as unknown as PolicyDocument).settings;
    const days = { blockAfterDays: ctx.deps.config.ANDROID_BLOCK_AFTER_DAYS, wipeAfterDays: ctx.deps.config.ANDROID_WIPE_AFTER_DAYS };
    const defaults = defaultRuleSettings(ctx.deps.config);
    for (const [ownership, id] of [['CORPORATE', 'company-owned'], ['PERSONAL', 'personally-owned']] as const) {
      const expected = buildAndroidPolicy(ownership, { ...defaults, ...settings[ownership].ANDROID }, days);
      expect(fake.policies.get(`${ENTERPRISE}/policies/${id}`)).toMatchObject(expected);
    }
  });

  it('the work-profile policy scopes the password to the profile; posture learns the enforced lock timeout', async () => {
    const payload = { CORPORATE: { passcodeMinLength: 8, maxAutoLockMinutes: 2 }, PERSONAL: { passcodeMinLength: 8, minOsVersion: '13' } };
    await handlerFor(pushAndroidPoliciesJob)(payload, ctx.deps, { jobId: 'explicit', attempt: 1, maxAttempts: 1 });
    const personal = fake.policies.get(`${ENTERPRISE}/policies/personally-owned`)!;
    const corporate = fake.policies.get(`${ENTERPRISE}/policies/company-owned`)!;
    expect(personal.passwordPolicies?.[0]).toMatchObject({ passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 8 });
    expect(corporate.passwordPolicies?.[0]).toMatchObject({ passwordScope: 'SCOPE_DEVICE', passwordMinimumLength: 8 });
    expect(corporate.maximumTimeToLock).toBe('120000');
    expect(personal.maximumTimeToLock).toBe('300000');
    expect(personal.minimumApiLevel).toBe(33);
    expect(corporate.minimumApiLevel).toBe(31);
    const stored = await ctx.deps.db.androidPolicy.findUniqueOrThrow({ where: { name: `${ENTERPRISE}/policies/company-owned` } });
    expect(stored.maximumTimeToLockMs).toBe(120_000);

    // A device applying that policy without a lock-timeout complaint is known to lock within 2 minutes.
    const { deviceId, amapi } = await enrolledDevice(staff, 'CORPORATE', CORPORATE);
    await push('STATUS_REPORT', { ...amapi, appliedPolicyName: `${ENTERPRISE}/policies/company-owned`, lastStatusReportTime: '2026-10-20T00:00:00Z' });
    expect((await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId } })).autoLockMinutes).toBe(2);
  });

  it("compliance's per-platform rule settings are a valid android.push-policies payload and push as they are", async () => {
    const rules = {
      encryptionRequired: true,
      passcodeRequired: true,
      passcodeMinLength: 10,
      maxAutoLockMinutes: 3,
      minOsVersion: '14',
      maxPatchAgeDays: 90,
      integrityRequired: true,
      maxCheckInAgeDays: 7,
      mfaRequired: true,
      gracePeriodHours: 48,
    };
    const payload = { CORPORATE: rules, PERSONAL: { ...rules, passcodeRequired: false } };
    expect(Value.Check(pushAndroidPoliciesJob.payload, payload)).toBe(true);
    await handlerFor(pushAndroidPoliciesJob)(payload, ctx.deps, { jobId: 'test', attempt: 1, maxAttempts: 1 });
    const corporate = fake.policies.get(`${ENTERPRISE}/policies/company-owned`)!;
    expect(corporate).toMatchObject({ maximumTimeToLock: '180000', minimumApiLevel: 34 });
    expect(corporate.passwordPolicies?.[0]?.passwordMinimumLength).toBe(10);
    expect(corporate.policyEnforcementRules?.[0]?.blockAction.blockAfterDays).toBe(2);
    expect(fake.policies.get(`${ENTERPRISE}/policies/personally-owned`)).not.toHaveProperty('passwordPolicies');
  });

  it('every compliance preset pushes as AMAPI policies through the job', async () => {
    for (const preset of PRESETS) {
      const payload = { CORPORATE: preset.document.settings.CORPORATE.ANDROID, PERSONAL: preset.document.settings.PERSONAL.ANDROID };
      expect(Value.Check(pushAndroidPoliciesJob.payload, payload), preset.id).toBe(true);
      await handlerFor(pushAndroidPoliciesJob)(payload, ctx.deps, { jobId: preset.id, attempt: 1, maxAttempts: 1 });
      const personal = fake.policies.get(`${ENTERPRISE}/policies/personally-owned`)!;
      for (const rule of personal.policyEnforcementRules ?? []) expect(rule.wipeAction.wipeAfterDays).toBeGreaterThan(rule.blockAction.blockAfterDays);
    }
  });

  it('Android routes answer 503 when no enterprise is configured', async () => {
    const bare = await createTestContext(MANY_LOGINS);
    try {
      const user = await createUser(bare.deps, { role: 'STAFF' });
      const response = await bare.app.inject({ method: 'POST', url: '/v1/enrollments', headers: await bearer(bare, user), payload: { platform: 'android', ownership: 'personal' } });
      expect(response.statusCode).toBe(503);
    } finally {
      await bare.close();
    }
  });
});
