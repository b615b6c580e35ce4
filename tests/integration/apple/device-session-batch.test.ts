import { X509Certificate, createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeviceSession } from '../../../src/storage/apple-device-store.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { createUser } from '../../support/factories.js';

// Device requests arriving together share one read of their sessions (storage/apple-device-store.ts); each must
// still be answered from its own certificate, enrolment and queue.
describe('device sessions read at the same moment', () => {
  let ctx: TestContext;
  let it_: Record<string, string>;
  beforeAll(async () => {
    ctx = await createAppleContext();
    it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT', mfa: true }));
  });
  afterAll(() => ctx?.close());

  const sha256Of = (certPem: string) => createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
  const queue = (deviceId: string, requestType: string) =>
    ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType } });

  it('gives each request its own enrolment and next command, and an unknown certificate nothing', async () => {
    const [first, second, idle] = [
      await enrolDevice(ctx, it_, { ownership: 'corporate' }),
      await enrolDevice(ctx, it_, { ownership: 'corporate' }),
      await enrolDevice(ctx, it_, { ownership: 'corporate' }),
    ];
    expect((await queue(first.deviceId, 'DeviceLock')).statusCode).toBe(201);
    expect((await queue(second.deviceId, 'SecurityInfo')).statusCode).toBe(201);
    const certificates = [first, second, idle].map(({ sim }) => sha256Of(sim.identity!.certPem));

    const sessions = await Promise.all([
      loadDeviceSession(ctx.deps.db, certificates[0]!, { withNextCommand: true }),
      loadDeviceSession(ctx.deps.db, certificates[1]!, { withNextCommand: true }),
      loadDeviceSession(ctx.deps.db, certificates[2]!, { withNextCommand: true }),
      loadDeviceSession(ctx.deps.db, 'f'.repeat(64), { withNextCommand: true }),
      loadDeviceSession(ctx.deps.db, certificates[1]!, { withNextCommand: false }),
    ]);
    expect(sessions.map((s) => s && [s.enrollment?.deviceId, s.next?.requestType ?? null])).toEqual([
      [first.deviceId, 'DeviceLock'],
      [second.deviceId, 'SecurityInfo'],
      [idle.deviceId, null],
      null,
      [second.deviceId, null], // not asked for: a check-in, not a connect
    ]);
  });

  it('stores the answers of devices connecting at the same moment once each, whatever a replay or another device sends with them', async () => {
    const devices = await Promise.all([0, 1, 2].map(() => enrolDevice(ctx, it_, { ownership: 'corporate' })));
    const attacker = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const queued = await Promise.all(devices.map(async ({ deviceId }) => (await queue(deviceId, 'SecurityInfo')).json() as { id: string }));
    // Each device fetches its command, then all answer in the same moment with what the simulator captures send:
    // the third twice (a retry after a lost response), and another device names the first one's command.
    const fetched = await Promise.all(devices.map(({ sim }) => sim.connect({ Status: 'Idle' })));
    const answers = fetched.map(({ command }, i) => devices[i]!.sim.answer(command!));
    await Promise.all([
      ...devices.map(({ sim }, i) => sim.connect(answers[i]!)),
      devices[2]!.sim.connect(answers[2]!),
      attacker.sim.connect({ CommandUUID: queued[0]!.id, Status: 'Error', ErrorChain: [{ ErrorCode: 1, ErrorDomain: 'x' }] }),
    ]);

    for (const { id } of queued) {
      const view = (await ctx.app.inject({ method: 'GET', url: `/v1/commands/${id}`, headers: it_ })).json();
      expect(view).toMatchObject({ id, status: 'ACKNOWLEDGED' });
      expect(await ctx.deps.db.auditEvent.count({ where: { action: { in: ['command.acknowledged', 'command.failed'] }, details: { path: ['commandId'], equals: id } } })).toBe(1);
    }
  });
});
