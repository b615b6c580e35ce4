import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { bearer, createIsolatedTestContext, createTestContext, type TestContext } from '../../support/context.js';
import { createUser } from '../../support/factories.js';

/** Password spraying and made-up client addresses, as an attacker would try them. */
let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

const ownPrefix = () => `${inject('redisPrefix')}:signin-${randomUUID().slice(0, 8)}`;
const apiLogin = (email: string, headers: Record<string, string> = {}, remoteAddress = '198.51.100.7') =>
  ctx!.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'wrong password' }, headers, remoteAddress });
const formLogin = (email: string, remoteAddress = '198.51.100.7') =>
  ctx!.app.inject({
    method: 'POST', url: '/mdm/apple/account-enrollment/login', remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${encodeURIComponent(email)}&password=wrong`,
  });

describe('sign-in limits', () => {
  it('a made-up X-Forwarded-For gets no fresh budget and is not what the audit log records (TRUST_PROXY off)', async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', REDIS_PREFIX: ownPrefix() });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await apiLogin(`x${i}@example.test`, { 'x-forwarded-for': `203.0.113.${i}` })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const failed = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { action: 'auth.login_failed', details: { path: ['email'], equals: 'x0@example.test' } } });
    expect(failed.ip).toBe('198.51.100.7');
  });

  it('with TRUST_PROXY=1 the address the proxy saw is the client, in the limit and in the audit log', async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1', REDIS_PREFIX: ownPrefix() });
    const email = `p-${randomUUID()}@example.test`;
    await apiLogin(email, { 'x-forwarded-for': '203.0.113.50' }, '10.0.0.2');
    const failed = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { action: 'auth.login_failed', details: { path: ['email'], equals: email } } });
    expect(failed.ip).toBe('203.0.113.50');
  });

  it('the API and the User Enrolment form share one per-address budget', async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', REDIS_PREFIX: ownPrefix() });
    await apiLogin('a@example.test');
    await apiLogin('b@example.test');
    await formLogin('c@example.test');
    // The fourth attempt, through the form: refused without checking the password.
    const form = await formLogin('d@example.test');
    expect(form.body).toContain('Too many attempts');
    expect((await apiLogin('e@example.test')).statusCode).toBe(429);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'auth.login_failed', details: { path: ['email'], equals: 'd@example.test' } } })).toBe(0);
  });

  it('one account gets a limited number of attempts from any number of addresses', async () => {
    ctx = await createTestContext({ LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR: '3', LOCKOUT_THRESHOLD: '100', REDIS_PREFIX: ownPrefix() });
    const victim = await createUser(ctx.deps, { role: 'STAFF' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await apiLogin(victim.email, {}, `192.0.2.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password waits now: the limit is about attempts, not about guessing wrong.
    const right = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: victim.email, password: victim.password }, remoteAddress: '192.0.2.99' });
    expect(right.statusCode).toBe(429);
  });

  it('many accounts failing from few addresses is flagged as password spraying', async () => {
    // A database of its own: the anomaly counts failures across the whole audit log.
    ctx = await createIsolatedTestContext({ ANOMALY_SPRAY_MIN_ACCOUNTS: '5', ANOMALY_SPRAY_MAX_ADDRESSES: '2', REDIS_PREFIX: ownPrefix() });
    for (let i = 0; i < 6; i++) await apiLogin(`spray-${i}@example.test`, {}, i % 2 ? '203.0.113.1' : '203.0.113.2');
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/audit/anomalies', headers: await bearer(ctx, admin) });
    expect(response.statusCode).toBe(200);
    const flags = response.json().flags as { kind: string; subject: string; count: number }[];
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'password_spraying', count: 6 }));
    expect(flags.find((f) => f.kind === 'password_spraying')!.subject.split(',').sort()).toEqual(['203.0.113.1', '203.0.113.2']);
  });
});
