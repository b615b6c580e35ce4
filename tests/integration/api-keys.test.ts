import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer as signIn, createTestContext, type TestContext } from '../support/context.js';
import { createUser, type TestUser, createDevice } from '../support/factories.js';

const LEGACY_KEY = 'legacy-idp-key-0123456789abcdefghijklmnop';
let ctx: TestContext;
let admin: TestUser;
let adminWithoutMfa: TestUser;
let it_: TestUser;
let deviceId: string;
let serial: string;
const amapiName = `enterprises/keys/devices/${randomUUID()}`;

const tokens = new Map<string, Promise<Record<string, string>>>();
const bearer = (user: TestUser) => {
  if (!tokens.has(user.id)) tokens.set(user.id, signIn(ctx, user));
  return tokens.get(user.id)!;
};

beforeAll(async () => {
  ctx = await createTestContext({ REDIS_PREFIX: `${inject('redisPrefix')}:api-keys`, COMPLIANCE_ACCESS_API_KEYS: LEGACY_KEY });
  admin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
  adminWithoutMfa = await createUser(ctx.deps, { role: 'ADMIN' });
  it_ = await createUser(ctx.deps, { role: 'IT', mfa: true });
  const staff = await createUser(ctx.deps, {});
  serial = `SN-KEYS-${Date.now()}`;
  deviceId = (await createDevice(ctx.deps, { userId: staff.id, platform: 'ANDROID', serialNumber: serial, android: { amapiName } })).id;
});

afterAll(() => ctx?.close());

/** Moves the clock; signed-in users sign in again, since their step-up MFA ages with it. */
function advance(ms: number) {
  ctx.clock.advance(ms);
  tokens.clear();
}

let accountSeq = 0;
async function createAccount(key: Record<string, unknown>) {
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: await bearer(admin), payload: { name: `integration-${Date.now()}-${accountSeq++}`, key } });
  expect(response.statusCode).toBe(201);
  return response.json() as { serviceAccount: { id: string }; key: { id: string; prefix: string }; secret: string };
}

const withKey = (secret: string, url: string, extra: { remoteAddress?: string; header?: 'x-api-key' } = {}) =>
  ctx.app.inject({ method: 'GET', url, headers: extra.header ? { 'x-api-key': secret } : { authorization: `Bearer ${secret}` }, remoteAddress: extra.remoteAddress });

describe('service accounts and keys (ADMIN)', () => {
  it('issues a key whose secret is shown once and stored only as a hash; the list shows prefix, scopes and last use', async () => {
    const created = await createAccount({ scopes: ['devices:read'] });
    expect(created.secret).toMatch(new RegExp(`^mdmk_${created.key.prefix}_[A-Za-z0-9_-]{43}$`));
    const row = await ctx.deps.db.apiKey.findUniqueOrThrow({ where: { id: created.key.id } });
    // The random part is base64url and may itself contain '_': take everything after the prefix.
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(`mdmk_${created.key.prefix}_`.length));

    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(200);
    const listed = await ctx.app.inject({ method: 'GET', url: '/v1/service-accounts', headers: await bearer(admin) });
    const account = (listed.json().items as { id: string; keys: Record<string, unknown>[] }[]).find((a) => a.id === created.serviceAccount.id)!;
    expect(account.keys).toEqual([expect.objectContaining({ prefix: created.key.prefix, scopes: ['devices:read'], state: 'active', lastUsedAt: expect.any(String) })]);
    expect(listed.body).not.toContain(created.secret);
    expect(listed.body).not.toContain('secretHash');
  });

  it('every request made with a key is audited as the service account', async () => {
    const created = await createAccount({ scopes: ['devices:read'] });
    await withKey(created.secret, `/v1/devices?userId=${(await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).userId}`);
    const events = await ctx.deps.db.auditEvent.findMany({ where: { actorId: created.serviceAccount.id, action: 'api_key.request' } });
    expect(events).toEqual([expect.objectContaining({ actorType: 'service_account', targetId: 'GET /v1/devices', details: expect.objectContaining({ keyId: created.key.id, status: 200 }) })]);
  });

  it('creating or issuing keys needs ADMIN with a recent MFA', async () => {
    const body = { name: `x-${Date.now()}`, key: { scopes: ['devices:read'] } };
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: await bearer(adminWithoutMfa), payload: body })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: await bearer(it_), payload: body })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/service-accounts', headers: await bearer(it_) })).statusCode).toBe(403);
    expect(await ctx.deps.db.serviceAccount.count({ where: { name: body.name } })).toBe(0);
  });

  it.each([
    ['an unknown scope', { scopes: ['devices:write'] }],
    ['no scope', { scopes: [] }],
    ['an expiry in the past', { scopes: ['devices:read'], expiresAt: '2000-01-01T00:00:00Z' }],
    ['a malformed CIDR', { scopes: ['devices:read'], allowedCidrs: ['10.0.0.0/99'] }],
    ['an unknown property', { scopes: ['devices:read'], admin: true }],
  ])('refuses a key with %s (400)', async (_what, key) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: await bearer(admin), payload: { name: `bad-${Date.now()}-${accountSeq++}`, key } });
    expect(response.statusCode).toBe(400);
  });

  it('refuses a service account name with a NUL byte (400)', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: await bearer(admin), payload: { name: 'a\u0000b', key: { scopes: ['devices:read'] } } });
    expect(response.statusCode).toBe(400);
  });
});

describe('keys at the door', () => {
  it('a key without the route scope is 403; one on a route that takes no keys is 401', async () => {
    const created = await createAccount({ scopes: ['devices:read'] });
    const response = await withKey(created.secret, `/v1/devices/${deviceId}/access`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.details).toEqual({ requiredScope: 'access:read' });
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/v1/devices/${deviceId}`, headers: { authorization: `Bearer ${created.secret}` }, payload: { assetTag: 'x' } });
    expect(patch.statusCode).toBe(401);
  });

  it('revocation takes effect on the very next request', async () => {
    const created = await createAccount({ scopes: ['devices:read'] });
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/v1/api-keys/${created.key.id}?reason=leaked`, headers: await bearer(admin) })).statusCode).toBe(204);
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(401);
  });

  it('an expired key is 401', async () => {
    const created = await createAccount({ scopes: ['devices:read'], expiresAt: new Date(ctx.clock.now().getTime() + 60_000).toISOString() });
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(200);
    advance(61_000);
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(401);
  });

  it('rotation: the new key works at once, the old one until the overlap ends', async () => {
    const created = await createAccount({ scopes: ['devices:read', 'access:read'] });
    const rotated = await ctx.app.inject({ method: 'POST', url: `/v1/api-keys/${created.key.id}/rotate`, headers: await bearer(admin), payload: { overlapSeconds: 300 } });
    expect(rotated.statusCode).toBe(201);
    const { secret, key } = rotated.json() as { secret: string; key: { scopes: string[] } };
    expect(key.scopes).toEqual(['devices:read', 'access:read']);
    expect((await withKey(secret, `/v1/devices/${deviceId}`)).statusCode).toBe(200);
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(200);
    advance(301_000);
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`)).statusCode).toBe(401);
    expect((await withKey(secret, `/v1/devices/${deviceId}`)).statusCode).toBe(200);
    // A second rotation of the replaced key is refused: there is one successor.
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/api-keys/${created.key.id}/rotate`, headers: await bearer(admin), payload: {} })).statusCode).toBe(409);
  });

  it('a key bound to source addresses is refused from anywhere else', async () => {
    const created = await createAccount({ scopes: ['devices:read'], allowedCidrs: ['10.20.0.0/16', '2001:db8::/32'] });
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`, { remoteAddress: '10.20.3.4' })).statusCode).toBe(200);
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`, { remoteAddress: '10.21.3.4' })).statusCode).toBe(401);
    expect((await withKey(created.secret, `/v1/devices/${deviceId}`, { remoteAddress: '127.0.0.1' })).statusCode).toBe(401);
  });

  it.each([
    ['a malformed key', 'mdmk_nothex_short'],
    ['a forged secret for a real prefix', 'FORGED'],
    ['a NUL byte', 'mdmk_\u0000'],
  ])('%s is 401', async (_what, value) => {
    let secret = value;
    if (value === 'FORGED') secret = `mdmk_${(await createAccount({ scopes: ['devices:read'] })).key.prefix}_${'A'.repeat(43)}`;
    expect((await withKey(secret, `/v1/devices/${deviceId}`, { header: 'x-api-key' })).statusCode).toBe(401);
  });
});

describe('compliance reports for integrations', () => {
  it('a compliance:read key reads the fleet summary; a devices:read key cannot', async () => {
    const reader = await createAccount({ scopes: ['compliance:read'] });
    const summary = await withKey(reader.secret, '/v1/reports/summary');
    expect(summary.statusCode).toBe(200);
    expect(summary.json().scope).toBe('fleet');
    const other = await createAccount({ scopes: ['devices:read'] });
    expect((await withKey(other.secret, '/v1/reports/noncompliant')).statusCode).toBe(403);
  });
});

describe('device access for identity providers', () => {
  it('answers an access:read key by id, serial number, UDID and Android device name', async () => {
    const created = await createAccount({ scopes: ['access:read'] });
    const byId = await withKey(created.secret, `/v1/devices/${deviceId}/access`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({ deviceId, access: 'allow' });
    expect((await withKey(created.secret, `/v1/device-access?serialNumber=${serial}`)).json()).toMatchObject({ deviceId });
    expect((await withKey(created.secret, `/v1/device-access?androidDeviceName=${encodeURIComponent(amapiName)}`)).json()).toMatchObject({ deviceId });
    expect((await withKey(created.secret, '/v1/device-access?udid=NO-SUCH-UDID')).statusCode).toBe(404);
    expect((await withKey(created.secret, `/v1/device-access?serialNumber=${serial}&udid=x`)).statusCode).toBe(400);
    expect((await withKey(created.secret, '/v1/device-access')).statusCode).toBe(400);
    expect((await withKey(created.secret, '/v1/device-access?serialNumber=a%00b')).statusCode).toBe(400);
  });

  it('still accepts the static COMPLIANCE_ACCESS_API_KEYS key, and nothing else in X-Api-Key', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/access`, headers: { 'x-api-key': LEGACY_KEY } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/device-access?serialNumber=${serial}`, headers: { 'x-api-key': LEGACY_KEY } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/access`, headers: { 'x-api-key': 'wrong' } })).statusCode).toBe(401);
  });
});
