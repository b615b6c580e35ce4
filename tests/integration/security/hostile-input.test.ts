import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { createDevice, createUser, type TestUser } from '../../support/factories.js';

/** Each finding of the black-box review, as the attacker's request: a clear 4xx, the one error shape, nothing changed. */
let ctx: TestContext;
let admin: TestUser;
let adminHeaders: Record<string, string>;
let itHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await createAppleContext();
  admin = await createUser(ctx.deps, { role: 'ADMIN' });
  adminHeaders = await bearer(ctx, admin);
  itHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
});
afterAll(() => ctx?.close());

/** Signs a hand-written plist body: what a hostile device can send, which no plist builder would produce. */
async function sendRawPlist(sim: Awaited<ReturnType<typeof enrolDevice>>['sim'], url: string, contentType: string, dictBody: string) {
  const { signDetached } = await import('../../../src/mdm/apple/pki.js');
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>${dictBody}</dict></plist>`);
  return sim.sendRaw(url, contentType, body, signDetached(body, sim.identity!).toString('base64'));
}

const expectRefused = (response: { statusCode: number; json: () => { error?: { code?: string; message?: string } } }, status = 400) => {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json().error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
};

describe('NUL and other text PostgreSQL cannot store', () => {
  it('a user name with NUL is a 400 and no user is created', async () => {
    const email = `nul-${Date.now()}@example.test`;
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/users', headers: adminHeaders, payload: { email, name: 'Eve\u0000', role: 'STAFF' } });
    expectRefused(response);
    expect(await ctx.deps.db.user.count({ where: { email } })).toBe(0);
  });

  it('NUL in a query parameter (search, actorId) is a 400', async () => {
    expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/users?search=a%00b', headers: adminHeaders }));
    expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/audit?actorId=%00', headers: adminHeaders }));
  });

  it('a lone surrogate in a privacy notice (which JSONB and audit details cannot hold) is a 400', async () => {
    const before = await ctx.deps.db.privacyNotice.count();
    const response = await ctx.app.inject({
      method: 'POST', url: '/v1/privacy-notices', headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: '{"title":"Notice","body":"broken \\ud800 text"}',
    });
    expectRefused(response);
    expect(await ctx.deps.db.privacyNotice.count()).toBe(before);
  });

  it('NUL in a lock reason and an incident description is a 400 and queues nothing', async () => {
    const device = await createDevice(ctx.deps, { platform: 'APPLE' });
    expectRefused(await ctx.app.inject({ method: 'POST', url: `/v1/devices/${device.id}/lock`, headers: itHeaders, payload: { reason: 'lost\u0000' } }));
    expectRefused(await ctx.app.inject({ method: 'POST', url: '/v1/incidents', headers: itHeaders, payload: { deviceId: device.id, kind: 'lost', description: '\u0000' } }));
    expect(await ctx.deps.db.command.count({ where: { deviceId: device.id } })).toBe(0);
    expect(await ctx.deps.db.incident.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it('a device name with NUL inside a signed Authenticate is a 400 and binds nothing', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: itHeaders, payload: { platform: 'apple', ownership: 'corporate', userId: admin.id } });
    const { simulator } = await import('../../support/apple.js');
    const sim = simulator(ctx);
    await sim.enrol(created.json().profileUrl);
    for (const name of ['iPhone\u0000', 'iPhone&#0;']) {
      const response = await sendRawPlist(sim, sim.profile!.checkInUrl, 'application/x-apple-aspen-mdm-checkin',
        `<key>MessageType</key><string>Authenticate</string><key>UDID</key><string>${sim.udid}</string><key>Topic</key><string>${sim.profile!.topic}</string><key>DeviceName</key><string>${name}</string>`);
      expect(response.status).toBe(400);
    }
    expect((await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: created.json().deviceId } })).enrollmentId).toBeNull();
  });

  it('the User Enrolment sign-in form with NUL in the email answers its form, not a 500', async () => {
    const response = await ctx.app.inject({
      method: 'POST', url: '/mdm/apple/account-enrollment/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%00b%40example.test&password=x',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Enter your email and password');
  });
});

describe('ids, cursors, claims and third-party fields are checked before use', () => {
  it('a page size that coerces to Infinity (limit=1e309) is a 400, not a query', async () => {
    expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/me/notifications?limit=1e309', headers: adminHeaders }));
    expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/users?limit=1e309', headers: adminHeaders }));
  });

  it('GET /v1/users?cursor=garbage is a 400', async () => {
    expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/users?cursor=garbage', headers: adminHeaders }));
  });

  it('a JWT signed with the real secret but missing sid, role or sub is a 401', async () => {
    const base = { sub: admin.id, sid: '00000000-0000-4000-8000-000000000000', role: 'ADMIN', mfa: false, mfa_at: null };
    for (const missing of ['sid', 'role', 'sub'] as const) {
      const claims: Record<string, unknown> = { ...base };
      delete claims[missing];
      const token = ctx.app.jwt.sign(claims as never);
      expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/users', headers: { authorization: `Bearer ${token}` } }), 401);
    }
    const wrongType = ctx.app.jwt.sign({ ...base, sid: { $ne: null } } as never);
    expectRefused(await ctx.app.inject({ method: 'GET', url: '/v1/users', headers: { authorization: `Bearer ${wrongType}` } }), 401);
  });

  it('a Pub/Sub push whose messageId is an object is a 400 and records nothing', async () => {
    const before = await ctx.deps.db.androidPubsubMessage.count();
    const response = await ctx.app.inject({ method: 'POST', url: '/mdm/android/pubsub', payload: { message: { messageId: { $gt: '' }, data: 'e30=' } } });
    expectRefused(response);
    expect(await ctx.deps.db.androidPubsubMessage.count()).toBe(before);
  });
});

describe('bodies are taken as sent', () => {
  it('"email": ["x@y"] is not coerced into an email', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: [admin.email], password: admin.password } });
    expectRefused(response);
  });

  it('an unknown property such as passwordHash is a 400 and creates nothing', async () => {
    const email = `mass-${Date.now()}@example.test`;
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/users', headers: adminHeaders, payload: { email, name: 'Mallory', role: 'STAFF', passwordHash: 'x' } });
    expectRefused(response);
    expect(await ctx.deps.db.user.count({ where: { email } })).toBe(0);
  });

  it('every request body object in the OpenAPI document is closed to unknown properties', () => {
    const document = ctx.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>; components?: { schemas?: Record<string, unknown> } };
    const open: string[] = [];
    const visit = (schema: unknown, where: string, depth = 0): void => {
      if (!schema || typeof schema !== 'object' || depth > 20) return;
      const node = schema as Record<string, unknown>;
      if (typeof node.$ref === 'string') return visit(document.components?.schemas?.[node.$ref.split('/').pop()!], `${where} → ${node.$ref}`, depth + 1);
      if (node.type === 'object' && node.properties && node.additionalProperties !== false) open.push(where);
      for (const child of Object.values((node.properties ?? {}) as Record<string, unknown>)) visit(child, where, depth + 1);
      for (const key of ['anyOf', 'oneOf']) for (const child of (node[key] as unknown[] | undefined) ?? []) visit(child, where, depth + 1);
      if (node.items) visit(node.items, where, depth + 1);
    };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const media of Object.values(operation.requestBody?.content ?? {})) visit(media.schema, `${method} ${path}`);
      }
    }
    expect(open).toEqual([]);
  });
});

describe('depth limits', () => {
  it('a signed command result nested 3,000 levels deep is a 400 and the command keeps waiting for a real answer', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: admin.id });
    const queued = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: itHeaders, payload: { requestType: 'ProfileList' } });
    const { command } = await sim.connect({ Status: 'Idle' });
    expect(command?.CommandUUID).toBe(queued.json().id);
    const deep = `${'<array>'.repeat(3000)}<string>bottom</string>${'</array>'.repeat(3000)}`;
    const response = await sendRawPlist(sim, sim.profile!.serverUrl, 'application/x-apple-aspen-mdm',
      `<key>UDID</key><string>${sim.udid}</string><key>Status</key><string>Acknowledged</string><key>CommandUUID</key><string>${queued.json().id}</string><key>ProfileList</key>${deep}`);
    expect(response.status).toBe(400);
    const stored = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.json().id } });
    expect(stored.status).toBe('SENT');
    expect(stored.result).toBeNull();
  });

  it('a JSON body nested 3,000 levels deep is a 400', async () => {
    const deep = `${'['.repeat(3000)}1${']'.repeat(3000)}`;
    const response = await ctx.app.inject({
      method: 'PUT', url: '/v1/compliance/policy', headers: { ...adminHeaders, 'content-type': 'application/json' },
      payload: `{"document":{"name":"x","rules":${deep}}}`,
    });
    expectRefused(response);
  });
});
