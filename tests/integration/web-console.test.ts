import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { createUser, TEST_PASSWORD } from '../support/factories.js';

const built = mkdtempSync(join(tmpdir(), 'web-dist-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/assets/app.js"></script>');
writeFileSync(join(built, 'assets', 'app.js'), 'console.log(1)');

describe('web console served by the API', () => {
  let ctx: TestContext;
  let unbuilt: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ WEB_DIST_DIR: built });
    unbuilt = await createTestContext({ WEB_DIST_DIR: join(built, 'missing') });
  });
  afterAll(async () => {
    await ctx.close();
    await unbuilt.close();
  });

  it('answers the app at / and at deep links, under a CSP without inline scripts', async () => {
    for (const url of ['/', '/team/people/123', '/me/devices?x=1']) {
      const response = await ctx.app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>console</title>');
      const csp = response.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('serves fingerprinted assets with a long cache lifetime', async () => {
    const response = await ctx.app.inject({ url: '/assets/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('keeps JSON errors for unknown API, device-protocol, file and other non-console paths instead of the app page', async () => {
    for (const url of ['/v1/no-such-thing', '/mdm/apple/nothing', '/.well-known/nothing', '/assets/missing.js', '/v1/', '/nope', '/me/devices.php']) {
      const response = await ctx.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('leaves API responses as they were (no CSP on JSON)', async () => {
    const response = await ctx.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('says how to build the console when it is not built', async () => {
    const response = await unbuilt.app.inject({ url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
  });
});

describe('refresh token as a cookie for browsers', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ WEB_DIST_DIR: built });
  });
  afterAll(() => ctx.close());

  const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
    [setCookie ?? []].flat().find((c) => c.startsWith(`${name}=`));

  async function browserLogin() {
    const user = await createUser(ctx.deps);
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', headers: { 'x-refresh-cookie': '1' }, payload: { email: user.email, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = cookieOf(response.headers['set-cookie'], 'mdm_refresh')!;
    return { user, response, cookie, value: cookie.split(';')[0]!.split('=')[1]! };
  }

  it('sets an httpOnly SameSite=Strict cookie scoped to /v1/auth and keeps the token out of the body', async () => {
    const { response, cookie } = await browserLogin();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/v1\/auth/);
    expect(response.json().refreshToken).toBeUndefined();
    expect(response.json().accessToken).toEqual(expect.any(String));
    // The readable hint holds no secret.
    expect(cookieOf(response.headers['set-cookie'], 'mdm_session')).toMatch(/^mdm_session=1;/);
  });

  it('refreshes from the cookie only when the browser header is present, and rotates it', async () => {
    const { value } = await browserLogin();
    const withoutHeader = await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', cookies: { mdm_refresh: value }, payload: {} });
    expect(withoutHeader.statusCode).toBe(401);
    const refreshed = await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'x-refresh-cookie': '1' }, cookies: { mdm_refresh: value }, payload: {} });
    expect(refreshed.statusCode).toBe(200);
    const next = cookieOf(refreshed.headers['set-cookie'], 'mdm_refresh')!;
    expect(next.split(';')[0]).not.toBe(`mdm_refresh=${value}`);
    // The old cookie is spent: reusing it revokes the session, and the answer clears the cookie.
    const reuse = await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'x-refresh-cookie': '1' }, cookies: { mdm_refresh: value }, payload: {} });
    expect(reuse.statusCode).toBe(401);
    expect(cookieOf(reuse.headers['set-cookie'], 'mdm_refresh')).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('refuses a cross-site request carrying the cookie, and changes nothing', async () => {
    const { value } = await browserLogin();
    const crossSite = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'x-refresh-cookie': '1', origin: 'https://evil.example', host: 'mdm.example.test' },
      cookies: { mdm_refresh: value },
      payload: {},
    });
    expect(crossSite.statusCode).toBe(403);
    const sameSite = await ctx.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'x-refresh-cookie': '1', origin: 'https://mdm.example.test', host: 'mdm.example.test' },
      cookies: { mdm_refresh: value },
      payload: {},
    });
    expect(sameSite.statusCode).toBe(200);
  });

  it('keeps the JSON body variant for API clients', async () => {
    const user = await createUser(ctx.deps);
    const login = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: TEST_PASSWORD } });
    expect(login.headers['set-cookie']).toBeUndefined();
    const refreshed = await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: login.json().refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().refreshToken).toEqual(expect.any(String));
  });

  it('answers 401 (not 500) without any token, and 400 for malformed or oversized bodies', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: {} })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'x-refresh-cookie': '1' }, cookies: { mdm_refresh: 'x'.repeat(5000) }, payload: {} })).statusCode).toBe(401);
    // Text PostgreSQL cannot store is refused by the validator before any lookup.
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: 'a\u0000'.repeat(20) } })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'x-refresh-cookie': '2' }, payload: {} })).statusCode).toBe(400);
  });

  it('clears the cookie on sign-out and the session cannot be resumed', async () => {
    const { response, value } = await browserLogin();
    const logout = await ctx.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { authorization: `Bearer ${response.json().accessToken}` } });
    expect(logout.statusCode).toBe(204);
    expect(cookieOf(logout.headers['set-cookie'], 'mdm_refresh')).toMatch(/Expires=Thu, 01 Jan 1970/);
    const after = await ctx.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { 'x-refresh-cookie': '1' }, cookies: { mdm_refresh: value }, payload: {} });
    expect(after.statusCode).toBe(401);
  });
});
