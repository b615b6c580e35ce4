import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, createTestContext, type TestContext } from '../support/context.js';
import { evaluateRules, type DeviceFacts } from '../../src/domain/compliance/rules.js';
import { findPreset } from '../../src/domain/compliance/presets.js';
import { judge } from '../../src/domain/compliance/judge.js';
import type { Prisma } from '../../src/db/prisma.js';
import { createUser, type TestUser, createDevice } from '../support/factories.js';

const HOUR = 3_600_000;
const API_KEY = 'idp-test-key-0123456789abcdefghijklmnop';

let ctx: TestContext;

/**
 * Stores a judged state for a device without going through the policy in force: other files change the shared
 * policy, and these tests are about who sees what, not about judging.
 */
async function seedState(deviceId: string, platform: 'APPLE' | 'ANDROID', ownership: 'CORPORATE' | 'PERSONAL', posture: Partial<NonNullable<DeviceFacts['posture']>>, failingSince: Date) {
  const now = ctx.clock.now();
  const settings = findPreset('cyber-essentials')!.document.settings[ownership][platform];
  const full = { encrypted: true, passcodePresent: true, passcodeCompliant: true, passcodeMinLength: 6, autoLockMinutes: 1, osVersion: platform === 'APPLE' ? '18.1' : '15', securityPatchLevel: new Date(now.getTime() - 86_400_000), compromised: false, lastCheckInAt: now, ...posture };
  const results = evaluateRules({ platform, ownership, posture: full, device: { osVersion: null, lastSeenAt: null }, user: { mfaEnrolled: true } }, settings, now);
  const failing = results.filter((r) => r.status === 'fail').map((r) => r.rule);
  const j = judge(results, { failureClocks: new Map(failing.map((r) => [r, failingSince])), episodeStartedAt: null }, settings.gracePeriodHours, now);
  const device = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } });
  await ctx.deps.db.deviceCompliance.create({
    data: {
      deviceId, userId: device.userId, platform, ownership, state: j.state, graceDeadline: j.graceDeadline, episodeStartedAt: j.episodeStartedAt,
      failingRules: j.failing, unknownRules: j.unknown, policyVersion: 1,
      detail: { create: { results: results as unknown as Prisma.InputJsonValue } }, evaluatedAt: now, stateChangedAt: now,
    },
  });
  await ctx.deps.db.deviceRuleFailure.createMany({ data: [...j.failureClocks].map(([rule, at]) => ({ deviceId, rule, firstFailedAt: at })) });
  return j;
}

let manager: TestUser;
let otherManager: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let it_: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', REDIS_PREFIX: `${inject('redisPrefix')}:compliance-reports`, COMPLIANCE_ACCESS_API_KEYS: API_KEY });
  manager = await createUser(ctx.deps, { role: 'MANAGER' });
  otherManager = await createUser(ctx.deps, { role: 'MANAGER' });
  alice = await createUser(ctx.deps, { managerId: manager.id, name: '=HYPERLINK("x")' });
  bob = await createUser(ctx.deps, { managerId: manager.id, name: 'Bob' });
  carol = await createUser(ctx.deps, { managerId: otherManager.id, name: 'Carol' });
  it_ = await createUser(ctx.deps, { role: 'IT' });
  const now = ctx.clock.now();

  ids.aliceAndroid = (await createDevice(ctx.deps, { userId: alice.id, platform: 'ANDROID', ownership: 'PERSONAL', serialNumber: 'SN-ALICE-A' })).id;
  // The phone reports its password does not meet the applied policy (passcode_length fails).
  await seedState(ids.aliceAndroid, 'ANDROID', 'PERSONAL', { passcodeCompliant: false }, new Date(now.getTime() - 10 * HOUR));
  ids.aliceIphone = (await createDevice(ctx.deps, { userId: alice.id, platform: 'APPLE', ownership: 'CORPORATE', serialNumber: 'SN-ALICE-I' })).id;
  await seedState(ids.aliceIphone, 'APPLE', 'CORPORATE', {}, now);
  ids.bobAndroid = (await createDevice(ctx.deps, { userId: bob.id, platform: 'ANDROID', ownership: 'CORPORATE', serialNumber: 'SN-BOB' })).id;
  await seedState(ids.bobAndroid, 'ANDROID', 'CORPORATE', { encrypted: false, compromised: true }, new Date(now.getTime() - 100 * HOUR));
  ids.bobIphone = (await createDevice(ctx.deps, { userId: bob.id, platform: 'APPLE', ownership: 'PERSONAL', serialNumber: 'SN-BOB-I' })).id;
  await seedState(ids.bobIphone, 'APPLE', 'PERSONAL', { encrypted: null, passcodePresent: null, passcodeMinLength: null }, now);
  ids.carolAndroid = (await createDevice(ctx.deps, { userId: carol.id, platform: 'ANDROID', ownership: 'CORPORATE', serialNumber: 'SN-CAROL' })).id;
  await seedState(ids.carolAndroid, 'ANDROID', 'CORPORATE', { encrypted: false }, now);
});

afterAll(() => ctx?.close());

describe("a person's compliance", () => {
  it('staff see their own devices with what to fix, by when, and the device details', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/me/devices', headers: await bearer(ctx, alice) });
    expect(response.statusCode).toBe(200);
    const devices = response.json().devices as { deviceId: string; state: string; graceDeadline: string; failingRules: { rule: string; actual: string; remediation: string }[]; device?: { serialNumber: string } }[];
    const android = devices.find((d) => d.deviceId === ids.aliceAndroid)!;
    expect(android).toMatchObject({ state: 'IN_GRACE', device: { serialNumber: 'SN-ALICE-A' } });
    expect(new Date(android.graceDeadline).getTime()).toBe(ctx.clock.now().getTime() + 62 * HOUR);
    expect(android.failingRules).toEqual([expect.objectContaining({ rule: 'passcode_length', actual: 'the device reports its password does not meet the policy', remediation: expect.stringContaining('Settings → Security & privacy → Screen lock') })]);
    expect(devices.find((d) => d.deviceId === ids.aliceIphone)!.state).toBe('COMPLIANT');
  });

  it("a manager sees their report's state and failing rules but no device details", async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/users/${bob.id}/compliance`, headers: await bearer(ctx, manager) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(response.body).not.toContain('SN-BOB');
    const android = body.devices.find((d: { deviceId: string }) => d.deviceId === ids.bobAndroid);
    expect(android.state).toBe('NONCOMPLIANT');
    expect(android.device).toBeUndefined();
    expect(android.failingRules.map((f: { rule: string; actual: unknown }) => [f.rule, f.actual])).toEqual([['encryption', null], ['integrity', null]]);
    expect(body.devices.find((d: { deviceId: string }) => d.deviceId === ids.bobIphone)).toMatchObject({ state: 'UNKNOWN', unknownRules: expect.arrayContaining([expect.objectContaining({ rule: 'encryption' })]) });
  });

  it("a manager asking for another team's user gets 404, not their data", async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/users/${carol.id}/compliance`, headers: await bearer(ctx, manager) });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Carol');
  });

  it("staff asking for a colleague's compliance get 404", async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/users/${bob.id}/compliance`, headers: await bearer(ctx, alice) })).statusCode).toBe(404);
  });

  it('IT sees anyone with device details, and the access is audited', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/users/${carol.id}/compliance`, headers: await bearer(ctx, it_) });
    expect(response.statusCode).toBe(200);
    expect(response.json().devices[0].device.serialNumber).toBe('SN-CAROL');
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'compliance.user_report_viewed', actorId: it_.id, targetId: carol.id } })).toBe(1);
  });
});

describe('non-compliant report', () => {
  it('a manager sees only their team, soonest deadline first, without serial numbers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant', headers: await bearer(ctx, manager) });
    expect(response.statusCode).toBe(200);
    const { items, nextCursor } = response.json();
    expect(items.map((i: { deviceId: string }) => i.deviceId)).toEqual([ids.bobAndroid, ids.aliceAndroid]);
    expect(items[0]).toMatchObject({ state: 'NONCOMPLIANT', user: { id: bob.id, name: 'Bob' }, failingRules: ['encryption', 'integrity'] });
    expect(items[0].device).toBeUndefined();
    expect(response.body).not.toMatch(/SN-|Pixel/);
    expect(nextCursor).toBeNull();
  });

  it('filters by state, platform, ownership and rule, and includes unknown devices when asked', async () => {
    const headers = await bearer(ctx, manager);
    const list = async (query: string) => (await ctx.app.inject({ method: 'GET', url: `/v1/reports/noncompliant?${query}`, headers })).json().items.map((i: { deviceId: string }) => i.deviceId);
    expect(await list('state=IN_GRACE')).toEqual([ids.aliceAndroid]);
    expect(await list('ownership=CORPORATE')).toEqual([ids.bobAndroid]);
    expect(await list('rule=passcode_length')).toEqual([ids.aliceAndroid]);
    expect(await list('platform=APPLE')).toEqual([]);
    expect(await list('state=UNKNOWN&platform=APPLE')).toEqual([ids.bobIphone]);
  });

  it('pages with a cursor', async () => {
    const headers = await bearer(ctx, manager);
    const first = (await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant?limit=1&state=IN_GRACE&state=NONCOMPLIANT&state=UNKNOWN', headers })).json();
    const second = (await ctx.app.inject({ method: 'GET', url: `/v1/reports/noncompliant?limit=1&state=IN_GRACE&state=NONCOMPLIANT&state=UNKNOWN&cursor=${first.nextCursor}`, headers })).json();
    const third = (await ctx.app.inject({ method: 'GET', url: `/v1/reports/noncompliant?limit=1&state=IN_GRACE&state=NONCOMPLIANT&state=UNKNOWN&cursor=${second.nextCursor}`, headers })).json();
    expect([first, second, third].map((p) => p.items[0].deviceId)).toEqual([ids.bobAndroid, ids.aliceAndroid, ids.bobIphone]);
    expect(third.nextCursor).toBeNull();
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant?cursor=bogus', headers })).statusCode).toBe(400);
  });

  it('answers CSV on Accept: text/csv, with formulas defused', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant', headers: { ...(await bearer(ctx, manager)), accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('deviceId,userName,userEmail,platform,ownership,state,graceDeadline,failingRules,unknownRules,blocked');
    expect(lines[1]).toMatch(new RegExp(`^${ids.bobAndroid},Bob,.*,ANDROID,CORPORATE,NONCOMPLIANT,.*,encryption integrity,,false$`));
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('IT sees every team with device details', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant?limit=1000', headers: await bearer(ctx, it_) });
    const items = response.json().items as { deviceId: string; device?: { serialNumber: string } }[];
    const carolRow = items.find((i) => i.deviceId === ids.carolAndroid);
    expect(carolRow?.device?.serialNumber).toBe('SN-CAROL');
  });

  it('staff cannot read reports', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant', headers: await bearer(ctx, alice) })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/reports/summary', headers: await bearer(ctx, alice) })).statusCode).toBe(403);
  });
});

describe('summary', () => {
  it("counts a manager's team by state, platform, ownership and failing rule", async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/reports/summary', headers: await bearer(ctx, manager) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      scope: 'team',
      total: 4,
      byState: { COMPLIANT: 1, IN_GRACE: 1, NONCOMPLIANT: 1, UNKNOWN: 1 },
      byPlatform: { APPLE: 2, ANDROID: 2 },
      byOwnership: { CORPORATE: 2, PERSONAL: 2 },
      byFailingRule: { encryption: 1, integrity: 1, passcode_length: 1, mfa: 0 },
    });
  });

  it('IT counts the whole fleet', async () => {
    const body = (await ctx.app.inject({ method: 'GET', url: '/v1/reports/summary', headers: await bearer(ctx, it_) })).json();
    expect(body.scope).toBe('fleet');
    expect(body.total).toBeGreaterThanOrEqual(5);
    expect(body.byState.IN_GRACE).toBeGreaterThanOrEqual(2);
  });
});

describe('device access for identity providers and VPNs', () => {
  it('answers a caller with the configured API key', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.bobAndroid}/access`, headers: { 'x-api-key': API_KEY } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ deviceId: ids.bobAndroid, access: 'allow', blocked: false, state: 'NONCOMPLIANT', reason: 'not blocked (state NONCOMPLIANT)' });
  });

  it('denies a blocked device', async () => {
    await ctx.deps.db.deviceCompliance.update({ where: { deviceId: ids.carolAndroid }, data: { blocked: true } });
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.carolAndroid}/access`, headers: { 'x-api-key': API_KEY } });
    expect(response.json()).toMatchObject({ access: 'deny', blocked: true });
  });

  it('refuses a wrong key, a missing credential and a staff token', async () => {
    const url = `/v1/devices/${ids.bobAndroid}/access`;
    expect((await ctx.app.inject({ method: 'GET', url, headers: { 'x-api-key': `${API_KEY}x` } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url, headers: await bearer(ctx, alice) })).statusCode).toBe(403);
  });
});
