import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobDefinition } from '../../../src/jobs/job-queue.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers } from '../../../src/jobs/start-workers.js';
import { dispatchEmailsJob, sendEmailJob } from '../../../src/jobs/definitions/email.js';
import { dispatchEmails } from '../../../src/use-cases/email/dispatch-emails.js';
import { sendDigests } from '../../../src/use-cases/email/send-digests.js';
import { sendEmail } from '../../../src/use-cases/email/send-email.js';
import { pino } from 'pino';
import { closeDeps, createDeps } from '../../../src/container.js';
import { createTestContext, testConfig, type TestContext } from '../../support/context.js';

const silent = pino({ level: 'silent' });
import { createMigratedScratchDatabase } from '../../support/scratch-database.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp.js';
import { selfSignedCertificate } from '../../support/tls.js';
import { createUser, createDevice } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

describe('e-mail', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let smtp: TestSmtpServer;
  let ctx: TestContext;

  beforeAll(async () => {
    // A database of our own: the notification triggers address every IT user, and other files' workers would
    // otherwise see (and, without SMTP configured, skip) our outbox rows.
    scratch = await createMigratedScratchDatabase();
    smtp = await startSmtpServer();
    ctx = await createTestContext({
      DATABASE_URL: scratch.url,
      REDIS_PREFIX: `${inject('redisPrefix')}:email`,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'MDM <mdm@trust.example>',
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
    await scratch?.drop();
  });

  const notifyUser = async (userId: string, kind = 'DEVICE_NONCOMPLIANT', subject = 'Your iPhone no longer meets the security policy') => {
    const device = await createDevice(ctx.deps, { userId });
    return ctx.deps.db.complianceNotification.create({
      data: { recipientUserId: userId, deviceId: device.id, kind, subject, body: 'Please fix the following on your device:\n- Turn on a passcode <now>', createdAt: ctx.deps.clock.now() },
    });
  };
  /** SMTP delivery goes through the queue and a worker: up to 15 s on a loaded machine. */
  const received = (what: string, check: () => boolean) => waitFor(check, undefined, { timeoutMs: 15_000, what });

  it('e-mails the user a notification the compliance ladder writes, as text and HTML, through the queue', async () => {
    const user = await createUser(ctx.deps, { name: 'Ada Lovelace' });
    const workers = await startWorkers(ctx.deps, jobRegistry([sendEmailJob, dispatchEmailsJob] as unknown as JobDefinition[]));
    try {
      const notification = await notifyUser(user.id);
      await received("the user's e-mail", () => smtp.received.some((m) => m.to.includes(user.email)));
      const mail = smtp.received.find((m) => m.to.includes(user.email))!;
      expect(mail.from).toBe('mdm@trust.example');
      expect(mail.raw).toContain('Subject: Your iPhone no longer meets the security policy');
      expect(mail.raw).toContain('Content-Type: text/plain');
      expect(mail.raw).toContain('Content-Type: text/html');
      expect(mail.raw).toContain('Hello Ada Lovelace,');
      expect(mail.raw).toContain('Turn on a passcode &lt;now&gt;'); // HTML part escapes what the notification says
      // The worker marks the delivery SENT just after the SMTP server accepted the message.
      const delivery = await waitFor(() => ctx.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: notification.id } }), (d) => d.status === 'SENT', {
        what: 'the delivery to be SENT',
      });
      expect(delivery).toMatchObject({ status: 'SENT', toAddress: user.email, attempts: 1 });
      expect(delivery.messageId).toBeTruthy();
    } finally {
      await workers.close();
    }
  });

  it('e-mails every enabled member of the audience an incident notification is for', async () => {
    const [it1, it2, disabled] = await Promise.all([createUser(ctx.deps, { role: 'IT' }), createUser(ctx.deps, { role: 'IT' }), createUser(ctx.deps, { role: 'IT' })]);
    await ctx.deps.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const notification = await ctx.deps.db.notification.create({
      data: { kind: 'incident', audience: 'IT', subject: 'Device reported lost', body: 'Incident x', createdAt: new Date() },
    });
    const rows = await ctx.deps.db.emailDelivery.findMany({ where: { sourceId: notification.id } });
    expect(rows.map((r) => r.toAddress).sort()).toEqual([it1.email, it2.email].sort());
  });

  it('retries a temporary SMTP failure and records a permanent one without retrying', async () => {
    const user = await createUser(ctx.deps);
    const notification = await notifyUser(user.id);
    const delivery = await ctx.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: notification.id } });

    smtp.failNext(1, 451);
    await expect(sendEmail(ctx.deps, delivery.id, { finalAttempt: false })).rejects.not.toBeInstanceOf(UnrecoverableError);
    expect(await ctx.deps.db.emailDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'PENDING', attempts: 1, lastErrorCode: 451 });
    await sendEmail(ctx.deps, delivery.id, { finalAttempt: false }); // the server is back
    expect(await ctx.deps.db.emailDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(smtp.received.filter((m) => m.to.includes(user.email))).toHaveLength(1);

    const bounced = await notifyUser(user.id);
    const bouncedDelivery = await ctx.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: bounced.id } });
    smtp.failNext(1, 550);
    await expect(sendEmail(ctx.deps, bouncedDelivery.id, { finalAttempt: false })).rejects.toBeInstanceOf(UnrecoverableError);
    const failed = await ctx.deps.db.emailDelivery.findUniqueOrThrow({ where: { id: bouncedDelivery.id } });
    expect(failed).toMatchObject({ status: 'FAILED', lastErrorCode: 550 });
    expect(failed.lastError).toContain('No such mailbox');
  });

  it('gives up after the last attempt of a temporary failure', async () => {
    const user = await createUser(ctx.deps);
    const delivery = await ctx.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: (await notifyUser(user.id)).id } });
    smtp.failNext(1, 452);
    await expect(sendEmail(ctx.deps, delivery.id, { finalAttempt: true })).rejects.toThrow();
    expect(await ctx.deps.db.emailDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'FAILED', lastErrorCode: 452 });
  });

  it('sends managers one digest per period instead of one e-mail per device', async () => {
    const manager = await createUser(ctx.deps, { role: 'MANAGER', name: 'Grace Hopper' });
    for (const n of [1, 2, 3]) await notifyUser(manager.id, 'TEAM_DEVICE_NONCOMPLIANT', `A device of Staff ${n} no longer meets the security policy`);
    // Team notifications wait for the digest; the per-message dispatcher leaves them alone.
    await dispatchEmails(ctx.deps);
    expect(await ctx.deps.db.emailDelivery.count({ where: { userId: manager.id, status: 'PENDING', digest: true } })).toBe(3);

    const workers = await startWorkers(ctx.deps, jobRegistry([sendEmailJob] as unknown as JobDefinition[]));
    try {
      expect(await sendDigests(ctx.deps)).toBe(1);
      await received('the first digest', () => smtp.received.some((m) => m.to.includes(manager.email)));
      const digests = smtp.received.filter((m) => m.to.includes(manager.email));
      expect(digests).toHaveLength(1);
      expect(digests[0]!.raw).toContain('Subject: 3 team device notifications');
      for (const n of [1, 2, 3]) expect(digests[0]!.raw).toContain(`Staff ${n}`);

      await notifyUser(manager.id, 'TEAM_DEVICE_NONCOMPLIANT', 'A device of Staff 4 no longer meets the security policy');
      expect(await sendDigests(ctx.deps)).toBe(0); // within the period: collected, not sent
      ctx.clock.advance(25 * 3600_000);
      expect(await sendDigests(ctx.deps)).toBe(1);
      await received('the second digest', () => smtp.received.filter((m) => m.to.includes(manager.email)).length === 2);
      const second = smtp.received.filter((m) => m.to.includes(manager.email))[1]!;
      expect(second.raw).toContain('Subject: 1 team device notifications');
      expect(second.raw).toContain('Staff 4');
    } finally {
      await workers.close();
    }
  });

  it('delivers over implicit TLS to a server whose CA is configured, and refuses an untrusted certificate', async () => {
    const { key, cert } = selfSignedCertificate();
    const dir = mkdtempSync(join(tmpdir(), 'smtp-ca-'));
    writeFileSync(join(dir, 'ca.pem'), cert);
    const tls = await startSmtpServer({ secure: true, key, cert });
    // Only the dependencies: sending needs no HTTP app.
    const trusting = { deps: await createDeps(testConfig({ DATABASE_URL: scratch.url, SMTP_URL: `smtps://127.0.0.1:${tls.port}`, SMTP_CA_FILE: join(dir, 'ca.pem') }), { logger: silent }) };
    const untrusting = { deps: await createDeps(testConfig({ DATABASE_URL: scratch.url, SMTP_URL: `smtps://127.0.0.1:${tls.port}` }), { logger: silent }) };
    try {
      const user = await createUser(ctx.deps);
      const first = await ctx.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: (await notifyUser(user.id)).id } });
      await sendEmail(trusting.deps, first.id, { finalAttempt: false });
      expect(tls.received.filter((m) => m.to.includes(user.email))).toHaveLength(1);

      const second = await ctx.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: (await notifyUser(user.id)).id } });
      await expect(sendEmail(untrusting.deps, second.id, { finalAttempt: false })).rejects.toThrow(/certificate/i);
      expect(tls.received.filter((m) => m.to.includes(user.email))).toHaveLength(1);
      expect((await ctx.deps.db.emailDelivery.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('PENDING');
    } finally {
      await closeDeps(trusting.deps);
      await closeDeps(untrusting.deps);
      await tls.close();
    }
  });

  it('marks e-mails SKIPPED when SMTP is not configured, so the outbox does not grow', async () => {
    const off = { deps: await createDeps(testConfig({ DATABASE_URL: scratch.url, REDIS_PREFIX: `${inject('redisPrefix')}:email-off` }), { logger: silent }) };
    try {
      const user = await createUser(off.deps);
      const notification = await notifyUser(user.id);
      await dispatchEmails(off.deps);
      expect((await off.deps.db.emailDelivery.findFirstOrThrow({ where: { sourceId: notification.id } })).status).toBe('SKIPPED');
    } finally {
      await closeDeps(off.deps);
    }
  });
});
