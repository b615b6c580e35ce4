import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer as signIn, createIsolatedTestContext, type TestContext } from '../support/context.js';
import { createDevice, createUser, type TestUser } from '../support/factories.js';

let ctx: TestContext;
let it_: TestUser;
let manager: TestUser;
let otherManager: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
const ids: Record<string, string> = {};
const MIN = 60_000;

async function device(key: string, data: {
  userId: string | null; platform?: 'APPLE' | 'ANDROID'; ownership?: 'CORPORATE' | 'PERSONAL'; status?: 'ENROLLED' | 'UNENROLLED' | 'PENDING';
  displayName?: string | null; model?: string; serialNumber?: string | null; osVersion?: string; lastSeenMinutesAgo?: number | null;
  state?: 'COMPLIANT' | 'IN_GRACE' | 'NONCOMPLIANT'; failingRules?: string[]; blocked?: boolean; android?: 'PROFILE_OWNER' | 'DEVICE_OWNER'; apple?: 'DEVICE' | 'USER';
}) {
  const now = ctx.clock.now();
  const platform = data.platform ?? 'ANDROID';
  const ownership = data.ownership ?? 'CORPORATE';
  const created = await createDevice(ctx.deps, {
    userId: data.userId, platform, ownership, status: data.status ?? 'ENROLLED',
    displayName: data.displayName === undefined ? `${key}-phone` : data.displayName, model: data.model ?? 'Pixel 8',
    serialNumber: data.serialNumber === undefined ? `SN-${key.toUpperCase()}` : data.serialNumber, osVersion: data.osVersion ?? '15',
    enrolledAt: new Date(now.getTime() - 86_400_000),
    lastSeenAt: data.lastSeenMinutesAgo === null ? null : new Date(now.getTime() - (data.lastSeenMinutesAgo ?? 5) * MIN),
    ...(data.android ? { android: { amapiName: `enterprises/e1/devices/${key}`, managementMode: data.android } } : {}),
    ...(data.apple
      ? { appleEnrollment: { tokenHash: `hash-${key}-${randomUUID()}`, tokenExpiresAt: now, accessRights: 8191, type: data.apple, enrollmentId: `UDID-${key}`, udid: data.apple === 'DEVICE' ? `UDID-${key}` : null } }
      : {}),
  });
  if (data.state) {
    await ctx.deps.db.deviceCompliance.create({
      data: { deviceId: created.id, userId: data.userId, platform, ownership, state: data.state, failingRules: data.failingRules ?? [], unknownRules: [], policyVersion: 1, evaluatedAt: now, stateChangedAt: now, blocked: data.blocked ?? false },
    });
  }
  ids[key] = created.id;
  return created.id;
}

beforeAll(async () => {
  ctx = await createIsolatedTestContext();
  it_ = await createUser(ctx.deps, { role: 'IT' });
  manager = await createUser(ctx.deps, { role: 'MANAGER', name: 'Manager Mia' });
  otherManager = await createUser(ctx.deps, { role: 'MANAGER', name: 'Manager Max' });
  alice = await createUser(ctx.deps, { managerId: manager.id, name: 'Alice Archer', email: `alice.archer-${Date.now()}@example.test` });
  bob = await createUser(ctx.deps, { managerId: manager.id, name: 'Bob Baker' });
  carol = await createUser(ctx.deps, { managerId: otherManager.id, name: 'Carol Cooper' });

  await device('alicePixel', { userId: alice.id, ownership: 'PERSONAL', android: 'PROFILE_OWNER', state: 'IN_GRACE', failingRules: ['passcode_length'], lastSeenMinutesAgo: 1, osVersion: '13' });
  await device('aliceIphone', { userId: alice.id, platform: 'APPLE', model: 'iPhone', apple: 'DEVICE', state: 'COMPLIANT', lastSeenMinutesAgo: 30, osVersion: '17.4.1', displayName: 'Work iPhone' });
  await device('bobIpad', { userId: bob.id, platform: 'APPLE', model: 'iPad Pro', apple: 'USER', ownership: 'PERSONAL', state: 'NONCOMPLIANT', failingRules: ['encryption', 'os_version'], blocked: true, lastSeenMinutesAgo: 3000, osVersion: '16.7', serialNumber: null });
  await device('bobMac', { userId: bob.id, platform: 'APPLE', model: 'MacBook Air', apple: 'DEVICE', lastSeenMinutesAgo: null, displayName: null, osVersion: '14.5' });
  await device('carolPixel', { userId: carol.id, android: 'DEVICE_OWNER', state: 'COMPLIANT', lastSeenMinutesAgo: 10, serialNumber: 'SN-CAROL-777' });
  await device('oldPixel', { userId: carol.id, status: 'UNENROLLED', lastSeenMinutesAgo: 90_000, displayName: '=cmd|calc' });
  await device('spare', { userId: null, lastSeenMinutesAgo: null, displayName: 'Spare 50%' });
});

afterAll(() => ctx?.close());

// Signing in costs a deliberately slow password hash: one access token per user serves the whole file.
const tokens = new Map<string, Promise<Record<string, string>>>();
const bearer = (c: TestContext, user: TestUser) => {
  if (!tokens.has(user.id)) tokens.set(user.id, signIn(c, user));
  return tokens.get(user.id)!;
};

async function list(user: TestUser, query = '') {
  const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices${query}`, headers: await bearer(ctx, user) });
  return response;
}

const idsOf = (items: { id: string }[]) => items.map((i) => i.id);
const names = (...keys: string[]) => keys.map((k) => ids[k]);

describe('inventory list (IT)', () => {
  it('walks the whole fleet page by page in last-seen order, never-seen devices last, each device once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(it_, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...idsOf(body.items));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.slice(0, 5)).toEqual(names('alicePixel', 'carolPixel', 'aliceIphone', 'bobIpad', 'oldPixel'));
    expect(new Set(seen.slice(5))).toEqual(new Set(names('bobMac', 'spare')));
    expect(seen).toHaveLength(7);
  });

  it('sorts by name and by state, both directions, with the same cursor rules', async () => {
    const asc = (await list(it_, '?sort=name&direction=asc&limit=50')).json().items as { id: string; displayName: string | null }[];
    expect(asc.map((d) => d.displayName)).toEqual(['=cmd|calc', 'Spare 50%', 'Work iPhone', 'alicePixel-phone', 'bobIpad-phone', 'carolPixel-phone', null]);
    const byState: string[] = [];
    let cursor: string | null = null;
    do {
      const body = (await list(it_, `?sort=state&direction=desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: { compliance: { state: string } }[]; nextCursor: string | null };
      byState.push(...body.items.map((d) => d.compliance.state));
      cursor = body.nextCursor;
    } while (cursor);
    expect(byState).toEqual(['NONCOMPLIANT', 'IN_GRACE', 'COMPLIANT', 'COMPLIANT', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
  });

  it.each([
    ['platform=APPLE', ['aliceIphone', 'bobIpad', 'bobMac']],
    ['osFamily=IPADOS', ['bobIpad']],
    ['osFamily=MACOS', ['bobMac']],
    ['ownership=PERSONAL', ['alicePixel', 'bobIpad']],
    ['enrollmentType=ANDROID_WORK_PROFILE', ['alicePixel']],
    ['enrollmentType=APPLE_USER', ['bobIpad']],
    ['status=UNENROLLED', ['oldPixel']],
    ['complianceState=NONCOMPLIANT&complianceState=IN_GRACE', ['alicePixel', 'bobIpad']],
    ['complianceState=UNKNOWN', ['bobMac', 'oldPixel', 'spare']],
    ['failingRule=encryption', ['bobIpad']],
    ['blocked=true', ['bobIpad']],
    ['platform=APPLE&osVersionBelow=17', ['bobIpad', 'bobMac']],
    ['osVersionBelow=17.4.2&platform=APPLE', ['aliceIphone', 'bobIpad', 'bobMac']],
    ['osVersionBelow=14&platform=ANDROID', ['alicePixel']],
  ])('filters: %s', async (query, expected) => {
    const response = await list(it_, `?${query}&limit=50`);
    expect(response.statusCode).toBe(200);
    expect(new Set(idsOf(response.json().items))).toEqual(new Set(names(...expected)));
  });

  it('filters by user, manager and last-seen window', async () => {
    expect(new Set(idsOf((await list(it_, `?userId=${bob.id}`)).json().items))).toEqual(new Set(names('bobIpad', 'bobMac')));
    expect(new Set(idsOf((await list(it_, `?managerId=${otherManager.id}`)).json().items))).toEqual(new Set(names('carolPixel', 'oldPixel')));
    const before = new Date(ctx.clock.now().getTime() - 20 * MIN).toISOString();
    const after = new Date(ctx.clock.now().getTime() - 4000 * MIN).toISOString();
    expect(new Set(idsOf((await list(it_, `?lastSeenBefore=${before}&lastSeenAfter=${after}`)).json().items))).toEqual(new Set(names('aliceIphone', 'bobIpad')));
  });

  it("searches device name, model, serial number and the user's name and email; wildcards are literal", async () => {
    expect(idsOf((await list(it_, '?q=carol-7')).json().items)).toEqual(names('carolPixel'));
    expect(new Set(idsOf((await list(it_, '?q=ipad')).json().items))).toEqual(new Set(names('bobIpad')));
    expect(new Set(idsOf((await list(it_, '?q=alice%20arch')).json().items))).toEqual(new Set(names('alicePixel', 'aliceIphone')));
    expect(new Set(idsOf((await list(it_, `?q=${encodeURIComponent(alice.email.slice(0, 15))}`)).json().items))).toEqual(new Set(names('alicePixel', 'aliceIphone')));
    expect(idsOf((await list(it_, '?q=50%25')).json().items)).toEqual(names('spare'));
    expect(idsOf((await list(it_, '?q=5_%25')).json().items)).toEqual([]);
  });
});

describe('inventory visibility and redaction', () => {
  it("a manager lists their reports' devices with state and failing rule names only", async () => {
    const items = (await list(manager, '?limit=50')).json().items as Record<string, unknown>[];
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(names('alicePixel', 'aliceIphone', 'bobIpad', 'bobMac')));
    for (const item of items) {
      for (const hidden of ['serialNumber', 'displayName', 'model', 'osVersion', 'assetTag']) expect(item).not.toHaveProperty(hidden);
    }
    expect(items.find((i) => i.id === ids.bobIpad)!.compliance).toEqual({ state: 'NONCOMPLIANT', failingRules: ['encryption', 'os_version'], blocked: true, graceDeadline: null });
  });

  it("a manager finds a team device by the user's name but never by serial number, device name or model", async () => {
    expect(new Set(idsOf((await list(manager, '?q=Bob%20Bak')).json().items))).toEqual(new Set(names('bobIpad', 'bobMac')));
    expect((await list(manager, '?q=SN-ALICE')).json().items).toEqual([]);
    expect((await list(manager, '?q=Work%20iPhone')).json().items).toEqual([]);
    expect((await list(manager, '?q=MacBook')).json().items).toEqual([]);
    // Another team's people are not found at all, by name or by a manager filter.
    expect((await list(manager, '?q=Carol')).json().items).toEqual([]);
    expect((await list(manager, `?managerId=${otherManager.id}`)).json().items).toEqual([]);
  });

  it("a manager's name sort is by the user's name, so no device name leaks through order or cursor", async () => {
    const body = (await list(manager, '?sort=name&direction=asc&limit=1')).json() as { items: { user: { name: string } }[]; nextCursor: string };
    expect(body.items[0]!.user.name).toBe('Alice Archer');
    expect(Buffer.from(body.nextCursor, 'base64url').toString()).not.toMatch(/phone|iPhone/);
  });

  it('staff list only their own devices, and get 404 for anyone else’s', async () => {
    expect(new Set(idsOf((await list(alice)).json().items))).toEqual(new Set(names('alicePixel', 'aliceIphone')));
    expect((await list(alice, `?userId=${bob.id}`)).json().items).toEqual([]);
    const other = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.bobIpad}`, headers: await bearer(ctx, alice) });
    expect(other.statusCode).toBe(404);
    const own = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.aliceIphone}`, headers: await bearer(ctx, alice) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ serialNumber: 'SN-ALICEIPHONE', udid: 'UDID-aliceIphone' });
    expect(own.json()).not.toHaveProperty('notes');
  });
});

describe('inventory requests that must be refused', () => {
  it.each([
    ['a forged cursor', '?cursor=bm90LWEtY3Vyc29y'],
    ['a cursor of another sort order', 'SORTSWAP'],
    ['a NUL byte in the search', '?q=ab%00cd'],
    ['an unknown parameter', '?serial=SN-BOB'],
    ['an unknown sort', '?sort=serialNumber'],
    ['a malformed version', '?osVersionBelow=17.x'],
    ['a huge limit', '?limit=100000'],
    ['a non-uuid user', '?userId=1%20OR%201=1'],
  ])('400 for %s', async (_what, query) => {
    let url = query;
    if (query === 'SORTSWAP') {
      const cursor = (await list(it_, '?limit=1')).json().nextCursor as string;
      url = `?sort=name&cursor=${cursor}`;
    }
    const response = await list(it_, url);
    expect(response.statusCode).toBe(400);
  });

  it('401 without a token', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/devices' })).statusCode).toBe(401);
  });

  it("another team's manager gets 404 for a device, as for one that does not exist", async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.bobIpad}`, headers: await bearer(ctx, otherManager) });
    expect(response.statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/not-a-uuid`, headers: await bearer(ctx, it_) })).statusCode).toBe(400);
  });
});

describe('CSV export', () => {
  it('streams every matching device with formulas defused; managers get no hardware columns', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/devices?limit=1', headers: { ...(await bearer(ctx, it_)), accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toContain('serialNumber');
    expect(lines).toHaveLength(8); // header + all 7 devices, not one page
    expect(response.body).toContain("'=cmd|calc");
    const audit = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'device.inventory_exported', actorId: it_.id } });
    expect(audit).not.toBeNull();

    const asManager = await ctx.app.inject({ method: 'GET', url: '/v1/devices', headers: { ...(await bearer(ctx, manager)), accept: 'text/csv' } });
    const header = asManager.body.split('\r\n')[0]!;
    expect(header).not.toMatch(/serialNumber|displayName|model/);
    expect(asManager.body).not.toContain('SN-');
    expect(asManager.body.trim().split('\r\n')).toHaveLength(5);
  });
});

describe('device document', () => {
  it('IT sees enrolment, posture with report times, compliance, escalation, recent commands and open incidents', async () => {
    const now = ctx.clock.now();
    await ctx.deps.db.devicePosture.create({ data: { deviceId: ids.bobIpad!, encrypted: false, passcodePresent: true, osVersion: '16.7', reportedAt: new Date(now.getTime() - 3 * MIN) } });
    await ctx.deps.db.command.create({ data: { deviceId: ids.bobIpad!, requestType: 'DeviceLock', action: 'LOCK', status: 'QUEUED' } });
    await ctx.deps.db.incident.create({ data: { deviceId: ids.bobIpad!, userId: bob.id, kind: 'LOST', openedById: it_.id, openedAt: now } });
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.bobIpad}`, headers: await bearer(ctx, it_) });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc).toMatchObject({
      id: ids.bobIpad,
      enrollment: { type: 'APPLE_USER' },
      posture: { facts: { encrypted: { value: false, reportedAt: new Date(now.getTime() - 3 * MIN).toISOString() }, compromised: { value: null, reportedAt: null } } },
      compliance: { state: 'NONCOMPLIANT', blocked: true },
      recentCommands: [expect.objectContaining({ action: 'LOCK', status: 'QUEUED' })],
      openIncidents: [expect.objectContaining({ kind: 'LOST', status: 'OPEN' })],
      user: { id: bob.id },
    });
  });

  it("the user's manager sees state and failing rule names, never serial, UDID, IMEI or device name", async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${ids.aliceIphone}`, headers: await bearer(ctx, manager) });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    for (const hidden of ['serialNumber', 'udid', 'imei', 'displayName', 'model', 'posture', 'enrollment', 'recentCommands', 'notes']) expect(doc).not.toHaveProperty(hidden);
    expect(doc.compliance).toEqual({ state: 'COMPLIANT', graceDeadline: null, blocked: false, stateChangedAt: expect.any(String), failingRules: [] });
  });
});

describe('editing a device', () => {
  it('IT sets asset tag, display name and notes; the change is audited with before and after', async () => {
    const response = await ctx.app.inject({ method: 'PATCH', url: `/v1/devices/${ids.spare}`, headers: await bearer(ctx, it_), payload: { assetTag: 'NHS-0042', notes: 'Kept in the ward office' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ assetTag: 'NHS-0042', notes: 'Kept in the ward office', displayName: 'Spare 50%' });
    const audit = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'device.updated', targetId: ids.spare } });
    expect(audit?.details).toEqual({ before: { assetTag: null, notes: null }, after: { assetTag: 'NHS-0042', notes: 'Kept in the ward office' } });
    expect(idsOf((await list(it_, '?q=ward')).json().items)).toEqual([]);
  });

  it.each([
    ['a manager', () => manager, { assetTag: 'X' }, 403],
    ['the device user', () => carol, { assetTag: 'X' }, 403],
    ['IT with an unknown property', () => it_, { serialNumber: 'forged' }, 400],
    ['IT with a NUL byte', () => it_, { displayName: 'a\u0000b' }, 400],
    ['IT with nothing', () => it_, {}, 400],
    ['IT with a huge note', () => it_, { notes: 'x'.repeat(5000) }, 400],
  ])('%s is refused and nothing changes', async (_who, user, payload, status) => {
    const before = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: ids.carolPixel } });
    const response = await ctx.app.inject({ method: 'PATCH', url: `/v1/devices/${ids.carolPixel}`, headers: await bearer(ctx, user()), payload });
    expect(response.statusCode).toBe(status);
    expect(await ctx.deps.db.device.findUniqueOrThrow({ where: { id: ids.carolPixel } })).toEqual(before);
  });
});
