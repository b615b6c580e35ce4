import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeDeps, createDeps } from '../../src/container.js';
import type { Deps } from '../../src/deps.js';
import { totpCode } from '../../src/domain/auth/totp.js';
import { AppleDeviceSimulator, fetchTransport, type DeviceTransport } from '../../tools/apple-device-simulator.js';
import { appleEnv, startFakeApns, type FakeApns } from '../../tools/fake-apns.js';
import { testConfig, testEnv } from '../support/context.js';
import { startProcess, stopProcesses } from '../support/processes.js';
import { createMigratedScratchDatabase } from '../support/scratch-database.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { createDevice, createUser } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Two API processes and two worker processes against one PostgreSQL and one Redis, as behind a load balancer:
 * sessions and rate limits are shared, each job runs once, scheduled jobs fire once per period.
 */
describe('several API and worker replicas', () => {
  const children: ChildProcess[] = [];
  let scratch: { url: string; drop(): Promise<void> };
  let smtp: TestSmtpServer;
  let apns: FakeApns;
  let deps: Deps;
  let apis: string[] = [];
  const prefix = `${inject('redisPrefix')}:replicas`;

  const start = (entry: string, env: Record<string, string>, ready: RegExp) => startProcess(children, process.execPath, ['--import', 'tsx', entry], env, ready);

  beforeAll(async () => {
    scratch = await createMigratedScratchDatabase();
    smtp = await startSmtpServer();
    apns = await startFakeApns();
    // One Apple CA directory and push certificate for all four processes, as a shared volume or secret would give.
    const apple = appleEnv(apns);
    const env = testEnv({
      ...apple,
      DATABASE_URL: scratch.url,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '5',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WORKER_METRICS_PORT: '0',
    });
    deps = await createDeps(testConfig({ DATABASE_URL: scratch.url, REDIS_PREFIX: prefix }), { logger: pino({ level: 'silent' }) });
    const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;
    const started = await Promise.all([
      start('src/api/server.ts', env, listening),
      start('src/api/server.ts', env, listening),
      start('src/jobs/worker.ts', env, /worker started()/),
      start('src/jobs/worker.ts', env, /worker started()/),
    ]);
    apis = started.slice(0, 2);
  }, 150_000);

  afterAll(async () => {
    await stopProcesses(children);
    const keys = deps ? await deps.redis.keys(`${prefix}*`) : [];
    if (keys.length) await deps.redis.del(...keys);
    if (deps) await closeDeps(deps);
    await smtp?.close();
    await apns?.close();
    await scratch?.drop();
  });

  const login = (api: string, email: string, password: string, totp?: string) =>
    fetch(`${api}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, totp }) });

  it('shares sessions: a token from one API works on the other, and a logout on either ends it on both', async () => {
    const user = await createUser(deps, { role: 'IT' });
    const { accessToken } = (await (await login(apis[0]!, user.email, user.password)).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    expect((await fetch(`${apis[1]}/v1/users/${user.id}`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${apis[1]}/v1/auth/logout`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })).status).toBe(204);
    expect((await fetch(`${apis[0]}/v1/users/${user.id}`, { headers: auth })).status).toBe(401);
  });

  it('answers on one API a wipe requested on the other: the device only ever talks to the second', async () => {
    const it1 = await createUser(deps, { role: 'IT', mfa: true });
    const staff = await createUser(deps);
    const signedIn = (await (await login(apis[0]!, it1.email, it1.password, await totpCode(it1.totpSecret!, new Date()))).json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${signedIn.accessToken}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: object) =>
      fetch(`${apis[0]}${path}`, body ? { method, headers, body: JSON.stringify(body) } : { method, headers: { authorization: headers.authorization } });
    // The device's URLs (in its profile) name PUBLIC_BASE_URL; the load balancer happens to send it to API 2 every time.
    const toSecondApi: DeviceTransport = (request) => {
      const url = new URL(request.url);
      return fetchTransport({ ...request, url: `${apis[1]}${url.pathname}${url.search}` });
    };
    const created = (await (await call('POST', '/v1/enrollments', { platform: 'apple', ownership: 'corporate', userId: staff.id })).json()) as { deviceId: string; profileUrl: string };
    const sim = new AppleDeviceSimulator(toSecondApi);
    for (const step of [() => sim.enrol(created.profileUrl), () => sim.authenticate(), () => sim.tokenUpdate()]) expect((await step()).status).toBe(200);
    await sim.runSession();

    const pushesBefore = apns.requests.length;
    const requested = await call('POST', `/v1/devices/${created.deviceId}/wipe`, { kind: 'full', reason: 'stolen from car' });
    expect(requested.status).toBe(202);
    const { command } = (await requested.json()) as { command: { id: string } };
    // A worker (either) wakes the device through APNs; the device then connects to API 2 and gets the wipe first.
    const deadline = Date.now() + 30_000;
    while (apns.requests.length === pushesBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(apns.requests.length).toBeGreaterThan(pushesBefore);
    const handled = await sim.runSession();
    expect((handled[0]!.Command as { RequestType: string }).RequestType).toBe('EraseDevice');
    const answered = (await (await call('GET', `/v1/commands/${command.id}`)).json()) as { status: string };
    expect(answered.status).toBe('ACKNOWLEDGED');
  });

  it('shares rate limits: sign-in attempts count across both APIs', async () => {
    const statuses: { api: number; status: number }[] = [];
    for (let i = 0; i < 12; i++) statuses.push({ api: i % 2, status: (await login(apis[i % 2]!, `nobody-${randomUUID()}@example.test`, 'wrong')).status });
    // Five attempts per minute from one address, whichever replica takes them (the previous tests signed in twice):
    // were the counters per process, each replica would let five through.
    expect(statuses.filter((s) => s.status === 401)).toHaveLength(3);
    expect(statuses.slice(3).every((s) => s.status === 429)).toBe(true);
    expect(new Set(statuses.filter((s) => s.status === 429).map((s) => s.api)).size).toBe(2);
  });

  it('runs each job once across workers, and scheduled jobs once per period', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => createUser(deps)));
    const startedAt = Date.now();
    for (const user of users) {
      const device = await createDevice(deps, { userId: user.id, platform: 'APPLE' });
      await deps.db.complianceNotification.create({
        data: { recipientUserId: user.id, deviceId: device.id, kind: 'DEVICE_NONCOMPLIANT', subject: 'Fix your phone', body: 'Set a passcode', createdAt: new Date() },
      });
    }
    const addresses = new Set(users.map((u) => u.email));
    const mine = () => smtp.received.filter((m) => m.to.some((t) => addresses.has(t)));
    await waitFor(() => mine().length, (n) => n >= users.length, { timeoutMs: 40_000, intervalMs: 200, what: 'one e-mail per user' });
    await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would arrive by now
    expect(mine()).toHaveLength(users.length);
    expect(new Set(mine().map((m) => m.to[0])).size).toBe(users.length);

    // The dispatcher is a job scheduler (every 10 s): both workers registered it, yet it ran once per period.
    const elapsedPeriods = Math.ceil((Date.now() - startedAt) / 10_000) + 1;
    const { Queue } = await import('bullmq');
    const queue = new Queue('email', { connection: deps.redis, prefix });
    try {
      const done = (await queue.getJobs(['completed'], 0, 1000)).filter((j) => j.name === 'email.dispatch' && (j.finishedOn ?? 0) >= startedAt);
      expect(done.length).toBeGreaterThan(0);
      expect(done.length).toBeLessThanOrEqual(elapsedPeriods);
    } finally {
      await queue.close();
    }
  });
});
