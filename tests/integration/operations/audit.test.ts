import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/audit/verify-chain.js';
import { requestDeviceAction } from '../../../src/use-cases/commands/request-device-action.js';
import { sealAllAuditEvents } from '../../support/audit.js';
import { bearer, createIsolatedTestContext, type TestContext } from '../../support/context.js';
import { ownRedisPrefix, useFakeChannels } from '../../support/operations.js';
import { createUser, type TestUser, createDevice } from '../../support/factories.js';

/** Office hours that exclude the current minute, so every action in this file happens "out of hours". */
function hoursExcludingNow(): string {
  const start = new Date(Date.now() + 3 * 3600_000);
  const end = new Date(start.getTime() + 3600_000);
  const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${hhmm(start)}-${hhmm(end)}`;
}

describe('audit log', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    ctx = await createIsolatedTestContext({
      REDIS_PREFIX: ownRedisPrefix('audit'),
      ANOMALY_MAX_WIPES_PER_ACTOR: '2',
      ANOMALY_MAX_FAILED_LOGINS: '3',
      OFFICE_HOURS_UTC: hoursExcludingNow(),
    });
    useFakeChannels(ctx.deps);
    admin = await createUser(ctx.deps, { role: 'ADMIN' });
    adminHeaders = await bearer(ctx, admin);
  });
  afterAll(() => ctx.close());

  it('chains concurrent appends without forking: every event links to a different predecessor', async () => {
    const marker = `chain-${Date.now()}`;
    await Promise.all(Array.from({ length: 40 }, (_, i) => ctx.deps.audit.record({ actorType: 'system', action: 'test.append', targetId: marker, details: { i } })));
    await sealAllAuditEvents(ctx.deps.db);
    const events = await ctx.deps.db.auditEvent.findMany({ where: { targetId: marker }, orderBy: { id: 'asc' } });
    expect(events).toHaveLength(40);
    const all = await ctx.deps.db.auditEvent.findMany({ select: { prevHash: true } });
    expect(new Set(all.map((e) => e.prevHash)).size).toBe(all.length);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('the database refuses to update or delete audit events', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const event = await ctx.deps.db.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await expect(ctx.deps.db.auditEvent.update({ where: { id: event.id }, data: { action: 'nothing.happened' } })).rejects.toThrow(/append-only/);
    await expect(ctx.deps.db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(ctx.deps.db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
  });

  it('verify reports the first edited event, and the event after a deleted one', async () => {
    const marker = `tamper-${Date.now()}`;
    for (let i = 0; i < 3; i++) await ctx.deps.audit.record({ actorType: 'system', action: 'test.tamper', targetId: marker, details: { i } });
    await sealAllAuditEvents(ctx.deps.db);
    const [first, second, third] = await ctx.deps.db.auditEvent.findMany({ where: { targetId: marker }, orderBy: { id: 'asc' } });
    // Someone with superuser rights bypasses the trigger; the change is rolled back so no other test sees it.
    const tampered = async (change: string) => {
      let report;
      await ctx.deps.db
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
          await tx.$executeRawUnsafe(change);
          report = await verifyAuditChain(tx);
          throw new Error('rollback');
        })
        .catch((error: Error) => {
          if (error.message !== 'rollback') throw error;
        });
      return report as unknown as Awaited<ReturnType<typeof verifyAuditChain>>;
    };
    const edited = await tampered(`UPDATE "AuditEvent" SET details = '{"i": 99}' WHERE id = ${second!.id}`);
    expect(edited.ok).toBe(false);
    expect(edited.firstBroken).toMatchObject({ id: second!.id.toString(), reason: 'hash_mismatch' });

    // Other test files append concurrently: the event after `second` in the chain may be theirs, not `third`.
    const successor = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { seq: { gt: second!.seq! } }, orderBy: { seq: 'asc' } });
    expect(successor.seq! <= third!.seq!).toBe(true);
    const deleted = await tampered(`DELETE FROM "AuditEvent" WHERE id = ${second!.id}`);
    expect(deleted.firstBroken).toMatchObject({ id: successor.id.toString(), reason: 'prev_hash_mismatch' });

    const rehashed = await tampered(`UPDATE "AuditEvent" SET "actorId" = 'someone-else' WHERE id = ${first!.id}`);
    expect(rehashed.firstBroken?.id).toBe(first!.id.toString());

    const response = await ctx.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: adminHeaders });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('an ADMIN filters the log by actor, target, action and time, page by page', async () => {
    const it = await createUser(ctx.deps, { role: 'IT' });
    const device = await createDevice(ctx.deps);
    for (let i = 0; i < 3; i++) {
      await requestDeviceAction(ctx.deps, { userId: it.id, role: 'IT' }, { deviceId: device.id, action: 'LOCK', reason: `lock ${i}` });
    }
    const url = `/v1/audit?actorId=${it.id}&targetId=${device.id}&action=command.*&limit=2&from=${new Date(Date.now() - 3600_000).toISOString()}`;
    const page1 = await ctx.app.inject({ method: 'GET', url, headers: adminHeaders });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toHaveLength(2);
    expect(page1.json().items.every((e: { action: string; actorId: string }) => e.action === 'command.requested' && e.actorId === it.id)).toBe(true);
    const page2 = await ctx.app.inject({ method: 'GET', url: `${url}&cursor=${page1.json().nextCursor}`, headers: adminHeaders });
    expect(page2.json().items).toHaveLength(1);
    expect(page2.json().nextCursor).toBeNull();
    const reasons = [...page1.json().items, ...page2.json().items].map((e: { details: { reason: string } }) => e.details.reason);
    expect(reasons).toEqual(['lock 2', 'lock 1', 'lock 0']);

    const read = await ctx.deps.db.auditEvent.findFirst({ where: { actorId: admin.id, action: 'audit.read' } });
    expect(read).not.toBeNull();
  });

  it('only an ADMIN reads the audit log', async () => {
    const it = await createUser(ctx.deps, { role: 'IT' });
    const headers = await bearer(ctx, it);
    for (const url of ['/v1/audit', '/v1/audit/verify', '/v1/audit/anomalies']) {
      expect((await ctx.app.inject({ method: 'GET', url, headers })).statusCode).toBe(403);
    }
  });

  it('flags many wipes by one actor, many failed logins and activity outside office hours', async () => {
    const it = await createUser(ctx.deps, { role: 'IT' });
    for (let i = 0; i < 3; i++) {
      const device = await createDevice(ctx.deps);
      await requestDeviceAction(ctx.deps, { userId: it.id, role: 'IT' }, { deviceId: device.id, action: 'WIPE_SELECTIVE', reason: 'spree' });
    }
    const calm = await createUser(ctx.deps, { role: 'IT' });
    await requestDeviceAction(ctx.deps, { userId: calm.id, role: 'IT' }, { deviceId: (await createDevice(ctx.deps)).id, action: 'WIPE_SELECTIVE', reason: 'one' });
    const email = `nobody-${Date.now()}@example.test`;
    for (let i = 0; i < 4; i++) {
      await ctx.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'wrong-password' }, remoteAddress: `10.9.0.${i}` });
    }

    const response = await ctx.app.inject({ method: 'GET', url: '/v1/audit/anomalies', headers: adminHeaders });
    expect(response.statusCode).toBe(200);
    const flags = response.json().flags as { kind: string; subject: string; count: number }[];
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'many_wipes', subject: it.id, count: 3 }));
    expect(flags.find((f) => f.kind === 'many_wipes' && f.subject === calm.id)).toBeUndefined();
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'many_failed_logins', subject: email, count: 4 }));
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'outside_office_hours', subject: admin.id }));
  });
});
