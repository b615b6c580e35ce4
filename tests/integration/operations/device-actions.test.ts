import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverCommandJob } from '../../../src/jobs/definitions/delivery.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers } from '../../../src/jobs/start-workers.js';
import { bearer, createTestContext, type TestContext } from '../../support/context.js';
import { ownRedisPrefix, useFakeChannels, type FakeChannel } from '../../support/operations.js';
import { createUser, type TestUser, createDevice } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

describe('lock and wipe', () => {
  let ctx: TestContext;
  let fake: { apple: FakeChannel; android: FakeChannel };
  let it1: TestUser;
  let it2: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_PREFIX: ownRedisPrefix('actions'), FULL_WIPE_REQUIRES_APPROVAL: 'true' });
    fake = useFakeChannels(ctx.deps);
    it1 = await createUser(ctx.deps, { role: 'IT', mfa: true });
    it2 = await createUser(ctx.deps, { role: 'IT', mfa: true });
    admin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
  });
  afterAll(() => ctx.close());

  // One sign-in per user: a TOTP code cannot be used twice within its time step.
  const sessions = new Map<string, Record<string, string>>();
  const auth = async (user: TestUser) => {
    if (!sessions.has(user.id)) sessions.set(user.id, await bearer(ctx, user));
    return sessions.get(user.id)!;
  };
  const post = async (user: TestUser, url: string, payload: object, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url, payload, headers: { ...(await auth(user)), ...headers } });

  it('stores a lock as QUEUED with its platform command, then a worker delivers it once and marks it SENT', async () => {
    const device = await createDevice(ctx.deps, { platform: 'ANDROID' });
    const response = await post(it1, `/v1/devices/${device.id}/lock`, { reason: 'reported lost', message: 'Call IT' });
    expect(response.statusCode).toBe(202);
    const { command, effect } = response.json();
    expect(command).toMatchObject({ deviceId: device.id, action: 'LOCK', requestType: 'DeviceLock', status: 'QUEUED', requestedById: it1.id });
    expect(command.queuedAt).not.toBeNull();
    expect(effect).toBe('fake LOCK');

    const workers = await startWorkers(ctx.deps, jobRegistry([deliverCommandJob]));
    try {
      const sent = await waitFor(() => ctx.deps.db.command.findUniqueOrThrow({ where: { id: command.id } }), (c) => c.dispatchedAt !== null);
      expect(sent.status).toBe('SENT');
      expect(sent.sentAt).not.toBeNull();
      expect(sent.dispatchedAt).not.toBeNull();
      expect(fake.android.delivered.get(command.id)).toBe(1);
    } finally {
      await workers.close();
    }
    const audit = await ctx.deps.db.auditEvent.findMany({ where: { OR: [{ targetId: device.id }, { targetId: command.id }] }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['command.requested', 'command.sent']);
  });

  it('answers a retry with the same Idempotency-Key with the first command, not a second one', async () => {
    const device = await createDevice(ctx.deps);
    const headers = { 'idempotency-key': 'lock-retry-0001' };
    const first = await post(it1, `/v1/devices/${device.id}/lock`, { reason: 'lost on the ward' }, headers);
    const second = await post(it1, `/v1/devices/${device.id}/lock`, { reason: 'lost on the ward' }, headers);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    expect(second.json().replayed).toBe(true);
    expect(second.json().command.id).toBe(first.json().command.id);
    expect(await ctx.deps.db.command.count({ where: { deviceId: device.id } })).toBe(1);

    const other = await createDevice(ctx.deps);
    const reused = await post(it1, `/v1/devices/${other.id}/lock`, { reason: 'lost on the ward' }, headers);
    expect(reused.statusCode).toBe(409);
  });

  it('answers retries with one Idempotency-Key that race each other with one command, never a 5xx', async () => {
    const device = await createDevice(ctx.deps);
    const headers = { 'idempotency-key': 'lock-race-0001' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(it1, `/v1/devices/${device.id}/lock`, { reason: 'lost on the ward' }, headers)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 202]);
    expect(new Set(answers.map((a) => a.json().command.id)).size).toBe(1);
    expect(await ctx.deps.db.command.count({ where: { deviceId: device.id } })).toBe(1);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.requested', targetId: device.id } })).toBe(1);
  });

  it('maps selective wipe and full wipe to the platform commands', async () => {
    const device = await createDevice(ctx.deps);
    const selective = await post(it1, `/v1/devices/${device.id}/wipe`, { kind: 'selective', reason: 'leaver' });
    expect(selective.statusCode).toBe(202);
    expect(selective.json().command).toMatchObject({ action: 'WIPE_SELECTIVE', requestType: 'RemoveProfile', status: 'QUEUED' });
  });

  it('refuses a full wipe of a personally-owned device, even for an ADMIN with a fresh MFA', async () => {
    const device = await createDevice(ctx.deps, { ownership: 'PERSONAL' });
    const response = await post(admin, `/v1/devices/${device.id}/wipe`, { kind: 'full', reason: 'stolen' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/personally-owned/);
    expect(await ctx.deps.db.command.count({ where: { deviceId: device.id } })).toBe(0);
    const refused = await ctx.deps.db.auditEvent.findFirst({ where: { targetId: device.id, action: 'command.refused' } });
    expect(refused?.actorId).toBe(admin.id);
  });

  it('asks for a fresh MFA before a full wipe', async () => {
    const device = await createDevice(ctx.deps);
    const headers = await auth(it1);
    ctx.clock.advance(10 * 60_000);
    try {
      const response = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${device.id}/wipe`, payload: { kind: 'full', reason: 'stolen' }, headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('STEP_UP_REQUIRED');
      // A selective wipe is reversible enough not to need it.
      const selective = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${device.id}/wipe`, payload: { kind: 'selective', reason: 'leaver' }, headers });
      expect(selective.statusCode).toBe(202);
    } finally {
      ctx.clock.advance(-10 * 60_000);
    }
  });

  it('holds a full wipe for a second IT/ADMIN; the requester cannot approve their own', async () => {
    const device = await createDevice(ctx.deps);
    const requested = await post(it1, `/v1/devices/${device.id}/wipe`, { kind: 'full', reason: 'stolen from car' });
    expect(requested.statusCode).toBe(202);
    const { command } = requested.json();
    expect(command.status).toBe('AWAITING_APPROVAL');
    expect(command.queuedAt).toBeNull();

    const own = await post(it1, `/v1/wipes/${command.id}/approve`, {});
    expect(own.statusCode).toBe(403);

    const approved = await post(it2, `/v1/wipes/${command.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'QUEUED', approvedById: it2.id });
    expect(approved.json().approvedAt).not.toBeNull();

    const again = await post(admin, `/v1/wipes/${command.id}/approve`, {});
    expect(again.statusCode).toBe(409);
  });

  it('a manager or staff member cannot lock or wipe devices', async () => {
    const device = await createDevice(ctx.deps);
    for (const role of ['MANAGER', 'STAFF'] as const) {
      const user = await createUser(ctx.deps, { role });
      const response = await post(user, `/v1/devices/${device.id}/lock`, { reason: 'curious' });
      expect(response.statusCode).toBe(403);
    }
    expect(await ctx.deps.db.command.count({ where: { deviceId: device.id } })).toBe(0);
  });

  it('refuses commands for a device that is no longer enrolled', async () => {
    const device = await createDevice(ctx.deps, { status: 'WIPED' });
    const response = await post(it1, `/v1/devices/${device.id}/lock`, { reason: 'lost' });
    expect(response.statusCode).toBe(409);
  });
});
