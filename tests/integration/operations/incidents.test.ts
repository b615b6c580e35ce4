import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/domain/auth/totp.js';
import { bearer, createTestContext, type TestContext } from '../../support/context.js';
import { ownRedisPrefix, useFakeChannels } from '../../support/operations.js';
import { createUser, type TestUser, createDevice } from '../../support/factories.js';

describe('lost-device incidents', () => {
  let ctx: TestContext;
  let manager: TestUser;
  let staff: TestUser;
  let itUser: TestUser;
  let itHeaders: Record<string, string>;
  const published: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: ownRedisPrefix('incidents') });
    useFakeChannels(ctx.deps);
    ctx.deps.webhooks.publisher = {
      publish: async (type) => void published.push(type),
      stage: async (_tx, type) => (published.push(type), []),
      queue: async () => {},
    };
    manager = await createUser(ctx.deps, { role: 'MANAGER' });
    staff = await createUser(ctx.deps, { role: 'STAFF', managerId: manager.id, mfa: true });
    itUser = await createUser(ctx.deps, { role: 'IT' });
    itHeaders = await bearer(ctx, itUser);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('a member of another team cannot report (or even confirm) someone else\'s device', async () => {
    const device = await createDevice(ctx.deps, { userId: staff.id });
    const stranger = await bearer(ctx, await createUser(ctx.deps, { role: 'STAFF' }));
    const response = await call('POST', '/v1/incidents', stranger, { deviceId: device.id, kind: 'lost' });
    expect(response.statusCode).toBe(404);
  });

  it('runs the playbook when the owner reports a lost phone, and records who did each step and when', async () => {
    const device = await createDevice(ctx.deps, { userId: staff.id, platform: 'ANDROID' });
    // The session on the phone that is now lost, then the one the owner reports from (another device).
    const phoneHeaders = await bearer(ctx, staff);
    ctx.clock.advance(30_000); // a new TOTP time step: the same code is not accepted twice
    const staffHeaders = await bearer(ctx, staff);
    const opened = await call('POST', '/v1/incidents', staffHeaders, { deviceId: device.id, kind: 'lost', description: 'left on the bus', lastLocation: 'Route 12' });
    expect(opened.statusCode).toBe(201);
    const incident = opened.json();
    expect(incident).toMatchObject({ status: 'OPEN', kind: 'LOST', userId: staff.id, openedById: staff.id });
    expect(incident.timeline.map((s: { step: string }) => s.step)).toEqual(['opened', 'contained', 'credentials_reset', 'notified']);
    expect(incident.timeline[0]).toMatchObject({ actorType: 'user', actorId: staff.id });
    for (const step of incident.timeline.slice(1)) {
      expect(step).toMatchObject({ actorType: 'system', actorId: 'playbook', details: expect.objectContaining({ triggeredBy: staff.id }) });
      expect(Date.parse(step.at)).not.toBeNaN();
    }

    // Contain: the device is locked and the owner's other sessions are gone; the one they reported from stays,
    // so the reporter is never locked out of following the incident (but must reset the password for anything else).
    const lockId = incident.timeline[1].details.lock.commandId;
    const lock = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: lockId } });
    expect(lock).toMatchObject({ deviceId: device.id, action: 'LOCK', status: 'QUEUED', requestedById: staff.id });
    expect(incident.timeline[1].details).toMatchObject({ reporterSessionKept: true });
    expect(incident.timeline[1].details.sessionsRevoked).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/v1/users/${staff.id}`, phoneHeaders)).statusCode).toBe(401);
    expect((await call('GET', `/v1/incidents/${incident.id}`, staffHeaders)).statusCode).toBe(200);
    expect((await call('GET', `/v1/users/${staff.id}`, staffHeaders)).json().error.details).toEqual({ passwordResetRequired: true });

    // Reset: the old password no longer signs in, and MFA must be enrolled again.
    const oldLogin = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: staff.email, password: staff.password, totp: await totpCode(staff.totpSecret!, ctx.clock.now()) } });
    expect(oldLogin.statusCode).toBe(401);
    expect(await ctx.deps.db.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ mustResetPassword: true, mustReenrollMfa: true });

    // Notify: the IT and ADMIN leads and the manager have a notification; webhooks were published.
    const notes = (await call('GET', '/v1/notifications', itHeaders)).json().items;
    expect(notes.some((n: { incidentId: string }) => n.incidentId === incident.id)).toBe(true);
    const managerNotes = (await call('GET', '/v1/notifications', await bearer(ctx, manager))).json().items;
    expect(managerNotes.some((n: { incidentId: string }) => n.incidentId === incident.id)).toBe(true);
    expect(published).toEqual(expect.arrayContaining(['incident.opened', 'incident.contained', 'incident.credentials_reset', 'incident.notified']));
    // The lock's own event (command.queued) goes to the webhook outbox in the statement that stores the command
    // (tests/integration/operations/webhook-outbox.test.ts); here: it was recorded as requested by the playbook.
    const requested = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'command.requested', details: { path: ['commandId'], equals: lockId } } });
    expect(requested?.details).toMatchObject({ action: 'LOCK', status: 'QUEUED' });

    // A second report of the same device does not start a second playbook.
    expect((await call('POST', '/v1/incidents', itHeaders, { deviceId: device.id, kind: 'stolen' })).statusCode).toBe(409);

    // IT issues a temporary password; the user can then only change it.
    const reset = await call('POST', `/v1/incidents/${incident.id}/steps/reset_credentials`, itHeaders);
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json();
    expect(temporaryPassword).toEqual(expect.any(String));
    const tempLogin = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: staff.email, password: temporaryPassword } });
    expect(tempLogin.statusCode).toBe(200);
    expect(tempLogin.json()).toMatchObject({ mustResetPassword: true, mustEnrollMfa: true });
    const limited = { authorization: `Bearer ${tempLogin.json().accessToken}` };
    const blocked = await call('GET', `/v1/users/${staff.id}`, limited);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.details).toEqual({ passwordResetRequired: true });
    const changed = await call('POST', '/v1/auth/password', limited, { currentPassword: temporaryPassword, newPassword: 'a brand new long password' });
    expect(changed.statusCode).toBe(204);
    expect((await call('GET', `/v1/users/${staff.id}`, limited)).statusCode).toBe(200);
  });

  it('IT assesses the harm, records actions and closes with lessons; the manager can follow the timeline', async () => {
    const member = await createUser(ctx.deps, { role: 'STAFF', managerId: manager.id });
    const device = await createDevice(ctx.deps, { userId: member.id });
    await ctx.deps.db.devicePosture.create({ data: { deviceId: device.id, encrypted: true, reportedAt: ctx.clock.now() } });
    const managerHeaders = await bearer(ctx, manager);
    const incident = (await call('POST', '/v1/incidents', managerHeaders, { deviceId: device.id, kind: 'stolen' })).json();
    expect(incident.openedById).toBe(manager.id);

    expect((await call('POST', `/v1/incidents/${incident.id}/close`, itHeaders, { lessons: 'none' })).statusCode).toBe(409);
    expect((await call('PUT', `/v1/incidents/${incident.id}/assessment`, managerHeaders, { dataCategories: [] })).statusCode).toBe(403);

    const assessed = await call('PUT', `/v1/incidents/${incident.id}/assessment`, itHeaders, { dataCategories: ['email', 'patient-records'], patientDataExposed: true, notes: 'rota and two referral letters in mail' });
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json().assessment).toMatchObject({ deviceEncrypted: true, patientDataExposed: true, riskLevel: 'medium', assessedById: itUser.id });

    await call('POST', `/v1/incidents/${incident.id}/actions`, itHeaders, { action: 'reported to the police, crime ref 123' });
    const closed = await call('POST', `/v1/incidents/${incident.id}/close`, itHeaders, { lessons: 'staff to use the ward locker' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'CLOSED', closedById: itUser.id, lessons: 'staff to use the ward locker' });

    const timeline = (await call('GET', `/v1/incidents/${incident.id}`, managerHeaders)).json().timeline as { step: string; actorId: string }[];
    expect(timeline.map((s) => s.step)).toEqual(['opened', 'contained', 'credentials_reset', 'notified', 'assessed', 'action', 'closed']);
    expect(timeline.filter((s) => ['assessed', 'action', 'closed'].includes(s.step)).every((s) => s.actorId === itUser.id)).toBe(true);
    expect((await call('GET', `/v1/incidents/${incident.id}`, await bearer(ctx, await createUser(ctx.deps, { role: 'MANAGER' })))).statusCode).toBe(404);
    expect((await call('POST', `/v1/incidents/${incident.id}/actions`, itHeaders, { action: 'too late' })).statusCode).toBe(409);
  });
});
