import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createAppleContext, enrolDevice, simulator, startFakeApns, type FakeApns } from '../support/apple.js';
import { bearer, type TestContext } from '../support/context.js';
import { expireAppleEnrollments } from '../../src/use-cases/apple/expire-enrollments.js';
import { evaluateDevice } from '../../src/use-cases/compliance/evaluate-device.js';
import { createUser } from '../support/factories.js';


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

  it('IT retires an enrolled device: identity revoked, waiting commands cancelled, compliance no longer counts it', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const { deviceId, sim } = await enrolDevice(ctx, it_, { ownership: 'corporate', userId: user.id });
    await evaluateDevice(ctx.deps, deviceId);
    expect(await ctx.deps.db.deviceCompliance.count({ where: { deviceId } })).toBe(1);
    const queued = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'ProfileList' } });
    expect(queued.statusCode).toBe(201);

    const retired = await retire(deviceId);
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ outcome: 'RETIRED', cancelledCommands: 1, revokedCertificates: 1 });
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.json().id } })).status).toBe('CANCELLED');
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
    // The device can no longer talk to the server, and no command waits for it.
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(400);
    await evaluateDevice(ctx.deps, deviceId);
    expect(await ctx.deps.db.deviceCompliance.count({ where: { deviceId } })).toBe(0);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'device.retired', targetId: deviceId } })).toBe(1);
    const lock = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/lock`, headers: it_, payload: { reason: 'too late' } });
    expect(lock.statusCode).toBe(409);
  });
});
