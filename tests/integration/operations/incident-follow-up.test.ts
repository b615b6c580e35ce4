import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hashToken } from '../../../src/domain/auth/tokens.js';
import { bearer, createTestContext, type TestContext } from '../../support/context.js';
import { createDevice, createUser, TEST_PASSWORD, type TestUser } from '../../support/factories.js';
import { ownRedisPrefix, useFakeChannels } from '../../support/operations.js';

describe('the reporter of a loss is never locked out: follow-up token and supervised MFA reset', () => {
  let ctx: TestContext;
  let itUser: TestUser;
  let itHeaders: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: ownRedisPrefix('incident-follow-up'), LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    useFakeChannels(ctx.deps);
    itUser = await createUser(ctx.deps, { role: 'IT', mfa: true });
    itHeaders = await bearer(ctx, itUser);
  });
  afterAll(() => ctx.close());

  const follow = (incidentId: string, token: string | undefined) =>
    ctx.app.inject({ method: 'GET', url: `/v1/incidents/${incidentId}/follow-up`, headers: token === undefined ? {} : { 'x-incident-follow-up-token': token } });
  const note = (incidentId: string, token: string, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url: `/v1/incidents/${incidentId}/follow-up/notes`, headers: { 'x-incident-follow-up-token': token }, payload: payload as object });

  async function reportOwnDevice() {
    const owner = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: owner.id });
    const opened = await ctx.app.inject({ method: 'POST', url: '/v1/incidents', headers: await bearer(ctx, owner), payload: { deviceId: device.id, kind: 'lost' } });
    expect(opened.statusCode).toBe(201);
    return { owner, device, incident: opened.json() as { id: string; followUp: { token: string; expiresAt: string; allows: string[] } | null } };
  }

  it('the owner reporting their own phone gets a token, once, that reads the incident and adds notes even with every session gone', async () => {
    const { owner, incident } = await reportOwnDevice();
    const { token, expiresAt, allows } = incident.followUp!;
    expect(token).toMatch(/^mdmift_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - ctx.clock.now().getTime()).toBe(ctx.deps.config.INCIDENT_FOLLOW_UP_TOKEN_TTL_HOURS * 3_600_000);
    expect(allows).toEqual([`GET /v1/incidents/${incident.id}/follow-up`, `POST /v1/incidents/${incident.id}/follow-up/notes`]);
    // Stored only as a hash, and never shown again.
    const stored = await ctx.deps.db.incidentFollowUpToken.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify((await ctx.app.inject({ method: 'GET', url: `/v1/incidents/${incident.id}`, headers: itHeaders })).json())).not.toContain(token);

    // Locked out completely: every session revoked (and the authenticator was on the lost phone).
    await ctx.deps.db.session.updateMany({ where: { userId: owner.id }, data: { revokedAt: ctx.clock.now() } });
    const read = await follow(incident.id, token);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: incident.id, status: 'OPEN', userId: owner.id });

    const added = await note(incident.id, token, { note: 'Found the bus company number; they have a lost property office' });
    expect(added.statusCode).toBe(200);
    const last = added.json().timeline.at(-1);
    expect(last).toMatchObject({ step: 'reporter_note', actorType: 'user', actorId: owner.id, details: { note: 'Found the bus company number; they have a lost property office', via: 'follow-up-token' } });
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'incident.reporter_note', targetId: incident.id, actorId: owner.id } })).toBe(1);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'incident.read', targetId: incident.id, actorId: owner.id } })).toBe(1);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'incident.follow_up_token_issued', targetId: incident.id } })).toBe(1);
  });

  it('it does nothing else: another incident, other routes, as a bearer token, malformed or missing', async () => {
    const first = await reportOwnDevice();
    const second = await reportOwnDevice();
    const token = first.incident.followUp!.token;
    expect((await follow(second.incident.id, token)).statusCode).toBe(401);
    expect((await note(second.incident.id, token, { note: 'not mine' })).statusCode).toBe(401);
    expect((await follow(randomUUID(), token)).statusCode).toBe(401);
    expect((await follow(first.incident.id, undefined)).statusCode).toBe(401);
    expect((await follow(first.incident.id, `${token}x`)).statusCode).toBe(401);
    expect((await follow(first.incident.id, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).statusCode).toBe(401);
    // A session token is not a follow-up token, and the follow-up token opens no other route.
    expect((await follow(first.incident.id, (await bearer(ctx, await createUser(ctx.deps))).authorization!.slice(7))).statusCode).toBe(401);
    for (const url of [`/v1/incidents/${first.incident.id}`, '/v1/me/devices', `/v1/users/${first.owner.id}`]) {
      expect((await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
      expect((await ctx.app.inject({ method: 'GET', url, headers: { 'x-incident-follow-up-token': token } })).statusCode).toBe(401);
    }
    // Hostile notes are 4xx: NUL, empty, oversized, extra fields.
    expect((await note(first.incident.id, token, { note: 'a\u0000b' })).statusCode).toBe(400);
    expect((await note(first.incident.id, token, { note: '' })).statusCode).toBe(400);
    expect((await note(first.incident.id, token, { note: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect((await note(first.incident.id, token, { note: 'ok', step: 'closed' })).statusCode).toBe(400);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'incident.follow_up_refused', targetId: second.incident.id } })).toBe(2);
  });

  it('only the device owner reporting gets one: a manager or IT reporting does not', async () => {
    const manager = await createUser(ctx.deps, { role: 'MANAGER' });
    const member = await createUser(ctx.deps, { managerId: manager.id });
    const device = await createDevice(ctx.deps, { userId: member.id });
    const byManager = await ctx.app.inject({ method: 'POST', url: '/v1/incidents', headers: await bearer(ctx, manager), payload: { deviceId: device.id, kind: 'stolen' } });
    expect(byManager.statusCode).toBe(201);
    expect(byManager.json().followUp).toBeNull();
    expect(await ctx.deps.db.incidentFollowUpToken.count({ where: { incidentId: byManager.json().id } })).toBe(0);
  });

  it('expires, and stops working once the incident is closed (a replay after closing is refused)', async () => {
    const expiring = await reportOwnDevice();
    ctx.clock.advance(ctx.deps.config.INCIDENT_FOLLOW_UP_TOKEN_TTL_HOURS * 3_600_000 + 1000);
    try {
      expect((await follow(expiring.incident.id, expiring.incident.followUp!.token)).statusCode).toBe(401);
    } finally {
      ctx.clock.set(new Date());
    }

    const { incident } = await reportOwnDevice();
    const token = incident.followUp!.token;
    expect((await follow(incident.id, token)).statusCode).toBe(200);
    ctx.clock.advance(30_000); // the IT user signs in again with a fresh TOTP step (a reused step is a replay)
    const it_ = await bearer(ctx, itUser);
    expect((await ctx.app.inject({ method: 'PUT', url: `/v1/incidents/${incident.id}/assessment`, headers: it_, payload: { dataCategories: [] } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/incidents/${incident.id}/close`, headers: it_, payload: { lessons: 'found at home' } })).statusCode).toBe(200);
    expect((await follow(incident.id, token)).statusCode).toBe(401);
    expect((await note(incident.id, token, { note: 'still there?' })).statusCode).toBe(401);
    const reasons = await ctx.deps.db.auditEvent.findMany({ where: { action: 'incident.follow_up_refused', targetId: { in: [incident.id, expiring.incident.id] } } });
    expect(reasons.map((r) => (r.details as { reason: string }).reason).sort()).toEqual(['incident closed', 'incident closed', 'token expired']);
  });

  describe('supervised MFA reset (POST /v1/users/{id}/mfa-reset)', () => {
    const reset = (userId: string, headers: Record<string, string>, payload: unknown = { reason: 'phone lost, identity checked by video call' }) =>
      ctx.app.inject({ method: 'POST', url: `/v1/users/${userId}/mfa-reset`, headers, payload: payload as object });

    it('IT with a recent MFA removes the authenticator: sessions end, the next sign-in must enrol MFA again, audited', async () => {
      const person = await createUser(ctx.deps, { mfa: true });
      const personHeaders = await bearer(ctx, person);
      ctx.clock.advance(30_000); // the IT user signs in again with a fresh TOTP step
      const it_ = await bearer(ctx, itUser);
      const done = await reset(person.id, it_);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ userId: person.id, mustReenrollMfa: true, sessionsRevoked: 1 });
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/users/${person.id}`, headers: personHeaders })).statusCode).toBe(401);
      const stored = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: person.id } });
      expect(stored).toMatchObject({ totpSecretSealed: null, mustReenrollMfa: true });
      // The old authenticator is worthless; the password alone signs in, with MFA enrolment required first.
      const signIn = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: person.email, password: TEST_PASSWORD } });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.json()).toMatchObject({ mfa: false, mustEnrollMfa: true });
      const audit = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { action: 'user.mfa_reset', targetId: person.id } });
      expect(audit).toMatchObject({ actorId: itUser.id, details: { reason: 'phone lost, identity checked by video call', sessionsRevoked: 1 } });
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/users/${person.id}`, headers: it_ })).json().mfaEnrolled).toBe(false);
    });

    it('wrong role, no step-up, oneself, an ADMIN by IT, unknown users and hostile reasons are refused', async () => {
      const person = await createUser(ctx.deps, { mfa: true });
      const manager = await createUser(ctx.deps, { role: 'MANAGER', mfa: true });
      await ctx.deps.db.user.update({ where: { id: person.id }, data: { managerId: manager.id } });
      expect((await reset(person.id, await bearer(ctx, manager))).statusCode).toBe(403);
      expect((await reset(person.id, await bearer(ctx, await createUser(ctx.deps)))).statusCode).toBe(403);
      // IT without a recent MFA (signed in without a code, or long ago) must step up first.
      const noMfa = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
      const stepUp = await reset(person.id, noMfa);
      expect(stepUp.statusCode).toBe(403);
      expect(stepUp.json().error.code).toBe('STEP_UP_REQUIRED');
      ctx.clock.advance(60_000);
      const it_ = await bearer(ctx, itUser);
      expect((await reset(itUser.id, it_)).statusCode).toBe(403);
      const admin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
      expect((await reset(admin.id, it_)).statusCode).toBe(403);
      expect((await reset(randomUUID(), it_)).statusCode).toBe(404);
      expect((await reset(person.id, it_, { reason: 'a\u0000b' })).statusCode).toBe(400);
      expect((await reset(person.id, it_, { reason: 'fine reason', also: 1 })).statusCode).toBe(400);
      expect((await reset(person.id, it_, {})).statusCode).toBe(400);
      expect(await ctx.deps.db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ mustReenrollMfa: false });
      expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: person.id } })).totpSecretSealed).not.toBeNull();
      // An ADMIN may reset an ADMIN.
      ctx.clock.advance(30_000);
      const otherAdmin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
      expect((await reset(admin.id, await bearer(ctx, otherAdmin))).statusCode).toBe(200);
    });
  });
});
