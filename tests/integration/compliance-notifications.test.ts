import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createIsolatedTestContext, type TestContext } from '../support/context.js';
import { evaluateDevice } from '../../src/use-cases/compliance/evaluate-device.js';
import { escalateDevice } from '../../src/use-cases/compliance/escalate-device.js';
import { runEscalationAction } from '../../src/use-cases/compliance/run-escalation-action.js';
import { remindDeviceUser } from '../../src/use-cases/compliance/notify-device-user.js';
import type { DeviceActionRequester } from '../../src/use-cases/compliance/device-action-requester.js';
import { createUser, createDevice, healthyPosture, storePosture } from '../support/factories.js';

const HOUR = 3_600_000;

/** The person whose device fails hears at once, is reminded before the deadline and told when it is fixed. */
describe('notifications to the device user', () => {
  let ctx: TestContext;
  const reminders: { payload: unknown; delayMs?: number }[] = [];

  beforeAll(async () => {
    ctx = await createIsolatedTestContext();
    ctx.deps.compliance.deviceActions = { request: async () => ({ commandId: null }) } as DeviceActionRequester;
    const enqueue = ctx.deps.queue.enqueue.bind(ctx.deps.queue);
    ctx.deps.queue.enqueue = async (job, payload, options) => {
      if (job.name === 'compliance.remind-user') reminders.push({ payload, delayMs: options?.delayMs });
      return enqueue(job, payload, options);
    };
  });
  afterAll(async () => {
    await ctx?.close();
  });

  // One sign-in per user and clock reading: a second TOTP code in the same time step is refused as a replay.
  const sessions = new Map<string, Record<string, string>>();
  async function inbox(user: Awaited<ReturnType<typeof createUser>>) {
    const key = `${user.id}@${ctx.clock.now().getTime()}`;
    if (!sessions.has(key)) sessions.set(key, await bearer(ctx, user));
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/me/notifications', headers: sessions.get(key)! });
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: { kind: string; subject: string; body: string; deviceId: string }[] }).items;
  }

  it('at first failure (not at the grace deadline): the deadline and the fix; a reminder before the deadline; then fixed', async () => {
    const manager = await createUser(ctx.deps, { role: 'MANAGER' });
    const user = await createUser(ctx.deps, { mfa: true, managerId: manager.id });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'ANDROID' });
    const start = ctx.clock.now();
    await storePosture(ctx.deps, device.id, { ...healthyPosture('ANDROID', start), encrypted: false });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('IN_GRACE');

    const first = await inbox(user);
    expect(first.map((n) => n.kind)).toEqual(['DEVICE_FAILING']);
    const deadline = new Date(start.getTime() + 72 * HOUR).toISOString().replace('T', ' ').slice(0, 16);
    expect(first[0]!.subject).toContain(deadline);
    expect(first[0]!.body).toMatch(/Encrypt phone/);
    // The manager hears only through the ladder (after the deadline), not at first failure.
    expect(await inbox(manager)).toEqual([]);

    // Re-evaluating the same episode says nothing new.
    ctx.clock.advance(HOUR);
    await storePosture(ctx.deps, device.id, { lastCheckInAt: ctx.clock.now() });
    await evaluateDevice(ctx.deps, device.id);
    expect((await inbox(user)).map((n) => n.kind)).toEqual(['DEVICE_FAILING']);

    // The reminder is due a day before the deadline; run it then, twice (a retried job).
    const reminder = reminders.find((r) => (r.payload as { deviceId: string }).deviceId === device.id)!;
    expect(reminder.delayMs).toBe(48 * HOUR);
    ctx.clock.set(new Date(start.getTime() + 48 * HOUR));
    expect(await remindDeviceUser(ctx.deps, reminder.payload as never)).toBe(true);
    expect(await remindDeviceUser(ctx.deps, reminder.payload as never)).toBe(false);
    const reminded = await inbox(user);
    expect(reminded[0]).toMatchObject({ kind: 'DEVICE_REMINDER' });
    expect(reminded[0]!.body).toMatch(/Encrypt phone/);

    ctx.clock.advance(HOUR);
    await storePosture(ctx.deps, device.id, { encrypted: true, lastCheckInAt: ctx.clock.now() });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('COMPLIANT');
    expect((await inbox(user)).map((n) => n.kind)).toEqual(['DEVICE_FIXED', 'DEVICE_REMINDER', 'DEVICE_FAILING']);
  });

  it('a reminder for an episode that ended says nothing; the manager step follows the ladder', async () => {
    const manager = await createUser(ctx.deps, { role: 'MANAGER' });
    const user = await createUser(ctx.deps, { mfa: true, managerId: manager.id });
    const device = await createDevice(ctx.deps, { userId: user.id, platform: 'APPLE' });
    ctx.clock.set(new Date());
    const start = ctx.clock.now();
    await storePosture(ctx.deps, device.id, { ...healthyPosture('APPLE', start), passcodePresent: false });
    await evaluateDevice(ctx.deps, device.id);
    const reminder = reminders.find((r) => (r.payload as { deviceId: string }).deviceId === device.id)!;

    // Grace (72 h, cyber-essentials) ends: NONCOMPLIANT; the ladder notifies the user at once, the manager after 24 h.
    ctx.clock.advance(72 * HOUR);
    await storePosture(ctx.deps, device.id, { lastCheckInAt: ctx.clock.now() });
    expect((await evaluateDevice(ctx.deps, device.id))!.state).toBe('NONCOMPLIANT');
    expect(await remindDeviceUser(ctx.deps, reminder.payload as never)).toBe(false);
    for (const id of await escalateDevice(ctx.deps, device.id)) await runEscalationAction(ctx.deps, id);
    expect((await inbox(user)).map((n) => n.kind)).toEqual(['DEVICE_NONCOMPLIANT', 'DEVICE_FAILING']);
    expect(await inbox(manager)).toEqual([]);
    ctx.clock.advance(24 * HOUR);
    for (const id of await escalateDevice(ctx.deps, device.id)) await runEscalationAction(ctx.deps, id);
    const toManager = await inbox(manager);
    expect(toManager.map((n) => n.kind)).toEqual(['TEAM_DEVICE_NONCOMPLIANT']);
    expect(toManager[0]!.body).not.toMatch(/iOS|18\.1/);
  });
});
