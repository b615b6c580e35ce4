import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { createUser } from '../support/factories.js';
import { signInAtIdp, startTestIdp, type TestIdp } from '../support/oidc-provider.js';

/**
 * Single sign-on end to end: our relying party (openid-client) against a real OpenID provider (oidc-provider)
 * on a local port, the browser's part played with plain HTTP (redirects and cookies).
 */
const REDIRECT_URI = 'http://localhost:3000/v1/auth/oidc/callback';

let idp: TestIdp;
let ctx: TestContext;
const contexts: TestContext[] = [];

const ssoEnv = (extra: Record<string, string> = {}) => ({
  OIDC_ISSUER_URL: idp.issuer,
  OIDC_CLIENT_ID: idp.clientId,
  OIDC_CLIENT_SECRET: idp.clientSecret,
  OIDC_SCOPES: 'openid email profile groups',
  OIDC_ALLOW_HTTP: 'true',
  OIDC_GROUP_ROLE_MAP: 'mdm-it=IT,mdm-admins=ADMIN',
  OIDC_LABEL: 'Sign in with Example Health',
  ...extra,
});

async function context(env: Record<string, string>): Promise<TestContext> {
  const created = await createTestContext(env);
  contexts.push(created);
  return created;
}

const email = (who: string) => `${who}-${randomUUID()}@example.test`;

/** The browser's whole round trip: start, the provider's pages, our callback. Returns the callback's answer. */
async function ssoRoundTrip(on: TestContext, who: string, amr: string[], options: { tamper?: (url: URL) => void } = {}) {
  const start = await on.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
  expect(start.statusCode).toBe(302);
  const stateCookie = start.cookies.find((c) => c.name === 'mdm_oidc_state');
  expect(stateCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/v1/auth/oidc' });
  const authorizationUrl = new URL(start.headers.location as string);
  expect(authorizationUrl.origin).toBe(idp.issuer);
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  idp.nextSignIn(who, amr);
  const back = await signInAtIdp(authorizationUrl.href, REDIRECT_URI, options.tamper);
  const callbackPath = back.pathname + back.search;
  const callback = await on.app.inject({ method: 'GET', url: callbackPath, cookies: { mdm_oidc_state: stateCookie!.value } });
  return { callback, callbackPath, stateCookie: stateCookie!.value, authorizationUrl };
}

/** What the console does after the callback: resume the session from the refresh cookie. */
async function resumeSession(on: TestContext, callback: { cookies: { name: string; value: string }[] }) {
  const refresh = callback.cookies.find((c) => c.name === 'mdm_refresh');
  expect(refresh).toBeDefined();
  const response = await on.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'x-refresh-cookie': '1' }, cookies: { mdm_refresh: refresh!.value }, payload: {} });
  expect(response.statusCode).toBe(200);
  return response.json() as { accessToken: string; mfa: boolean; mustEnrollMfa: boolean };
}

const lastAudit = (on: TestContext, action: string, targetId?: string) =>
  on.deps.db.auditEvent.findFirst({ where: { action, ...(targetId ? { targetId } : {}) }, orderBy: { id: 'desc' } });

const refusal = async (on: TestContext, reason: string) =>
  on.deps.db.auditEvent.findFirst({ where: { action: 'auth.sso_refused', details: { path: ['reason'], equals: reason } }, orderBy: { id: 'desc' } });

beforeAll(async () => {
  idp = await startTestIdp(REDIRECT_URI);
  ctx = await context(ssoEnv());
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await idp.close();
});

describe('single sign-on (OpenID Connect, code + PKCE) against a real provider', () => {
  it('tells the console whether SSO is offered, and with which label', async () => {
    const on = await ctx.app.inject({ method: 'GET', url: '/v1/auth/sso' });
    expect(on.json()).toEqual({ enabled: true, label: 'Sign in with Example Health' });
    const plain = await context({});
    expect((await plain.app.inject({ method: 'GET', url: '/v1/auth/sso' })).json()).toEqual({ enabled: false });
    const start = await plain.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/?sso_error=disabled');
  });

  it('signs a known person in with the same browser session as a password sign-in; provider MFA counts', async () => {
    const user = await createUser(ctx.deps, { role: 'STAFF', email: email('nurse') });
    idp.account({ email: user.email });
    const { callback } = await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa']);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    const refresh = callback.cookies.find((c) => c.name === 'mdm_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/v1/auth' });

    const session = await resumeSession(ctx, callback);
    expect(session).toMatchObject({ mfa: true, mustEnrollMfa: false });
    const me = await ctx.app.inject({ method: 'GET', url: '/v1/me/devices', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(me.statusCode).toBe(200);

    const stored = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.idpMfaAt).not.toBeNull();
    const audit = await lastAudit(ctx, 'auth.sso_login');
    expect(audit).toMatchObject({ actorId: user.id, targetType: 'session' });
    expect(audit!.details).toMatchObject({ mfa: true, issuer: idp.issuer, subject: user.email });
    const row = await ctx.deps.db.session.findUniqueOrThrow({ where: { id: audit!.targetId! } });
    expect(row).toMatchObject({ method: 'oidc', idpMfa: true });
  });

  it('refuses an unknown email unless just-in-time creation is on, then creates a STAFF user', async () => {
    const newcomer = email('newcomer');
    idp.account({ email: newcomer, name: 'New Comer' });
    const refused = await ssoRoundTrip(ctx, newcomer, ['pwd']);
    expect(refused.callback.headers.location).toBe('/?sso_error=not_allowed');
    expect(refused.callback.cookies.find((c) => c.name === 'mdm_refresh')).toBeUndefined();
    expect(await ctx.deps.db.user.findUnique({ where: { email: newcomer } })).toBeNull();
    expect((await refusal(ctx, 'unknown_email'))?.details).toMatchObject({ email: newcomer });

    const jit = await context(ssoEnv({ OIDC_JIT_CREATE: 'true' }));
    const created = await ssoRoundTrip(jit, newcomer, ['pwd']);
    expect(created.callback.headers.location).toBe('/');
    const user = await jit.deps.db.user.findUniqueOrThrow({ where: { email: newcomer } });
    expect(user).toMatchObject({ role: 'STAFF', name: 'New Comer', idpMfaAt: null });
    // No MFA from the provider: our TOTP rules apply as after a password sign-in.
    expect(await resumeSession(jit, created.callback)).toMatchObject({ mfa: false, mustEnrollMfa: true });
    expect((await lastAudit(jit, 'user.created', user.id))?.details).toMatchObject({ source: 'sso_just_in_time' });
    // The unusable password hash: the JIT user cannot sign in with any password.
    const password = await jit.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: newcomer, password: 'sso-only' } });
    expect(password.statusCode).toBe(401);
  });

  it('maps provider groups to roles at every sign-in, but never changes the break-glass ADMIN', async () => {
    const user = await createUser(ctx.deps, { role: 'STAFF', email: email('tech') });
    idp.account({ email: user.email, groups: ['mdm-it', 'unrelated'] });
    expect((await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa'])).callback.headers.location).toBe('/');
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('IT');
    expect((await lastAudit(ctx, 'user.updated', user.id))?.details).toMatchObject({ changes: { role: { from: 'STAFF', to: 'IT' } }, source: 'sso_group_mapping' });

    idp.account({ email: user.email, groups: ['mdm-it', 'mdm-admins'] });
    await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa']);
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('ADMIN');

    idp.account({ email: user.email, groups: [] });
    await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa']);
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('STAFF');

    const breakGlass = await createUser(ctx.deps, { role: 'ADMIN', email: email('break-glass') });
    const guarded = await context(ssoEnv({ BREAK_GLASS_ADMIN_EMAIL: breakGlass.email }));
    idp.account({ email: breakGlass.email, groups: [] });
    expect((await ssoRoundTrip(guarded, breakGlass.email, ['pwd', 'mfa'])).callback.headers.location).toBe('/');
    expect((await guarded.deps.db.user.findUniqueOrThrow({ where: { id: breakGlass.id } })).role).toBe('ADMIN');
  });

  it('lets provider MFA satisfy step-up, and asks for our own MFA when the provider did not assert it', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN', email: email('admin') });
    idp.account({ email: admin.email, groups: ['mdm-admins'] });
    const body = { name: `siem-${randomUUID()}`, key: { scopes: ['audit:read'] } };

    const withMfa = await resumeSession(ctx, (await ssoRoundTrip(ctx, admin.email, ['pwd', 'mfa'])).callback);
    const allowed = await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: { authorization: `Bearer ${withMfa.accessToken}` }, payload: body });
    expect(allowed.statusCode).toBe(201);

    const withoutMfa = await resumeSession(ctx, (await ssoRoundTrip(ctx, admin.email, ['pwd'])).callback);
    expect(withoutMfa).toMatchObject({ mfa: false, mustEnrollMfa: true });
    const refused = await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: { authorization: `Bearer ${withoutMfa.accessToken}` }, payload: { ...body, name: `siem-${randomUUID()}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('STEP_UP_REQUIRED');
    // The provider's latest word decides the MFA compliance rule.
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: admin.id } })).idpMfaAt).toBeNull();
  });

  it('accepts a callback once: a replayed one is refused', async () => {
    const user = await createUser(ctx.deps, { email: email('replay') });
    idp.account({ email: user.email });
    const first = await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa']);
    expect(first.callback.headers.location).toBe('/');
    const replay = await ctx.app.inject({ method: 'GET', url: first.callbackPath, cookies: { mdm_oidc_state: first.stateCookie } });
    expect(replay.statusCode).toBe(302);
    expect(replay.headers.location).toBe('/?sso_error=state');
    expect(replay.cookies.find((c) => c.name === 'mdm_refresh')).toBeUndefined();
    expect(await refusal(ctx, 'state_unknown_or_used')).not.toBeNull();
  });

  it('refuses a callback whose state is not the one this browser started (login CSRF), or was altered', async () => {
    const user = await createUser(ctx.deps, { email: email('csrf') });
    idp.account({ email: user.email });
    // The attacker's own completed sign-in, opened in the victim's browser (which started a sign-in of its own).
    const victimStart = await ctx.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
    const victimState = victimStart.cookies.find((c) => c.name === 'mdm_oidc_state')!.value;
    const attackerStart = await ctx.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
    idp.nextSignIn(user.email, ['pwd', 'mfa']);
    const back = await signInAtIdp(attackerStart.headers.location as string, REDIRECT_URI);
    const csrf = await ctx.app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { mdm_oidc_state: victimState } });
    expect(csrf.headers.location).toBe('/?sso_error=state');
    expect(await refusal(ctx, 'state_not_this_browser')).not.toBeNull();
    // Without the cookie at all.
    const bare = await ctx.app.inject({ method: 'GET', url: back.pathname + back.search });
    expect(bare.headers.location).toBe('/?sso_error=state');

    // The state in the URL changed to one never issued, cookie to match.
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state-value');
    const altered = await ctx.app.inject({ method: 'GET', url: forged.pathname + forged.search, cookies: { mdm_oidc_state: 'forged-state-value' } });
    expect(altered.headers.location).toBe('/?sso_error=state');
    expect(altered.cookies.find((c) => c.name === 'mdm_refresh')).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one we sent', async () => {
    const user = await createUser(ctx.deps, { email: email('nonce') });
    idp.account({ email: user.email });
    const { callback } = await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa'], { tamper: (url) => url.searchParams.set('nonce', 'nonce-chosen-by-someone-else') });
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/?sso_error=failed');
    expect(callback.cookies.find((c) => c.name === 'mdm_refresh')).toBeUndefined();
    expect(await refusal(ctx, 'provider_failed')).not.toBeNull();
  });

  it('sends the browser back with a code when the provider refuses the sign-in', async () => {
    const start = await ctx.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
    const state = start.cookies.find((c) => c.name === 'mdm_oidc_state')!.value;
    idp.denyNextSignIn();
    const back = await signInAtIdp(start.headers.location as string, REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const callback = await ctx.app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { mdm_oidc_state: state } });
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/?sso_error=denied');
    expect(callback.body).not.toContain('cancelled');
    expect(await refusal(ctx, 'provider_denied')).not.toBeNull();
  });

  it('refuses a disabled user and an address the provider marks unverified', async () => {
    const user = await createUser(ctx.deps, { email: email('gone') });
    await ctx.deps.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    idp.account({ email: user.email });
    expect((await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa'])).callback.headers.location).toBe('/?sso_error=not_allowed');
    expect((await refusal(ctx, 'user_disabled'))?.actorId).toBe(user.id);

    const unverified = await createUser(ctx.deps, { email: email('unverified') });
    idp.account({ email: unverified.email, emailVerified: false });
    expect((await ssoRoundTrip(ctx, unverified.email, ['pwd', 'mfa'])).callback.headers.location).toBe('/?sso_error=not_allowed');
    expect(await refusal(ctx, 'email_unverified')).not.toBeNull();
  });

  it('answers a clean redirect, never a 5xx, when the provider is down', async () => {
    const user = await createUser(ctx.deps, { email: email('outage') });
    idp.account({ email: user.email });
    // Down between the provider's login page and our code redemption.
    const start = await ctx.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
    const state = start.cookies.find((c) => c.name === 'mdm_oidc_state')!.value;
    idp.nextSignIn(user.email, ['pwd', 'mfa']);
    const back = await signInAtIdp(start.headers.location as string, REDIRECT_URI);
    idp.down();
    try {
      const callback = await ctx.app.inject({ method: 'GET', url: back.pathname + back.search, cookies: { mdm_oidc_state: state } });
      expect(callback.statusCode).toBe(302);
      expect(callback.headers.location).toBe('/?sso_error=unavailable');
      expect(await refusal(ctx, 'provider_unavailable')).not.toBeNull();
    } finally {
      idp.up();
    }

    // Not there at all (discovery fails); a later sign-in retries discovery.
    const nowhere = await context(ssoEnv({ OIDC_ISSUER_URL: 'http://127.0.0.1:9' }));
    const refused = await nowhere.app.inject({ method: 'GET', url: '/v1/auth/oidc/start' });
    expect(refused.statusCode).toBe(302);
    expect(refused.headers.location).toBe('/?sso_error=unavailable');
    expect(await refusal(nowhere, 'provider_unreachable')).not.toBeNull();
    expect((await ssoRoundTrip(ctx, user.email, ['pwd', 'mfa'])).callback.headers.location).toBe('/');
  });

  it('refuses password sign-in for everyone but the break-glass ADMIN when LOCAL_PASSWORD_SIGNIN=off', async () => {
    const breakGlass = await createUser(ctx.deps, { role: 'ADMIN', email: email('glass') });
    const staff = await createUser(ctx.deps, { role: 'STAFF', email: email('pw-staff') });
    const otherAdmin = await createUser(ctx.deps, { role: 'ADMIN', email: email('pw-admin') });
    const off = await context(ssoEnv({ LOCAL_PASSWORD_SIGNIN: 'off', BREAK_GLASS_ADMIN_EMAIL: breakGlass.email }));
    const login = (who: { email: string; password: string }) => off.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: who.email, password: who.password } });

    for (const refused of [staff, otherAdmin]) {
      const response = await login(refused);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.details).toEqual({ ssoRequired: true });
    }
    // A wrong password gets the same answer: the refusal says nothing about the password.
    expect((await login({ email: staff.email, password: 'wrong password' })).statusCode).toBe(403);
    expect((await lastAudit(off, 'auth.login_refused'))?.details).toMatchObject({ reason: 'password_signin_off' });
    expect((await login(breakGlass)).statusCode).toBe(200);

    // The named account loses the exception once it is no longer an ADMIN.
    await off.deps.db.user.update({ where: { id: breakGlass.id }, data: { role: 'IT' } });
    expect((await login(breakGlass)).statusCode).toBe(403);
    // SSO still works for everyone else.
    idp.account({ email: staff.email });
    expect((await ssoRoundTrip(off, staff.email, ['pwd', 'mfa'])).callback.headers.location).toBe('/');
  });
});
