import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/generated/prisma/enums.js';
import { type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { FakeAmapi } from '../../support/fake-amapi.js';
import { createUser, type TestUser } from '../../support/factories.js';

/**
 * Property-based: every operation of the OpenAPI document, with valid authentication for each role (or none), gets
 * hostile input (wrong types, NUL, unpaired surrogates, huge and deep values, unknown properties, other users' ids).
 * It must never answer 5xx, every error must have the one error shape, and a refused request must change nothing.
 * Budget: FUZZ_RUNS cases per operation (default 30); the seed is printed, replay with FUZZ_SEED=<seed>.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

// Refusals that record something on purpose: a failed sign-in counts towards the account's lockout.
const REFUSAL_MAY_WRITE = new Set(['post /v1/auth/login', 'post /mdm/apple/account-enrollment/login']);

let ctx: TestContext;
let amapi: FakeAmapi;
const users = {} as Record<Role, TestUser>;
const known: string[] = [];

beforeAll(async () => {
  // Both platforms configured (Android against the fake AMAPI), so no operation answers 'not configured'.
  amapi = await FakeAmapi.start();
  ctx = await createAppleContext(undefined, { ...amapi.env(), INCIDENT_PLAYBOOK: 'notify' }, { isolated: true });
  for (const role of ['ADMIN', 'IT', 'MANAGER', 'STAFF'] as const) users[role] = await createUser(ctx.deps, { role, mfa: false });
  const it_ = users.IT;
  const token = await tokenFor(it_);
  const { deviceId } = await enrolDevice(ctx, { authorization: `Bearer ${token}` }, { ownership: 'corporate', userId: users.STAFF.id });
  const command = await ctx.deps.db.command.findFirstOrThrow({ where: { deviceId } });
  known.push(deviceId, command.id, ...Object.values(users).map((u) => u.id));
  // Printed (on stderr, which CI keeps) so a failure can be replayed exactly.
  console.warn(`fuzz-operations: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await amapi?.close();
});

/** A fresh session and token without the (deliberately slow) password check: cases may log out or disable. */
async function tokenFor(user: TestUser, mfa = true): Promise<string> {
  const now = ctx.clock.now();
  const session = await ctx.deps.db.session.create({ data: { userId: user.id, mfaAt: mfa ? now : null } });
  return ctx.app.jwt.sign({ sub: user.id, sid: session.id, role: user.role, mfa, mfa_at: mfa ? Math.floor(now.getTime() / 1000) : null });
}

/** Everything a request could change, except the audit log (refusals are audited on purpose) and sessions. */
async function fingerprint(): Promise<string> {
  const rows = await ctx.deps.db.$queryRawUnsafe<Record<string, unknown>[]>(`
    SELECT (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "User") AS users,
           (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Device") AS devices,
           (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Command") AS commands,
           (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "AppleEnrollment") AS apple,
           (SELECT count(*) FROM "Incident") AS incidents,
           (SELECT count(*) FROM "PrivacyNotice") AS notices,
           (SELECT count(*) FROM "Consent") AS consents,
           (SELECT count(*) FROM "WebhookEndpoint") AS webhooks`);
  return JSON.stringify(rows[0], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x'.repeat(70_000), '../../etc/passwd', "' OR 1=1 --", '{"$gt":""}', '-1', '1e309', 'NaN', 'garbage'),
  fc.constantFrom(...(['00000000-0000-0000-0000-000000000000'] as string[])).map(() => randomUUID()),
  fc.nat({ max: 10 }).map((i) => known[i % Math.max(known.length, 1)] ?? 'x'),
);
const deep = fc.nat({ max: 3 }).map((n) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < [5, 100, 1000, 3000][n]!; i += 1) value = n % 2 ? [value] : { a: value };
  return value;
});
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
  deep,
);

interface Operation { method: string; path: string; key: string; body?: Record<string, unknown>; query: string[] }

function operations(): Operation[] {
  const document = ctx.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method, path, key: `${method} ${path}`,
      body: Object.values(op.requestBody?.content ?? {})[0]?.schema?.properties,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

const caseFor = (op: Operation) => fc.record({
  role: fc.constantFrom<Role | 'none'>('ADMIN', 'IT', 'MANAGER', 'STAFF', 'none'),
  params: fc.array(hostileString, { minLength: 3, maxLength: 3 }),
  query: fc.dictionary(fc.constantFrom(...op.query, 'unknown'), hostileString, { maxKeys: 3 }),
  // Known property names with hostile values, plus unknown ones; sometimes not an object at all.
  body: fc.oneof(
    fc.dictionary(fc.constantFrom(...Object.keys(op.body ?? {}), 'passwordHash', 'role', '__proto__x'), hostileValue, { maxKeys: 5 }),
    hostileValue,
  ),
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it('no 5xx, one error shape, no change for refused requests', async () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(40);
    const tokens = new Map<string, string>();
    for (const op of all) {
      await fc.assert(
        fc.asyncProperty(caseFor(op), async (c) => {
          let index = 0;
          // A URL cannot carry a lone surrogate (encodeURIComponent throws): its replacement character goes instead.
          const url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(c.params[index++]!.toWellFormed()));
          const search = new URLSearchParams(c.query).toString();
          const headers: Record<string, string> = {};
          if (c.role !== 'none') {
            // A case may log the session out or change the password: one token per role per operation.
            const key = `${op.key}:${c.role}`;
            if (!tokens.has(key)) tokens.set(key, await tokenFor(users[c.role]));
            headers.authorization = `Bearer ${tokens.get(key)}`;
          }
          const before = await fingerprint();
          const response = await ctx.app.inject({
            method: op.method.toUpperCase() as 'GET',
            url: `${url}${search ? `?${search}` : ''}`,
            headers,
            ...(op.method === 'get' || op.method === 'delete' ? {} : { payload: JSON.stringify(c.body) ?? 'null', headers: { ...headers, 'content-type': 'application/json' } }),
          });
          expect(response.statusCode, `${op.key} ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json(), op.key).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
            if (!REFUSAL_MAY_WRITE.has(op.key)) expect(await fingerprint(), `${op.key} changed the database while refusing`).toBe(before);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 600_000);
});
