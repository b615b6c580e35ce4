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
        RETENTION_POSTURE_REPORTS_DAYS: '30',
        RETENTION_INCIDENTS_DAYS: '365',
        RETENTION_PERSONAL_DEVICE_DAYS: '7',
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

  it('removes the posture of devices no longer managed, closed incidents past their retention, and personal device data after unenrolment', async () => {
    const now = Date.now();
    const daysAgo = (n: number) => new Date(now - n * DAY);
    const owner = await deps.db.user.create({ data: { email: `owner-${now}@example.test`, name: 'Owner', passwordHash: 'x' } });
    const device = async (ownership: 'PERSONAL' | 'CORPORATE', tag: string) => {
      const d = await createDevice(deps, { ownership, userId: owner.id, model: 'iPhone15,2' });
      await deps.db.device.update({ where: { id: d.id }, data: { serialNumber: `SN-${tag}`, displayName: `Phone ${tag}` } });
      await deps.db.devicePosture.create({ data: { deviceId: d.id, encrypted: true, osVersion: '17.4', reportedAt: daysAgo(40) } });
      await deps.db.deviceCompliance.create({
        data: { deviceId: d.id, userId: owner.id, platform: 'APPLE', ownership, state: 'NONCOMPLIANT', failingRules: ['osVersion'], unknownRules: [], policyVersion: 1, evaluatedAt: daysAgo(9), stateChangedAt: daysAgo(9) },
      });
      await deps.db.complianceStateChange.create({ data: { deviceId: d.id, toState: 'NONCOMPLIANT', reason: 'test', failingRules: ['osVersion'], policyVersion: 1, at: daysAgo(9) } });
      await deps.db.appleEnrollment.create({
        data: { deviceId: d.id, tokenHash: `hash-${tag}-${now}`, tokenExpiresAt: daysAgo(100), accessRights: 8191, udid: `UDID-${tag}`, enrollmentId: `EID-${tag}-${now}`, pushTokenHex: 'abcd', lastSecurityInfo: { FDE_Enabled: true }, lastSecurityInfoAt: daysAgo(40), lastSeenAt: daysAgo(40) },
      });
      return d;
    };
    const leave = async (id: string, days: number) => {
      await deps.db.device.update({ where: { id }, data: { status: 'UNENROLLED' } });
      // The database stamps the moment the device left, whichever code changed the status.
      expect((await deps.db.device.findUniqueOrThrow({ where: { id } })).unenrolledAt).toBeInstanceOf(Date);
      await deps.db.device.update({ where: { id }, data: { unenrolledAt: daysAgo(days) } });
    };
    const gonePersonal = await device('PERSONAL', 'gone');
    await leave(gonePersonal.id, 8);
    const recentPersonal = await device('PERSONAL', 'recent');
    await leave(recentPersonal.id, 6);
    const activePersonal = await device('PERSONAL', 'active');
    const goneCorporate = await device('CORPORATE', 'corp');
    await leave(goneCorporate.id, 8);
    // Re-enrolment clears the stamp: a device back under management is not "left" any more.
    const back = await device('PERSONAL', 'back');
    await leave(back.id, 20);
    await deps.db.device.update({ where: { id: back.id }, data: { status: 'ENROLLED' } });
    expect((await deps.db.device.findUniqueOrThrow({ where: { id: back.id } })).unenrolledAt).toBeNull();

    const incident = (status: 'OPEN' | 'CLOSED', openedDaysAgo: number, closedDaysAgo?: number) =>
      deps.db.incident.create({
        data: {
          deviceId: activePersonal.id, kind: 'LOST', status, openedById: owner.id, openedAt: daysAgo(openedDaysAgo), closedAt: closedDaysAgo === undefined ? null : daysAgo(closedDaysAgo),
          steps: { create: [{ step: 'reported', actorType: 'user', actorId: owner.id, at: daysAgo(openedDaysAgo) }] },
        },
      });
    const oldClosed = await incident('CLOSED', 500, 400);
    const recentClosed = await incident('CLOSED', 500, 100);
    const oldOpen = await incident('OPEN', 500);

    const report = await applyRetention(deps);
    // Posture: the three devices that left, whatever their ownership (each last reported 40 days ago).
    expect(report).toMatchObject({ personalDevices: 1, incidents: 1, postureReports: 3, rawPostureReports: 3 });

    // The personal phone that left 8 days ago keeps only its bare row; nothing identifies it or describes its state.
    const scrubbed = await deps.db.device.findUniqueOrThrow({ where: { id: gonePersonal.id }, include: { posture: true, compliance: true, appleEnrollment: true } });
    expect(scrubbed).toMatchObject({ serialNumber: null, displayName: null, model: null, posture: null, compliance: null, status: 'UNENROLLED', ownership: 'PERSONAL', userId: owner.id });
    expect(scrubbed.personalDataRemovedAt).toBeInstanceOf(Date);
    expect(scrubbed.appleEnrollment).toMatchObject({ udid: null, enrollmentId: null, pushTokenHex: null, lastSecurityInfo: null });
    expect(await deps.db.complianceStateChange.count({ where: { deviceId: gonePersonal.id } })).toBe(0);
    expect(await deps.db.auditEvent.count({ where: { action: 'device.personal_data_removed', targetId: gonePersonal.id } })).toBe(1);
    // Left 6 days ago (under the 7 configured), still enrolled, or back under management: untouched.
    for (const kept of [recentPersonal, activePersonal, back]) {
      const row = await deps.db.device.findUniqueOrThrow({ where: { id: kept.id }, include: { appleEnrollment: true } });
      expect(row).toMatchObject({ serialNumber: expect.stringMatching(/^SN-/), personalDataRemovedAt: null });
      expect(row.appleEnrollment?.udid).toMatch(/^UDID-/);
      expect(await deps.db.complianceStateChange.count({ where: { deviceId: kept.id } })).toBe(1);
    }
    // A corporate device that left: its 40-day-old posture and raw reports go (30 days), its identifiers stay.
    const corporate = await deps.db.device.findUniqueOrThrow({ where: { id: goneCorporate.id }, include: { posture: true, appleEnrollment: true } });
    expect(corporate).toMatchObject({ serialNumber: 'SN-corp', posture: null, personalDataRemovedAt: null });
    expect(corporate.appleEnrollment).toMatchObject({ udid: 'UDID-corp', lastSecurityInfo: null });
    // A managed device's posture is its current state: kept however old its last report.
    expect(await deps.db.devicePosture.count({ where: { deviceId: activePersonal.id } })).toBe(1);
    expect((await deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: activePersonal.id } })).lastSecurityInfo).toEqual({ FDE_Enabled: true });
    // Incidents: only the one closed over a year ago goes, with its steps; open ones are never removed.
    expect((await deps.db.incident.findMany({ select: { id: true } })).map((i) => i.id).sort()).toEqual([recentClosed.id, oldOpen.id].sort());
    expect(await deps.db.incidentStep.count({ where: { incidentId: oldClosed.id } })).toBe(0);

    const again = await applyRetention(deps);
    expect(again.personalDevices).toBeUndefined();
    expect(again.incidents).toBeUndefined();
  });
});
