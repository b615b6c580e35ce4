import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../../src/jobs/job-queue.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers, type RunningWorkers } from '../../../src/jobs/start-workers.js';
import { dispatchEmailsJob, sendEmailJob } from '../../../src/jobs/definitions/email.js';
import { queueCommands } from '../../../src/use-cases/commands/queue-commands.js';
import { reconcileDeliveries } from '../../../src/use-cases/commands/reconcile-deliveries.js';
import { requestDeviceAction } from '../../../src/use-cases/commands/request-device-action.js';
import { createTestContext, type TestContext } from '../../support/context.js';
import { createDevice, createUser, type TestUser } from '../../support/factories.js';
import { ownRedisPrefix, useFakeChannels } from '../../support/operations.js';
import { waitFor } from '../../support/wait-for.js';
import { createMigratedScratchDatabase } from '../../support/scratch-database.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp.js';

const TOKEN = 'expiry-metrics-token-0123456789';
const DEADLINE_SECONDS = 60;

/**
 * A command that cannot reach its device before its deadline (COMMAND_DELIVERY_DEADLINE_SECONDS) is EXPIRED by the
 * delivery sweep and raises the alert on every channel: audit, webhook, Prometheus counter, and an e-mail to IT
 * through the outbox (real SMTP server), collected so that many expiries make one e-mail per period.
 */
describe('command expiry alerts', () => {
  let database: Awaited<ReturnType<typeof createMigratedScratchDatabase>>;
  let smtp: TestSmtpServer;
  let ctx: TestContext;
  let emailWorkers: RunningWorkers;
  let itUsers: TestUser[];
  let staff: TestUser;
  let actor: { userId: string; role: 'IT'; mfaAt: Date };

  beforeAll(async () => {
    // A database of our own: the sweep expires every command it can see and the alert addresses every IT user.
    database = await createMigratedScratchDatabase();
    smtp = await startSmtpServer();
    ctx = await createTestContext({
      DATABASE_URL: database.url,
      REDIS_PREFIX: ownRedisPrefix('expiry'),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      METRICS_TOKEN: TOKEN,
      COMMAND_DELIVERY_DEADLINE_SECONDS: String(DEADLINE_SECONDS),
      COMMAND_EXPIRY_ALERT_MINUTES: '15',
    });
    useFakeChannels(ctx.deps); // nothing runs the delivery jobs: the devices never get their commands
    itUsers = [await createUser(ctx.deps, { role: 'IT' }), await createUser(ctx.deps, { role: 'IT' })];
    staff = await createUser(ctx.deps);
    actor = { userId: itUsers[0]!.id, role: 'IT', mfaAt: ctx.clock.now() };
    await ctx.deps.db.webhookEndpoint.create({
      data: { url: 'https://siem.example.test/hook', secretSealed: ctx.deps.webhooks.secrets.seal('s'), eventTypes: ['command.expired'] },
    });
    emailWorkers = await startWorkers(ctx.deps, jobRegistry([sendEmailJob, dispatchEmailsJob] as unknown as JobDefinition[]));
  });
  afterAll(async () => {
    await emailWorkers?.close();
    await ctx?.close();
    await smtp?.close();
    await database?.drop();
  });

  const mailsTo = (user: TestUser) => smtp.received.filter((m) => m.to.includes(user.email));
  // The message as read: quoted-printable soft line breaks and escapes undone (the text here is ASCII).
  const readable = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const expiredMetric = async (labels: string) => {
    const response = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    const line = response.body.split('\n').find((l) => l.startsWith(`mdm_commands_expired_total{${labels},`) || l.startsWith(`mdm_commands_expired_total{${labels}}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('expires an undelivered lock and wipe at their deadline and alerts by audit, webhook, metric and one e-mail to each IT user', async () => {
    const iphone = await createDevice(ctx.deps, { platform: 'APPLE', userId: staff.id });
    const pixel = await createDevice(ctx.deps, { platform: 'ANDROID', userId: staff.id });
    const lock = (await requestDeviceAction(ctx.deps, actor, { deviceId: iphone.id, action: 'LOCK', reason: 'reported lost' })).command;
    const wipe = (await requestDeviceAction(ctx.deps, actor, { deviceId: pixel.id, action: 'WIPE_SELECTIVE', reason: 'leaver' })).command;

    // Before the deadline nothing expires.
    ctx.clock.advance((DEADLINE_SECONDS - 1) * 1000);
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(0);
    ctx.clock.advance(2_000);
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(2);

    const rows = await ctx.deps.db.command.findMany({ where: { id: { in: [lock.id, wipe.id] } } });
    expect(rows.map((r) => r.status)).toEqual(['EXPIRED', 'EXPIRED']);
    expect(rows.every((r) => r.nextPushAt === null && r.expiryAlertedAt !== null)).toBe(true);
    for (const id of [lock.id, wipe.id]) {
      expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.expired', details: { path: ['commandId'], equals: id } } })).toBe(1);
    }
    const hooks = await ctx.deps.db.webhookDelivery.findMany({ where: { eventType: 'command.expired' } });
    expect(hooks.map((h) => JSON.stringify(h.payload)).map((p) => [lock.id, wipe.id].find((id) => p.includes(id))).sort()).toEqual([lock.id, wipe.id].sort());
    expect(await expiredMetric('platform="APPLE",request_type="DeviceLock"')).toBe(1);
    expect(await expiredMetric('platform="ANDROID",request_type="RemoveProfile"')).toBe(1);

    // One notification for IT; its outbox rows are e-mailed by the worker to every IT user and nobody else.
    const alert = await ctx.deps.db.notification.findFirstOrThrow({ where: { kind: 'command_expired' } });
    expect(alert).toMatchObject({ audience: 'IT', subject: '2 commands expired before reaching their devices (1 wipe)' });
    await waitFor(async () => itUsers.every((u) => mailsTo(u).length === 1), (done) => done, { timeoutMs: 30_000, what: 'one expiry e-mail to each IT user' });
    for (const user of itUsers) {
      expect(mailsTo(user)).toHaveLength(1);
      const mail = { raw: readable(mailsTo(user)[0]!.raw) };
      expect(mail.raw).toContain('Subject: 2 commands expired before reaching their devices (1 wipe)');
      expect(mail.raw).toContain(`LOCK (DeviceLock) for APPLE device ${iphone.id}`);
      expect(mail.raw).toContain(`WIPE_SELECTIVE (RemoveProfile) for ANDROID device ${pixel.id}`);
    }
    expect(mailsTo(staff)).toHaveLength(0);

    // Sweeps that follow expire nothing twice and announce nothing twice.
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(0);
    ctx.clock.advance(16 * 60_000);
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(0);
    expect(await ctx.deps.db.notification.count({ where: { kind: 'command_expired' } })).toBe(1);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.expired' } })).toBe(2);
    expect(await expiredMetric('platform="APPLE",request_type="DeviceLock"')).toBe(1);
  });

  it('collects 500 expiries into one e-mail per IT user, sent once the alert period is over', async () => {
    const device = await createDevice(ctx.deps, { platform: 'APPLE' });
    const alertsBefore = await ctx.deps.db.notification.count({ where: { kind: 'command_expired' } });
    const mailsBefore = smtp.received.length;
    // The first expiry after a quiet period is announced at once ...
    const [first] = await queueCommands(ctx.deps, {
      deviceId: device.id,
      commands: [{ requestType: 'DeviceLock', payload: {}, action: 'LOCK' }],
      reason: 'first',
      requestedById: actor.userId,
      actor: { actorType: 'user', actorId: actor.userId, ip: null },
    });
    ctx.clock.advance((DEADLINE_SECONDS + 1) * 1000);
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(1);
    expect(await ctx.deps.db.notification.count({ where: { kind: 'command_expired' } })).toBe(alertsBefore + 1);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: first!.id } })).expiryAlertedAt).not.toBeNull();

    // ... the next ones within the period are collected, whatever their number.
    const many = await queueCommands(ctx.deps, {
      deviceId: device.id,
      commands: Array.from({ length: 500 }, () => ({ requestType: 'DeviceInformation', payload: { Queries: ['OSVersion'] } })),
      reason: 'posture refresh',
      requestedById: null,
      actor: { actorType: 'system', actorId: 'test', ip: null },
    });
    ctx.clock.advance((DEADLINE_SECONDS + 1) * 1000);
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(500);
    expect(await ctx.deps.db.notification.count({ where: { kind: 'command_expired' } })).toBe(alertsBefore + 1);
    expect(await ctx.deps.db.command.count({ where: { id: { in: many.map((c) => c.id) }, status: 'EXPIRED', expiryAlertedAt: null } })).toBe(500);
    expect(await expiredMetric('platform="APPLE",request_type="DeviceInformation"')).toBe(500);

    // Once the period is over, the next sweep (with nothing new to expire) sends them as one alert.
    ctx.clock.advance(15 * 60_000);
    expect((await reconcileDeliveries(ctx.deps)).expired).toBe(0);
    const alerts = await ctx.deps.db.notification.findMany({ where: { kind: 'command_expired' }, orderBy: { createdAt: 'desc' } });
    expect(alerts).toHaveLength(alertsBefore + 2);
    expect(alerts[0]!.subject).toBe('500 commands expired before reaching their devices');
    expect(alerts[0]!.body).toContain('... and 450 more.');
    expect(await ctx.deps.db.command.count({ where: { id: { in: many.map((c) => c.id) }, expiryAlertedAt: null } })).toBe(0);

    // Two alerts in all for 501 expiries: two e-mails per IT user.
    await waitFor(async () => smtp.received.length - mailsBefore, (n) => n >= 2 * itUsers.length, { timeoutMs: 30_000, what: 'the collected expiry e-mails' });
    await new Promise((r) => setTimeout(r, 500));
    const sent = smtp.received.slice(mailsBefore);
    expect(sent).toHaveLength(2 * itUsers.length);
    for (const user of itUsers) {
      const subjects = sent.filter((m) => m.to.includes(user.email)).map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1]?.trim());
      expect(subjects.sort()).toEqual(['1 command expired before reaching its device', '500 commands expired before reaching their devices']);
    }
  });
});
