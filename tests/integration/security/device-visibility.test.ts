import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER_VISIBLE_FIELDS } from '../../../src/domain/access.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { createDevice, createUser, type TestUser } from '../../support/factories.js';

/**
 * The one visibility rule, walked over every device-related operation of the OpenAPI document: another team's
 * manager and a colleague who does not own the device learn nothing (404, or the same refusal a made-up id gets),
 * and the device user's own manager never receives a field outside MANAGER_VISIBLE_FIELDS, nor any identifier of
 * the phone. An operation that matches DEVICE_DATA but has no row in ROUTES fails the first test: a new route has
 * to be put through this table.
 */
const DEVICE_DATA = /devices|commands|incidents|compliance|reports|wipes/;

type IdKind = 'device' | 'androidDevice' | 'command' | 'incident' | 'user' | 'none';
interface RouteCase {
  id: IdKind;
  body?: Record<string, unknown>;
  /** Extra path parameters besides {id}. */
  params?: Record<string, string>;
  query?: string;
  /** Counts only (keys are states, platforms and rule names): checked for identifiers, not field names. */
  aggregate?: boolean;
  /** Authenticated by a token of its own (not a session): every signed-in person without it gets 401. */
  ownToken?: boolean;
}

const ROUTES: Record<string, RouteCase> = {
  'get /v1/devices': { id: 'none', query: '?limit=100' },
  'get /v1/devices/{id}': { id: 'device' },
  'patch /v1/devices/{id}': { id: 'device', body: { notes: 'visibility test' } },
  // Bulk actions are IT's: anyone else is refused before any id is looked at.
  'get /v1/device-actions/{id}/devices': { id: 'command' },
  'post /v1/devices/{id}/retire': { id: 'device', body: { reason: 'visibility test' } },
  'get /v1/incidents': { id: 'none' },
  'get /v1/devices/{id}/data-protection': { id: 'device' },
  'get /v1/devices/{id}/commands': { id: 'device' },
  'post /v1/devices/{id}/commands': { id: 'device', body: { requestType: 'ProfileList' } },
  'get /v1/commands/{id}': { id: 'command' },
  'delete /v1/commands/{id}': { id: 'command' },
  'get /v1/android/devices/{id}': { id: 'androidDevice' },
  'post /v1/android/devices/{id}/commands': { id: 'androidDevice', body: { type: 'STOP_LOST_MODE' } },
  'get /v1/devices/{id}/access': { id: 'device' },
  'get /v1/me/devices': { id: 'none' },
  'get /v1/users/{id}/compliance': { id: 'user' },
  'get /v1/devices/{id}/compliance/history': { id: 'device' },
  'get /v1/reports/noncompliant': { id: 'none', query: '?state=IN_GRACE&state=NONCOMPLIANT&state=UNKNOWN' },
  'get /v1/reports/summary': { id: 'none', aggregate: true },
  'post /v1/devices/{id}/lock': { id: 'device', body: { reason: 'visibility test' } },
  'post /v1/devices/{id}/wipe': { id: 'device', body: { kind: 'selective', reason: 'visibility test' } },
  'post /v1/wipes/{id}/approve': { id: 'command' },
  'post /v1/incidents': { id: 'none', body: { kind: 'lost' } },
  'get /v1/incidents/{id}': { id: 'incident' },
  'post /v1/incidents/{id}/steps/{step}': { id: 'incident', params: { step: 'notify' } },
  'put /v1/incidents/{id}/assessment': { id: 'incident', body: { dataCategories: ['email'] } },
  'post /v1/incidents/{id}/actions': { id: 'incident', body: { action: 'called the ward' } },
  'post /v1/incidents/{id}/close': { id: 'incident', body: { lessons: 'keep phones in lockers' } },
  // The reporter's follow-up token routes: a session of any role opens nothing there.
  'get /v1/incidents/{id}/follow-up': { id: 'incident', ownToken: true },
  'post /v1/incidents/{id}/follow-up/notes': { id: 'incident', body: { note: 'visibility test' }, ownToken: true },
  // Not about one device, but matched by DEVICE_DATA: the policy and its presets (IT and ADMIN only).
  'get /v1/compliance/policy': { id: 'none' },
  'put /v1/compliance/policy': { id: 'none', body: { preset: 'cyber-essentials' } },
  'get /v1/compliance/presets': { id: 'none' },
};

let ctx: TestContext;
let it_: TestUser;
let owner: TestUser;
let ownManager: TestUser;
let otherManager: TestUser;
let colleague: TestUser;
const headers = new Map<string, Record<string, string>>();
const ids: Record<IdKind, string> = { device: '', androidDevice: '', command: '', incident: '', user: '', none: '' };
/** Values that identify the phone itself: none may reach a manager or an outsider. */
let secrets: string[] = [];

beforeAll(async () => {
  ctx = await createAppleContext(undefined, { INCIDENT_PLAYBOOK: 'notify' });
  it_ = await createUser(ctx.deps, { role: 'IT' });
  ownManager = await createUser(ctx.deps, { role: 'MANAGER' });
  otherManager = await createUser(ctx.deps, { role: 'MANAGER' });
  owner = await createUser(ctx.deps, { role: 'STAFF', managerId: ownManager.id });
  colleague = await createUser(ctx.deps, { role: 'STAFF', managerId: ownManager.id });
  for (const user of [it_, owner, ownManager, otherManager, colleague]) headers.set(user.id, await bearer(ctx, user));
  const itHeaders = headers.get(it_.id)!;

  // A real enrolled iPhone whose posture answers (serial, UDID, device name) are stored as command results.
  const { sim, deviceId } = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: owner.id });
  const deviceName = `Ward phone ${randomUUID().slice(0, 8)}`;
  await ctx.deps.db.device.update({ where: { id: deviceId }, data: { displayName: deviceName } });
  const command = await ctx.deps.db.command.findFirstOrThrow({ where: { deviceId, requestType: 'DeviceInformation', status: 'ACKNOWLEDGED' } });
  const android = await createDevice(ctx.deps, {
    userId: owner.id, platform: 'ANDROID', serialNumber: `SER${randomUUID().slice(0, 8)}`,
    android: { amapiName: `enterprises/e1/devices/${randomUUID()}`, nonComplianceDetails: [{ settingName: 'applications', packageName: 'com.example.secretapp' }] },
  });
  const incident = await ctx.app.inject({
    method: 'POST', url: '/v1/incidents', headers: itHeaders,
    payload: { deviceId, kind: 'lost', lastLocation: `Car park ${randomUUID().slice(0, 6)}` },
  });
  expect(incident.statusCode).toBe(201);
  Object.assign(ids, { device: deviceId, androidDevice: android.id, command: command.id, incident: incident.json().id, user: owner.id });
  secrets = [sim.udid, sim.serialNumber, deviceName, android.serialNumber!, android.android!.amapiName!, 'com.example.secretapp', incident.json().lastLocation];
  expect(JSON.stringify(command.result)).toContain(sim.serialNumber);
});
afterAll(() => ctx?.close());

function operations(): { key: string; method: string; path: string }[] {
  const document = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ key: `${method} ${path}`, method, path })),
  ).filter((op) => DEVICE_DATA.test(op.path));
}

function request(op: { method: string; path: string }, route: RouteCase, user: TestUser, id: string) {
  let url = op.path.replace('{id}', id);
  for (const [name, value] of Object.entries(route.params ?? {})) url = url.replace(`{${name}}`, value);
  const body = op.path === '/v1/incidents' ? { ...route.body, deviceId: id } : route.body;
  return ctx.app.inject({ method: op.method.toUpperCase() as 'GET', url: `${url}${route.query ?? ''}`, headers: headers.get(user.id), ...(body ? { payload: body } : {}) });
}

/** Every key at any depth whose value is not null. */
function keysWithValues(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysWithValues(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null && inner !== undefined) out.add(key);
      keysWithValues(inner, out);
    }
  }
  return out;
}

describe('one visibility rule over every device-related operation', () => {
  it('every such operation of the OpenAPI document is in the table', () => {
    const missing = operations().map((op) => op.key).filter((key) => !(key in ROUTES));
    expect(missing, 'add these operations to ROUTES and make them use deviceViewFor/redactDeviceFor').toEqual([]);
  });

  it('no identifying field is ever on the manager allow-list', () => {
    for (const field of ['serialNumber', 'udid', 'UDID', 'imei', 'IMEI', 'meid', 'displayName', 'deviceName', 'DeviceName', 'payload', 'result', 'error', 'actual', 'apps', 'installedApps', 'packageName', 'wifiMac', 'bluetoothMac', 'macAddress', 'amapiName', 'lastLocation', 'enrollmentId']) {
      expect(MANAGER_VISIBLE_FIELDS.has(field), field).toBe(false);
    }
  });

  it("another team's manager and a colleague who does not own the device learn nothing about it", async () => {
    for (const op of operations()) {
      const route = ROUTES[op.key]!;
      for (const outsider of [otherManager, colleague]) {
        const real = await request(op, route, outsider, ids[route.id] || ids.device);
        expect(real.statusCode, `${op.key} as ${outsider.role}`).toBeLessThan(500);
        if (route.id === 'none' && real.statusCode < 300) {
          // A list: whatever it holds, not this person's devices.
          for (const id of [ids.device, ids.androidDevice, ids.incident, ids.command]) expect(real.body, `${op.key} as ${outsider.role}`).not.toContain(id);
          continue;
        }
        expect(route.ownToken ? [401] : [403, 404], `${op.key} as ${outsider.role}: ${real.body}`).toContain(real.statusCode);
        // The refusal is the one a made-up id gets, so the id is not confirmed either.
        const madeUp = await request(op, route, outsider, randomUUID());
        expect(real.statusCode, `${op.key} as ${outsider.role}`).toBe(madeUp.statusCode);
        for (const secret of secrets) expect(real.body).not.toContain(secret);
      }
    }
  });

  it("the user's own manager gets state and failing rules, never a field outside the allowed set", async () => {
    let answered = 0;
    for (const op of operations()) {
      const route = ROUTES[op.key]!;
      const response = await request(op, route, ownManager, ids[route.id] || ids.device);
      expect(response.statusCode, `${op.key}: ${response.body}`).toBeLessThan(500);
      for (const secret of secrets) expect(response.body, op.key).not.toContain(secret);
      if (route.ownToken) expect(response.statusCode, op.key).toBe(401);
      if (response.statusCode >= 300) continue;
      answered += 1;
      if (route.aggregate) continue;
      const leaked = [...keysWithValues(response.json())].filter((key) => !MANAGER_VISIBLE_FIELDS.has(key));
      expect(leaked, op.key).toEqual([]);
    }
    // Commands, history, compliance, the Android report, reports and the incident: the rule must have had work to do.
    expect(answered).toBeGreaterThanOrEqual(7);
    const csv = await ctx.app.inject({ method: 'GET', url: '/v1/reports/noncompliant?state=UNKNOWN&state=IN_GRACE&state=NONCOMPLIANT', headers: { ...headers.get(ownManager.id), accept: 'text/csv' } });
    for (const secret of secrets) expect(csv.body).not.toContain(secret);
  });

  it('IT sees the same records in full (so the refusals above are about the rule, not a wrong id)', async () => {
    const it = headers.get(it_.id)!;
    const command = await ctx.app.inject({ method: 'GET', url: `/v1/commands/${ids.command}`, headers: it });
    expect(command.statusCode).toBe(200);
    expect(JSON.stringify(command.json().result)).toContain(secrets[1]);
    const ownerView = await ctx.app.inject({ method: 'GET', url: `/v1/users/${owner.id}/compliance`, headers: headers.get(owner.id) });
    expect(ownerView.body).toContain(secrets[2]);
  });
});
