import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/auth/totp.js';
import { bearer, createTestContext, login, type TestContext } from '../support/context.js';
import { createUser, TEST_PASSWORD } from '../support/factories.js';

describe('authentication', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ LOCKOUT_THRESHOLD: '3', LOCKOUT_BASE_SECONDS: '60', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => ctx.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url, payload, headers });

  it('signs in with email and password and records the login', async () => {
    const user = await createUser(ctx.deps);
    const response = await post('/v1/auth/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, mfa: false, mustEnrollMfa: true });
    const claims = ctx.app.jwt.decode<{ sub: string; mfa: boolean; exp: number; iat: number }>(body.accessToken)!;
    expect(claims.sub).toBe(user.id);
    expect(claims.exp - claims.iat).toBe(900);
    const events = await ctx.deps.db.auditEvent.findMany({ where: { actorId: user.id, action: 'auth.login' } });
    expect(events).toHaveLength(1);
  });

  it('refuses a wrong password with the same answer as an unknown email, and audits both', async () => {
    const user = await createUser(ctx.deps);
    const wrong = await post('/v1/auth/login', { email: user.email, password: 'not the password' });
    const unknown = await post('/v1/auth/login', { email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    const failed = await ctx.deps.db.auditEvent.findMany({ where: { action: 'auth.login_failed', OR: [{ actorId: user.id }, { details: { path: ['email'], equals: 'nobody@example.test' } }] } });
    expect(failed).toHaveLength(2);
  });

  it('locks the account progressively after repeated failures, even for the right password', async () => {
    const user = await createUser(ctx.deps);
    for (let i = 0; i < 3; i++) await post('/v1/auth/login', { email: user.email, password: 'wrong password!' });
    const locked = await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.details.retryAfterSeconds).toBe(60);
    expect(locked.headers['retry-after']).toBe('60');

    ctx.clock.advance(61_000);
    const again = await post('/v1/auth/login', { email: user.email, password: 'wrong password!' });
    expect(again.statusCode).toBe(401);
    const longer = await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(longer.json().error.details.retryAfterSeconds).toBe(120);

    ctx.clock.advance(121_000);
    expect((await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    const row = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedLoginCount).toBe(0);
  });

  it('refuses disabled users', async () => {
    const user = await createUser(ctx.deps);
    await ctx.deps.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('enrols TOTP, then demands the code at login and marks the token as MFA-proven', async () => {
    const user = await createUser(ctx.deps);
    const headers = await bearer(ctx, user);
    const enroll = await post('/v1/auth/mfa/enroll', {}, headers);
    expect(enroll.statusCode).toBe(200);
    const { otpauthUri, secret } = enroll.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const stored = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpPendingSealed).not.toContain(secret);

    expect((await post('/v1/auth/mfa/verify', { code: '000000' }, headers)).statusCode).toBe(401);
    const verify = await post('/v1/auth/mfa/verify', { code: await totpCode(secret, ctx.clock.now()) }, headers);
    expect(verify.statusCode).toBe(200);
    expect(ctx.app.jwt.decode<{ mfa: boolean }>(verify.json().accessToken)!.mfa).toBe(true);

    const noCode = await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('MFA_REQUIRED');
    ctx.clock.advance(30_000);
    const withCode = await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: await totpCode(secret, ctx.clock.now()) });
    expect(withCode.statusCode).toBe(200);
    const claims = ctx.app.jwt.decode<{ mfa: boolean; mfa_at: number }>(withCode.json().accessToken)!;
    expect(claims.mfa).toBe(true);
    expect(claims.mfa_at).toBe(Math.floor(ctx.clock.now().getTime() / 1000));
  });

  it('refuses a TOTP code that was already used', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    ctx.clock.advance(30_000);
    const code = await totpCode(user.totpSecret!, ctx.clock.now());
    expect((await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: code })).statusCode).toBe(200);
    const replay = await post('/v1/auth/login', { email: user.email, password: TEST_PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('asks for a fresh MFA before replacing an enrolled authenticator', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    ctx.clock.advance(30_000);
    const headers = await bearer(ctx, user);
    ctx.clock.advance(10 * 60_000);
    const stale = await post('/v1/auth/mfa/enroll', {}, headers);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('STEP_UP_REQUIRED');
  });

  it('rotates refresh tokens and revokes the whole session when a rotated token is reused', async () => {
    const user = await createUser(ctx.deps);
    const first = await login(ctx, user);
    const second = await post('/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.statusCode).toBe(200);
    const { refreshToken: next, accessToken } = second.json();
    expect(next).not.toBe(first.refreshToken);

    const reuse = await post('/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(reuse.statusCode).toBe(401);
    // The thief's reuse also kills the legitimate holder's newer token and access token.
    expect((await post('/v1/auth/refresh', { refreshToken: next })).statusCode).toBe(401);
    const me = await ctx.app.inject({ method: 'GET', url: `/v1/users/${user.id}`, headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.statusCode).toBe(401);
    expect(await ctx.deps.db.auditEvent.count({ where: { actorId: user.id, action: 'auth.refresh_reuse_detected' } })).toBe(1);
  });

  it('expires refresh tokens', async () => {
    const user = await createUser(ctx.deps);
    const tokens = await login(ctx, user);
    ctx.clock.advance(31 * 86_400_000);
    expect((await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode).toBe(401);
    ctx.clock.set(new Date());
  });

  it('logs out: the access token and refresh token stop working', async () => {
    const user = await createUser(ctx.deps);
    const tokens = await login(ctx, user);
    const headers = { authorization: `Bearer ${tokens.accessToken}` };
    expect((await post('/v1/auth/logout', {}, headers)).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/users/${user.id}`, headers })).statusCode).toBe(401);
    expect((await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode).toBe(401);
  });

  it('rejects forged, expired and malformed access tokens', async () => {
    const user = await createUser(ctx.deps);
    const tokens = await login(ctx, user);
    const [h, p] = tokens.accessToken.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    const get = (authorization: string) => ctx.app.inject({ method: 'GET', url: `/v1/users/${user.id}`, headers: { authorization } });
    expect((await get(`Bearer ${forged}`)).statusCode).toBe(401);
    expect((await get('Bearer garbage')).statusCode).toBe(401);
    const expired = ctx.app.jwt.sign({ sub: user.id, sid: '00000000-0000-0000-0000-000000000000', role: 'ADMIN', mfa: true, mfa_at: null }, { expiresIn: -10 });
    expect((await get(`Bearer ${expired}`)).json().error.message).toBe('Access token expired');
  });
});

describe('login rate limit', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', REDIS_PREFIX: `${(await import('vitest')).inject('redisPrefix')}:rl` });
  });
  afterAll(() => ctx.close());

  it('answers 429 past the per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'x@example.test', password: 'whatever' }, remoteAddress: '203.0.113.9' });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
