import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushDeviceJob } from '../../../src/jobs/definitions/apple.js';
import { evaluateDeviceJob } from '../../../src/jobs/definitions/compliance.js';
import { deliverCommandJob } from '../../../src/jobs/definitions/delivery.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers, type RunningWorkers } from '../../../src/jobs/start-workers.js';
import { createAppleContext, simulator, startFakeApns, type FakeApns } from '../../support/apple.js';
import { bearer, type TestContext } from '../../support/context.js';
import { ownRedisPrefix } from '../../support/operations.js';
import { createUser } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

const types = (commands: { Command?: unknown }[]) => commands.map((c) => (c.Command as { RequestType: string }).RequestType);

describe('lock and wipe through the Apple channel (local APNs, simulated device)', () => {
  let ctx: TestContext;
  let apns: FakeApns;
  let workers: RunningWorkers;
  let itHeaders: Record<string, string>;
  let staffId: string;

  beforeAll(async () => {
    apns = await startFakeApns();
    ctx = await createAppleContext(apns, { REDIS_PREFIX: ownRedisPrefix('apple-flow') });
    workers = await startWorkers(ctx.deps, jobRegistry([deliverCommandJob, pushDeviceJob, evaluateDeviceJob]));
    itHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'IT', mfa: true }));
    staffId = (await createUser(ctx.deps, { role: 'STAFF' })).id;
  });
  afterAll(async () => {
    await workers?.close();
    await ctx?.close();
    await apns?.close();
  });

  async function enrolledDevice(ownership: 'corporate' | 'personal') {
    const created = (await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: itHeaders, payload: { platform: 'apple', ownership, userId: staffId } })).json();
    const sim = simulator(ctx);
    await sim.enrol(created.profileUrl);
    await sim.authenticate();
    await sim.tokenUpdate();
    await sim.runSession(); // the initial posture queries
    return { deviceId: created.deviceId as string, sim };
  }

  const getCommand = async (id: string) => (await ctx.app.inject({ method: 'GET', url: `/v1/commands/${id}`, headers: itHeaders })).json();

  it('a full wipe goes requested → queued → dispatched (APNs push) → sent → acknowledged, each step timestamped', async () => {
    const { deviceId, sim } = await enrolledDevice('corporate');
    const pushesBefore = apns.requests.length;
    const response = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/wipe`, headers: itHeaders, payload: { kind: 'full', reason: 'stolen from car' } });
    expect(response.statusCode).toBe(202);
    const { command, effect } = response.json();
    expect(command).toMatchObject({ requestType: 'EraseDevice', status: 'QUEUED', action: 'WIPE_FULL' });
    expect(effect).toMatch(/erases all content/);

    await waitFor(async () => apns.requests.length, (n) => n > pushesBefore);
    const dispatched = await waitFor(() => getCommand(command.id), (c) => c.dispatchedAt !== null);
    expect(dispatched.status).toBe('QUEUED'); // pushed, but the device has not fetched it: still cancellable

    // Posture refresh queries may be queued too; the wipe goes first (device actions have priority).
    const handled = await sim.runSession();
    expect(types(handled)[0]).toBe('EraseDevice');
    const done = await getCommand(command.id);
    expect(done.status).toBe('ACKNOWLEDGED');
    const steps = ['requestedAt', 'queuedAt', 'dispatchedAt', 'sentAt', 'acknowledgedAt'].map((k) => Date.parse(done[k]));
    expect(steps.every((t) => Number.isFinite(t))).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('a selective wipe of a personal iPhone removes the enrolment profile; a full wipe of it is refused', async () => {
    const { deviceId, sim } = await enrolledDevice('personal');
    const full = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/wipe`, headers: itHeaders, payload: { kind: 'full', reason: 'lost' } });
    expect(full.statusCode).toBe(403);
    // The Apple command API cannot be used to go around the rule.
    const generic = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: itHeaders, payload: { requestType: 'EraseDevice' } });
    expect(generic.statusCode).toBe(403);

    const selective = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/wipe`, headers: itHeaders, payload: { kind: 'selective', reason: 'left the trust' } });
    expect(selective.statusCode).toBe(202);
    const { command } = selective.json();
    expect(command).toMatchObject({ requestType: 'RemoveProfile' });
    await waitFor(() => getCommand(command.id), (c) => c.dispatchedAt !== null);
    const handled = await sim.runSession();
    expect(types(handled)[0]).toBe('RemoveProfile');
    expect((await getCommand(command.id)).status).toBe('ACKNOWLEDGED');
  });

  it('a queued wipe the device never fetched can be cancelled, and the device then never receives it', async () => {
    const { deviceId, sim } = await enrolledDevice('corporate');
    const { command } = (await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/lock`, headers: itHeaders, payload: { reason: 'lost', message: 'Return to IT' } })).json();
    await waitFor(() => getCommand(command.id), (c) => c.dispatchedAt !== null);
    const cancelled = await ctx.app.inject({ method: 'DELETE', url: `/v1/commands/${command.id}`, headers: itHeaders });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'CANCELLED' });
    const handled = await sim.runSession();
    expect(handled.map((c) => c.CommandUUID)).not.toContain(command.id);
    expect(types(handled)).not.toContain('DeviceLock');
  });
});
