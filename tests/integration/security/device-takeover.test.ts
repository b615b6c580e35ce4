import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice, simulator } from '../../support/apple.js';
import { createUser, type TestUser } from '../../support/factories.js';

const CHECKIN = 'application/x-apple-aspen-mdm-checkin';

let ctx: TestContext;
let itHeaders: Record<string, string>;
let attacker: TestUser;
let attackerHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await createAppleContext();
  itHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
  attacker = await createUser(ctx.deps, { role: 'STAFF' });
  attackerHeaders = await bearer(ctx, attacker);
});
afterAll(() => ctx?.close());

/** The attacker's own personal phone, with its profile installed but not yet authenticated. */
async function attackerPhone(ownership: 'personal' | 'corporate' = 'personal', headers = attackerHeaders, userId?: string) {
  const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers, payload: { platform: 'apple', ownership, ...(userId ? { userId } : {}) } });
  expect(created.statusCode).toBe(201);
  const sim = simulator(ctx);
  expect((await sim.enrol(created.json().profileUrl)).status).toBe(200);
  return { sim, deviceId: created.json().deviceId as string };
}

describe('Apple Authenticate cannot take over another enrolment', () => {
  it("a staff member's personal phone naming a colleague's corporate UDID gets 400; the corporate enrolment and its pending lock stay", async () => {
    const colleague = await createUser(ctx.deps, { role: 'STAFF' });
    const victim = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: colleague.id });
    const lock = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${victim.deviceId}/lock`, headers: itHeaders, payload: { reason: 'reported lost' } });
    expect(lock.statusCode).toBe(202);
    const before = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: victim.deviceId } });

    const phone = await attackerPhone();
    const forged = await phone.sim.send(phone.sim.profile!.checkInUrl, CHECKIN, {
      MessageType: 'Authenticate',
      UDID: victim.sim.udid,
      Topic: phone.sim.profile!.topic,
      OSVersion: '17.5.1',
    });

    expect(forged.status).toBe(400);
    const after = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: victim.deviceId } });
    expect(after).toEqual(before);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: victim.deviceId } })).status).toBe('ENROLLED');
    const certificates = await ctx.deps.db.appleCertificate.findMany({ where: { enrollmentId: before.id } });
    expect(certificates.some((c) => c.revokedAt === null)).toBe(true);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.json().command.id } })).status).toBe('QUEUED');
    // The attacker's own enrolment did not bind to anything either.
    expect((await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: phone.deviceId } })).enrollmentId).toBeNull();
    // The corporate phone still talks to us with its own identity.
    expect((await victim.sim.connect({ Status: 'Idle' })).response.status).toBe(200);

    const flagged = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'apple.enrollment.takeover_refused', targetId: victim.deviceId } });
    expect(flagged?.details).toMatchObject({ anomaly: true, claimingDeviceId: phone.deviceId });
  });

  it('a corporate enrolment of the same UDID for another user is refused as well', async () => {
    const owner = await createUser(ctx.deps, { role: 'STAFF' });
    const other = await createUser(ctx.deps, { role: 'STAFF' });
    const victim = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: owner.id });
    const phone = await attackerPhone('corporate', itHeaders, other.id);
    const forged = await phone.sim.send(phone.sim.profile!.checkInUrl, CHECKIN, { MessageType: 'Authenticate', UDID: victim.sim.udid, Topic: phone.sim.profile!.topic });
    expect(forged.status).toBe(400);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: victim.deviceId } })).status).toBe('ENROLLED');
  });

  it('the same person re-installing the profile on the same corporate phone replaces the enrolment but keeps its pending lock', async () => {
    const owner = await createUser(ctx.deps, { role: 'STAFF' });
    const first = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: owner.id });
    const lock = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${first.deviceId}/lock`, headers: itHeaders, payload: { reason: 'reported lost' } });
    expect(lock.statusCode).toBe(202);
    const again = await attackerPhone('corporate', itHeaders, owner.id);
    const reinstall = await again.sim.send(again.sim.profile!.checkInUrl, CHECKIN, { MessageType: 'Authenticate', UDID: first.sim.udid, Topic: again.sim.profile!.topic });
    expect(reinstall.status).toBe(200);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: first.deviceId } })).status).toBe('UNENROLLED');
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.json().command.id } })).status).toBe('QUEUED');
  });

  it('CheckOut from a corporate phone does not cancel its pending lock', async () => {
    const owner = await createUser(ctx.deps, { role: 'STAFF' });
    const { sim, deviceId } = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: owner.id });
    const lock = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/lock`, headers: itHeaders, payload: { reason: 'reported lost' } });
    const profileList = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: itHeaders, payload: { requestType: 'ProfileList' } });
    expect((await sim.checkOut()).status).toBe(200);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lock.json().command.id } })).status).toBe('QUEUED');
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: profileList.json().id } })).status).toBe('CANCELLED');
  });
});
