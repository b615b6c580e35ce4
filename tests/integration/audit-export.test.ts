import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash } from '../../src/audit/audit-hash.js';
import { sealAuditEvents } from '../../src/storage/audit-sealer.js';
import { bearer as signIn, createIsolatedTestContext, type TestContext } from '../support/context.js';
import { createUser, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';

let ctx: TestContext;
let admin: TestUser;
let it_: TestUser;
let start: Date;

beforeAll(async () => {
  ctx = await createIsolatedTestContext();
  admin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
  it_ = await createUser(ctx.deps, { role: 'IT' });
  start = ctx.clock.now();
  for (let i = 0; i < 5; i += 1) {
    await ctx.deps.audit.record({ actorType: 'system', actorId: 'test', action: `test.event_${i}`, targetType: 'device', targetId: `d${i}`, details: { n: i, nested: { b: 1, a: 2 } } });
    ctx.clock.advance(1000);
  }
  // The export carries sealed events only (position and hash are the sealer's); seal what was just written. The
  // sealer waits for every older transaction on the server (other test files run beside this one), so repeat.
  await waitFor(
    async () => {
      await sealAuditEvents(ctx.deps.db, { batchSize: 1_000 });
      return ctx.deps.db.auditEvent.count({ where: { action: { startsWith: 'test.event_' }, seq: { not: null } } });
    },
    (sealed) => sealed === 5,
    { intervalMs: 50, timeoutMs: 20_000, what: 'the five test events to be sealed' },
  );
});

afterAll(() => ctx?.close());

// One sign-in per user: a TOTP code cannot be used twice within its time step.
const tokens = new Map<string, Promise<Record<string, string>>>();
const bearer = (c: TestContext, user: TestUser) => {
  if (!tokens.has(user.id)) tokens.set(user.id, signIn(c, user));
  return tokens.get(user.id)!;
};

const range = () => `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date(ctx.clock.now().getTime() + 60_000).toISOString())}`;

describe('audit export', () => {
  it('streams the range as NDJSON in chain order, and every line verifies against the one before', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/audit/export?${range()}`, headers: await bearer(ctx, admin) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const events = response.body.trim().split('\n').map((line) => JSON.parse(line) as { position: string; at: string; prevHash: string; hash: string; action: string; actorType: string; actorId: string | null; targetType: string | null; targetId: string | null; ip: string | null; details: unknown });
    expect(events.filter((e) => e.action.startsWith('test.')).map((e) => e.action)).toEqual(['test.event_0', 'test.event_1', 'test.event_2', 'test.event_3', 'test.event_4']);
    for (let i = 0; i < events.length; i += 1) {
      const e = events[i]!;
      // What a SIEM can check on its own: each hash covers the event and the previous hash, and positions have no gap.
      expect(auditEventHash(e.prevHash, { ...e, at: new Date(e.at) })).toBe(e.hash);
      if (i > 0) {
        expect(e.prevHash).toBe(events[i - 1]!.hash);
        expect(BigInt(e.position)).toBe(BigInt(events[i - 1]!.position) + 1n);
      }
    }
    // The export is itself audited; it joins the chain (and later exports) once the sealer links it.
    expect(events.at(-1)!.action).toBe('test.event_4');
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'audit.exported', actorId: admin.id } })).toBe(1);
  });

  it('a service account key with audit:read may export, recorded as the service account', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/service-accounts', headers: await bearer(ctx, admin), payload: { name: 'siem', key: { scopes: ['audit:read'] } } });
    const { secret, serviceAccount } = created.json() as { secret: string; serviceAccount: { id: string } };
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/audit/export?${range()}`, headers: { authorization: `Bearer ${secret}` } });
    expect(response.statusCode).toBe(200);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'audit.exported', actorType: 'service_account', actorId: serviceAccount.id } })).toBe(1);
  });

  it.each([
    ['IT', () => it_, range, 403],
    ['a reversed range', () => admin, () => `from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(start.toISOString())}`, 400],
    ['a missing bound', () => admin, () => `from=${encodeURIComponent(start.toISOString())}`, 400],
    ['an unknown parameter', () => admin, () => `${range()}&format=csv`, 400],
    ['a NUL byte', () => admin, () => `from=2026%00&to=x`, 400],
  ])('refuses %s', async (_what, user, query, status) => {
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/audit/export?${query()}`, headers: await bearer(ctx, user()) });
    expect(response.statusCode).toBe(status);
  });
});
