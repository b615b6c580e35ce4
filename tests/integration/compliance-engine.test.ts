import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMigratedScratchDatabase } from '../support/scratch-database.js';
import { bearer, createTestContext, type TestContext } from '../support/context.js';
import { postureFromAndroidDevice } from '../support/fixture-posture.js';
import { fixtureText } from '../support/fixtures.js';
import { evaluateDevice } from '../../src/use-cases/compliance/evaluate-device.js';
import { escalateDevice } from '../../src/use-cases/compliance/escalate-device.js';
import { runEscalationAction } from '../../src/use-cases/compliance/run-escalation-action.js';
import { reevaluateFleetBatch } from '../../src/use-cases/compliance/reevaluate-fleet.js';
import { sweepCompliance } from '../../src/use-cases/compliance/sweep-compliance.js';
import { recordPostureReport } from '../../src/use-cases/compliance/record-posture-report.js';
import { startWorkers, type RunningWorkers } from '../../src/jobs/start-workers.js';
import { jobRegistry } from '../../src/jobs/registry.js';
import { evaluateDeviceJob, reevaluateFleetJob } from '../../src/jobs/definitions/compliance.js';
import { totpCode } from '../../src/domain/auth/totp.js';
import type { DeviceActionRequester, EscalationDeviceAction } from '../../src/use-cases/compliance/device-action-requester.js';
import { createUser, createDevice, healthyPosture, storePosture } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';

const HOUR = 3_600_000;

class RecordingDeviceActions implements DeviceActionRequester {
  readonly requests: { deviceId: string; action: EscalationDeviceAction; reason: string }[] = [];
  async request(_deps: unknown, input: { deviceId: string; action: EscalationDeviceAction; reason: string }) {
    this.requests.push(input);
    return { commandId: null };
  }
}

let ctx: TestContext;
let workers: RunningWorkers;
const actions = new RecordingDeviceActions();

let scratch: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  // A database of our own: policy changes here re-judge every device, which must not touch other files' devices.
  scratch = await createMigratedScratchDatabase();
  // Own Redis prefix: our many sign-ins must not count against other files' login rate limit, nor our jobs run in their workers.
  ctx = await createTestContext({ DATABASE_URL: scratch.url, LOGIN_RATE_LIMIT_PER_MINUTE: '1000', REDIS_PREFIX: `${inject('redisPrefix')}:compliance-engine` });
  ctx.deps.compliance.deviceActions = actions;
  // Only the jobs under test: the scheduled sweep would judge devices at moments the tests don't control.
  workers = await startWorkers(ctx.deps, jobRegistry([evaluateDeviceJob, reevaluateFleetJob]));
});

afterAll(async () => {
  await workers?.close();
  await ctx?.close();
  await scratch?.drop();
});

describe('evaluation triggers', () => {
  it('posture stored by a platform integration is judged by the evaluate-device job', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID' });
    const posture = postureFromAndroidDevice(fixtureText('android', 'device-company-owned-compromised-noncompliant.json'));
    await recordPostureReport(ctx.deps, device.id, { ...posture, lastCheckInAt: ctx.clock.now() }, ctx.clock.now());

    const row = await waitFor(() => ctx.deps.db.deviceCompliance.findUnique({ where: { deviceId: device.id } }));
    expect(row.state).toBe('IN_GRACE');
    expect(row.failingRules).toEqual(expect.arrayContaining(['encryption', 'integrity']));
    expect(row.policyVersion).toBeGreaterThanOrEqual(1);
  });

  it('a user enrolling MFA gets their devices judged again', async () => {
    const user = await createUser(ctx.deps);
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'APPLE' });
    await storePosture(ctx.deps, device.id, healthyPosture('APPLE', ctx.clock.now()));
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('IN_GRACE');

    const headers = await bearer(ctx, user);
    const enrol = await ctx.app.inject({ method: 'POST', url: '/v1/auth/mfa/enroll', headers });
    expect(enrol.statusCode).toBe(200);
    const code = await totpCode(enrol.json().secret, ctx.clock.now());
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/mfa/verify', headers, payload: { code } })).statusCode).toBe(200);

    await waitFor(async () => (await ctx.deps.db.deviceCompliance.findUnique({ where: { deviceId: device.id } }))?.state === 'COMPLIANT');
  });

  it('a policy change re-judges every device in batches and records the new version', async () => {
    const admin = await createUser(ctx.deps, { role: 'IT' });
    const user = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID', ownership: 'PERSONAL' });
    await storePosture(ctx.deps, device.id, { ...healthyPosture('ANDROID', ctx.clock.now()), autoLockMinutes: 5 });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('COMPLIANT');

    const headers = await bearer(ctx, admin);
    const queued: { name: string; payload: unknown }[] = [];
    const enqueue = ctx.deps.queue.enqueue.bind(ctx.deps.queue);
    ctx.deps.queue.enqueue = async (job, payload, options) => {
      queued.push({ name: job.name, payload });
      return enqueue(job, payload, options);
    };
    const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers, payload: { preset: 'strict-byod' } }).finally(() => {
      ctx.deps.queue.enqueue = enqueue;
    });
    expect(saved.statusCode).toBe(200);
    // Android enforces the new settings on the devices too.
    expect(queued.find((q) => q.name === 'android.push-policies')?.payload).toMatchObject({ PERSONAL: { maxAutoLockMinutes: 2, passcodeMinLength: 6 } });
    const version = saved.json().version as number;

    const row = await waitFor(async () => {
      const r = await ctx.deps.db.deviceCompliance.findUnique({ where: { deviceId: device.id } });
      return r?.policyVersion === version ? r : null;
    }, undefined, { timeoutMs: 20_000, what: 'the evaluation under the new policy version' });
    // The device enforces the old 5-minute lock until it applies the new policy: not yet shown to meet 2 minutes,
    // nor to have the new policy's data-leak controls in force.
    expect(row.state).toBe('UNKNOWN');
    expect(row.unknownRules).toEqual(['auto_lock', 'data_leak']);
    const change = await ctx.deps.db.complianceStateChange.findFirst({ where: { deviceId: device.id, toState: 'UNKNOWN' } });
    expect(change).toMatchObject({ fromState: 'COMPLIANT', policyVersion: version });

    // Back to the default for the other tests; a stale expectedVersion is refused.
    const stale = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers, payload: { preset: 'cyber-essentials', expectedVersion: version - 1 } });
    expect(stale.statusCode).toBe(409);
    const restored = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers, payload: { preset: 'cyber-essentials', expectedVersion: version } });
    expect(restored.statusCode).toBe(200);
  });

  it('a fleet pass for an outdated policy version stops instead of repeating the work', async () => {
    const current = await ctx.deps.db.compliancePolicyVersion.findFirst({ orderBy: { version: 'desc' } });
    expect(await reevaluateFleetBatch(ctx.deps, { policyVersion: current!.version - 1 })).toEqual({ evaluated: 0, next: null });
  });

  it('the sweep picks up devices whose check-in went stale and grace periods that ended', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID' });
    await storePosture(ctx.deps, device.id, healthyPosture('ANDROID', ctx.clock.now()));
    await evaluateDevice(ctx.deps, device.id);
    const queued = async () => {
      let found = false;
      let after: string | undefined;
      // Walk every sweep batch: other tests' devices share the database.
      do {
        const step = await sweepCompliance({ ...ctx.deps, queue: { ...ctx.deps.queue, enqueue: async () => {}, enqueueMany: async (_job, items) => { found ||= items.some((i) => (i.payload as { deviceId: string }).deviceId === device.id); } } }, { afterDeviceId: after });
        after = step.next ?? undefined;
      } while (after);
      return found;
    };
    expect(await queued()).toBe(false);
    ctx.clock.advance(15 * 24 * HOUR);
    expect(await queued()).toBe(true);
    ctx.clock.advance(-15 * 24 * HOUR);
  });
});

describe('grace period', () => {
  it('keeps the deadline through re-evaluation, clears a rule that passes again, and stores history and audit', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID' });
    const start = ctx.clock.now();
    await storePosture(ctx.deps, device.id, { ...healthyPosture('ANDROID', start), passcodeCompliant: false });
    await evaluateDevice(ctx.deps, device.id);
    const first = await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId: device.id } });
    expect(first).toMatchObject({ state: 'IN_GRACE', failingRules: ['passcode_length'] });
    expect(first.graceDeadline!.getTime()).toBe(start.getTime() + 72 * HOUR);

    ctx.clock.advance(30 * HOUR);
    await storePosture(ctx.deps, device.id, { encrypted: false, lastCheckInAt: ctx.clock.now() });
    await evaluateDevice(ctx.deps, device.id);
    const second = await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId: device.id } });
    expect(second.failingRules).toEqual(['encryption', 'passcode_length']);
    expect(second.graceDeadline).toEqual(first.graceDeadline);

    await storePosture(ctx.deps, device.id, { passcodeCompliant: true, lastCheckInAt: ctx.clock.now() });
    await evaluateDevice(ctx.deps, device.id);
    const failures = await ctx.deps.db.deviceRuleFailure.findMany({ where: { deviceId: device.id } });
    expect(failures.map((f) => f.rule)).toEqual(['encryption']);
    const third = await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId: device.id } });
    expect(third.graceDeadline!.getTime()).toBe(start.getTime() + (30 + 72) * HOUR);

    await storePosture(ctx.deps, device.id, { encrypted: true, lastCheckInAt: ctx.clock.now() });
    await evaluateDevice(ctx.deps, device.id);
    expect((await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId: device.id } })).state).toBe('COMPLIANT');
    expect(await ctx.deps.db.deviceRuleFailure.count({ where: { deviceId: device.id } })).toBe(0);

    const history = await ctx.deps.db.complianceStateChange.findMany({ where: { deviceId: device.id }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.fromState, h.toState])).toEqual([[null, 'IN_GRACE'], ['IN_GRACE', 'COMPLIANT']]);
    expect(history[1]!.reason).toBe('every rule passes');
    const audits = await ctx.deps.db.auditEvent.findMany({ where: { action: 'compliance.state_changed', targetId: device.id } });
    expect(audits).toHaveLength(2);

    const shown = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${device.id}/compliance/history`, headers: await bearer(ctx, user) });
    expect(shown.json().items.map((i: { from: string | null; to: string }) => [i.from, i.to])).toEqual([['IN_GRACE', 'COMPLIANT'], [null, 'IN_GRACE']]);
    const stranger = await createUser(ctx.deps);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${device.id}/compliance/history`, headers: await bearer(ctx, stranger) })).statusCode).toBe(404);
  });

  it('turns NONCOMPLIANT when grace ends, and a device with no data yet is UNKNOWN', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID' });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('UNKNOWN');
    await storePosture(ctx.deps, device.id, { ...healthyPosture('ANDROID', ctx.clock.now()), encrypted: false });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('IN_GRACE');
    ctx.clock.advance(72 * HOUR);
    await storePosture(ctx.deps, device.id, { lastCheckInAt: ctx.clock.now() });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('NONCOMPLIANT');
    const last = await ctx.deps.db.complianceStateChange.findFirst({ where: { deviceId: device.id }, orderBy: { id: 'desc' } });
    expect(last!.reason).toBe('grace period ended with failing: encryption');
  });
});

describe('escalation', () => {
  async function nonCompliantDevice(ownership: 'CORPORATE' | 'PERSONAL') {
    const manager = await createUser(ctx.deps, { role: 'MANAGER' });
    const user = await createUser(ctx.deps, { managerId: manager.id, mfa: true, name: 'Dana Staff' });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID', ownership });
    await storePosture(ctx.deps, device.id, { ...healthyPosture('ANDROID', ctx.clock.now()), compromised: true });
    await evaluateDevice(ctx.deps, device.id);
    ctx.clock.advance(72 * HOUR);
    await storePosture(ctx.deps, device.id, { lastCheckInAt: ctx.clock.now() });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('NONCOMPLIANT');
    return { manager, user, device };
  }

  it('runs due steps in order, each once, and blocks access for the IdP', async () => {
    const { manager, user, device } = await nonCompliantDevice('CORPORATE');
    const it = await createUser(ctx.deps, { role: 'IT' });
    const itHeaders = await bearer(ctx, it);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${device.id}/access`, headers: itHeaders })).json()).toMatchObject({ access: 'allow', state: 'NONCOMPLIANT' });

    const firstIds = await escalateDevice(ctx.deps, device.id);
    expect(firstIds).toHaveLength(1);
    for (const id of firstIds) {
      await runEscalationAction(ctx.deps, id);
      await runEscalationAction(ctx.deps, id); // a retried job
    }
    // (The notice at first failure, DEVICE_FAILING, is not an escalation step: tests/integration/compliance-notifications.test.ts.)
    const toUser = await ctx.deps.db.complianceNotification.findMany({ where: { recipientUserId: user.id, deviceId: device.id, kind: 'DEVICE_NONCOMPLIANT' } });
    expect(toUser).toHaveLength(1);
    expect(toUser[0]!.body).toMatch(/rooted or runs modified software/);
    expect(await ctx.deps.db.complianceNotification.count({ where: { recipientUserId: manager.id } })).toBe(0);

    ctx.clock.advance(72 * HOUR);
    const later = await escalateDevice(ctx.deps, device.id);
    await Promise.all(later.map((id) => runEscalationAction(ctx.deps, id)));
    await escalateDevice(ctx.deps, device.id); // nothing new is created for steps already taken
    const taken = await ctx.deps.db.complianceEscalationAction.findMany({ where: { deviceId: device.id }, orderBy: { action: 'asc' } });
    expect(taken.map((a) => [a.action, a.status])).toEqual([['NOTIFY_USER', 'DONE'], ['NOTIFY_MANAGER', 'DONE'], ['BLOCK', 'DONE']]);
    const toManager = await ctx.deps.db.complianceNotification.findMany({ where: { recipientUserId: manager.id } });
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.body).not.toMatch(/SN|Pixel/);
    const inbox = await ctx.app.inject({ method: 'GET', url: '/v1/me/notifications', headers: await bearer(ctx, user) });
    // Newest first: the ladder's step after the deadline, then the notice sent at first failure.
    expect(inbox.json().items).toEqual([
      expect.objectContaining({ deviceId: device.id, kind: 'DEVICE_NONCOMPLIANT' }),
      expect.objectContaining({ deviceId: device.id, kind: 'DEVICE_FAILING' }),
    ]);

    const access = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${device.id}/access`, headers: itHeaders });
    expect(access.json()).toMatchObject({ deviceId: device.id, access: 'deny', blocked: true, state: 'NONCOMPLIANT' });

    // Fixing the device lifts the block.
    await storePosture(ctx.deps, device.id, { compromised: false, lastCheckInAt: ctx.clock.now() });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('COMPLIANT');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${device.id}/access`, headers: itHeaders })).json()).toMatchObject({ access: 'allow', blocked: false });
  });

  it('asks the operations area for a selective wipe of a personal device, never a full wipe, and only once', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    const headers = await bearer(ctx, admin);
    const policy = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers })).json();
    const document = structuredClone(policy.document);
    document.escalation.PERSONAL = [{ action: 'LOCK', afterHours: 0 }, { action: 'WIPE_SELECTIVE', afterHours: 0 }];
    const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers, payload: { document, expectedVersion: policy.version } });
    expect(saved.statusCode).toBe(200);
    try {
      const { device } = await nonCompliantDevice('PERSONAL');
      const ids = await escalateDevice(ctx.deps, device.id);
      await Promise.all([...ids, ...ids].map((id) => runEscalationAction(ctx.deps, id)));
      const mine = actions.requests.filter((r) => r.deviceId === device.id);
      expect(mine.map((r) => r.action).sort()).toEqual(['LOCK', 'WIPE_SELECTIVE']);
      expect(actions.requests.some((r) => (r.action as string) === 'WIPE_FULL')).toBe(false);
    } finally {
      await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers, payload: { preset: 'cyber-essentials' } });
    }
  });

  it('skips steps once the device is compliant again', async () => {
    const { device } = await nonCompliantDevice('CORPORATE');
    const ids = await escalateDevice(ctx.deps, device.id);
    await storePosture(ctx.deps, device.id, { compromised: false, lastCheckInAt: ctx.clock.now() });
    await evaluateDevice(ctx.deps, device.id);
    await Promise.all(ids.map((id) => runEscalationAction(ctx.deps, id)));
    const taken = await ctx.deps.db.complianceEscalationAction.findMany({ where: { deviceId: device.id } });
    expect(taken.map((a) => a.status)).toEqual(['SKIPPED']);
    expect(await ctx.deps.db.complianceNotification.count({ where: { deviceId: device.id, kind: { in: ['DEVICE_NONCOMPLIANT', 'TEAM_DEVICE_NONCOMPLIANT'] } } })).toBe(0);
  });
});
