import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeDeps, createDeps } from '../../src/container.js';
import type { Deps } from '../../src/deps.js';
import { applyRetention } from '../../src/use-cases/retention/apply-retention.js';
import { testConfig } from '../support/context.js';
import { createMigratedScratchDatabase } from '../support/scratch-database.js';
import { createDevice } from '../support/factories.js';

const DAY = 86_400_000;

describe('retention', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let deps: Deps;
  beforeAll(async () => {
    // A database of our own: retention deletes across whole tables.
    scratch = await createMigratedScratchDatabase();
    deps = await createDeps(
      testConfig({
        DATABASE_URL: scratch.url,
        REDIS_PREFIX: `${inject('redisPrefix')}:retention`,
        RETENTION_COMPLIANCE_HISTORY_DAYS: '30',
        RETENTION_NOTIFICATIONS_DAYS: '30',
        RETENTION_EMAIL_DELIVERIES_DAYS: '30',
        RETENTION_COMMAND_PAYLOADS_DAYS: '30',
        RETENTION_PUBSUB_MESSAGE_IDS_DAYS: '0', // kept for ever
        RETENTION_BATCH_SIZE: '10',
      }),
      { logger: pino({ level: 'silent' }) },
    );
  });
  afterAll(async () => {
    if (deps) await closeDeps(deps);
    await scratch?.drop();
  });

  it('removes each kind past its retention in small batches and keeps the rest', async () => {
    const now = Date.now();
    const old = new Date(now - 31 * DAY);
    const recent = new Date(now - 29 * DAY);
    const device = await createDevice(deps);
    // 25 old rows: three batches of 10.
    const change = (at: Date) => ({ deviceId: device.id, toState: 'COMPLIANT' as const, reason: 'test', failingRules: [], policyVersion: 1, at });
    await deps.db.complianceStateChange.createMany({ data: [...Array.from({ length: 25 }, () => change(old)), change(recent)] });
    await deps.db.notification.createMany({ data: [old, recent].map((createdAt) => ({ kind: 'incident', audience: 'NOBODY', subject: 's', body: 'b', createdAt })) });
    await deps.db.emailDelivery.createMany({
      data: [
        { toAddress: 'a@example.test', kind: 'x', subject: 's', body: 'b', status: 'SENT', createdAt: old },
        { toAddress: 'b@example.test', kind: 'x', subject: 's', body: 'b', status: 'PENDING', createdAt: old }, // still to send: kept
        { toAddress: 'c@example.test', kind: 'x', subject: 's', body: 'b', status: 'SENT', createdAt: recent },
      ],
    });
    await deps.db.androidPubsubMessage.create({ data: { messageId: 'm-old', notificationType: 'STATUS_REPORT', receivedAt: old, outcome: 'applied' } });
    const finished = await deps.db.command.create({ data: { deviceId: device.id, requestType: 'DeviceLock', status: 'ACKNOWLEDGED', payload: { PIN: '123456' }, result: { Status: 'Acknowledged' } } });
    const waiting = await deps.db.command.create({ data: { deviceId: device.id, requestType: 'DeviceLock', status: 'QUEUED', payload: { PIN: '654321' } } });
    await deps.db.$executeRaw`UPDATE "Command" SET "updatedAt" = ${old} WHERE id IN (${finished.id}::uuid, ${waiting.id}::uuid)`;

    const report = await applyRetention(deps);
    expect(report).toEqual({ complianceHistory: 25, notifications: 1, emailDeliveries: 1, commandPayloads: 1 });

    expect(await deps.db.complianceStateChange.count()).toBe(1);
    expect(await deps.db.notification.count()).toBe(1);
    expect((await deps.db.emailDelivery.findMany({ select: { toAddress: true } })).map((e) => e.toAddress).sort()).toEqual(['b@example.test', 'c@example.test']);
    expect(await deps.db.androidPubsubMessage.count()).toBe(1);
    expect(await deps.db.command.findUniqueOrThrow({ where: { id: finished.id } })).toMatchObject({ payload: {}, result: null, status: 'ACKNOWLEDGED' });
    expect((await deps.db.command.findUniqueOrThrow({ where: { id: waiting.id } })).payload).toEqual({ PIN: '654321' });

    // A second run finds nothing left to do.
    expect(await applyRetention(deps)).toEqual({});
  });

  it('stops after maxBatches per kind, leaving the rest to the next run', async () => {
    const device = await createDevice(deps);
    const at = new Date(Date.now() - 40 * DAY);
    await deps.db.complianceStateChange.createMany({ data: Array.from({ length: 30 }, () => ({ deviceId: device.id, toState: 'UNKNOWN' as const, reason: 'x', failingRules: [], policyVersion: 1, at })) });
    expect((await applyRetention(deps, { maxBatches: 2 })).complianceHistory).toBe(20);
    expect((await applyRetention(deps, { maxBatches: 2 })).complianceHistory).toBe(10);
  });
});
