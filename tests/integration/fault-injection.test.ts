import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppleDeviceSimulator, type DeviceTransport } from '../../tools/apple-device-simulator.js';
import { createAppleContext, startFakeApns, type FakeApns } from '../support/apple.js';
import { bearer, type TestContext } from '../support/context.js';
import { flushPrefix } from '../support/operations.js';
import { createUser } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Fault injection against the real processes: the API and the worker run as child processes (as in production),
 * devices are Apple simulators that connect only when APNs wakes them, APNs is a local double. Each scenario
 * requests locks while breaking something, then asserts every lock reached its device and took effect exactly once,
 * within a bound, and that the API process stayed up. Short lease, backoff and sweep come from configuration.
 */
const FAST = {
  COMMAND_DELIVERY_LEASE_SECONDS: '5',
  COMMAND_REPUSH_BACKOFF_SECONDS: '1,2,3',
  COMMAND_SWEEP_INTERVAL_MS: '300',
  SCHEDULE_ASSERT_INTERVAL_MS: '1000',
  APNS_REQUEST_TIMEOUT_MS: '1000',
  LOG_LEVEL: 'warn',
};
const METRICS_TOKEN = 'fault-injection-metrics-token';
const BOUND_MS = 100_000;
const DEVICES = 4;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Device {
  sim: AppleDeviceSimulator;
  deviceId: string;
  token: string;
  /** Connect requests to fail (the wake-up session breaks: network, TLS, proxy). */
  failConnects: number;
  running: Promise<void> | null;
  again: boolean;
}

describe('fault injection: every command reaches its device once, whatever breaks', () => {
  let ctx: TestContext;
  let apns: FakeApns;
  let env: Record<string, string>;
  let api: ChildProcess;
  let worker: ChildProcess;
  let base: string;
  let workerMetrics: string;
  let itHeaders: Record<string, string>;
  const devices = new Map<string, Device>(); // by push token
  const logFile = join(tmpdir(), `fault-injection-${process.pid}.log`);
  const log = createWriteStream(logFile);

  const start = (entry: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    return child;
  };

  // What the phone does: nothing until pushed, then one session (Idle, answer each command until none is left).
  const wake = (device: Device) => {
    if (device.running) {
      device.again = true;
      return;
    }
    device.running = (async () => {
      do {
        device.again = false;
        await device.sim.runSession().catch(() => undefined); // a broken session: the device waits for the next push
      } while (device.again);
    })().finally(() => {
      device.running = null;
    });
  };

  const transport =
    (device: () => Device | undefined): DeviceTransport =>
    async (request) => {
      const url = new URL(request.url);
      const d = device();
      if (d && url.pathname.endsWith('/connect') && d.failConnects > 0) {
        d.failConnects -= 1;
        throw new Error('wake-up session failed');
      }
      const response = await fetch(`${base}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body: request.body });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
    };

  /** Retries (same idempotency key) while the API is down or answers 503, as a client would. */
  const api503Retry = async (path: string, payload: object, key: string) => {
    const accepted = await waitFor(
      async () => {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { ...itHeaders, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(payload),
        }).catch(() => null);
        return { status: response?.status ?? 'no answer', body: response ? await response.text().catch(() => '') : '' };
      },
      (r) => r.status === 202,
      { timeoutMs: 30_000, intervalMs: 250, what: `lock request ${key} to be accepted` },
    );
    return JSON.parse(accepted.body) as { command: { id: string }; replayed: boolean };
  };

  /** One sample of the worker's own /metrics (0 when the series does not exist yet). */
  async function workerSample(name: string, labels: Record<string, string>): Promise<number> {
    const text = await (await fetch(workerMetrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  async function enrol(n: number): Promise<Device[]> {
    const enrolled: Device[] = [];
    for (let i = 0; i < n; i++) {
      const created = await fetch(`${base}/v1/enrollments`, {
        method: 'POST',
        headers: { ...itHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'apple', ownership: 'corporate' }),
      });
      expect(created.status).toBe(201);
      const { deviceId, profileUrl } = (await created.json()) as { deviceId: string; profileUrl: string };
      const holder: { device?: Device } = {};
      const sim = new AppleDeviceSimulator(transport(() => holder.device));
      const device: Device = { sim, deviceId, token: sim.pushToken.toString('hex'), failConnects: 0, running: null, again: false };
      holder.device = device;
      devices.set(device.token, device);
      for (const step of [() => sim.enrol(profileUrl), () => sim.authenticate(), () => sim.tokenUpdate()]) expect((await step()).status).toBe(200);
      enrolled.push(device);
    }
    // The first posture queries are delivered by push like everything else.
    await waitFor(
      () => ctx.deps.db.command.count({ where: { deviceId: { in: enrolled.map((d) => d.deviceId) }, status: { not: 'ACKNOWLEDGED' } } }),
      (left) => left === 0,
      { timeoutMs: BOUND_MS, what: 'every first posture query acknowledged' },
    );
    return enrolled;
  }

  async function lockAll(targets: Device[], label: string) {
    const ids: string[] = [];
    for (const device of targets) {
      const { command } = await api503Retry(`/v1/devices/${device.deviceId}/lock`, { reason: `fault injection: ${label}` }, `${label}-${device.deviceId}`);
      ids.push(command.id);
    }
    return ids;
  }

  /** Every lock acknowledged within the bound, applied once, received once (or at least once when `resent` is allowed). */
  async function expectDeliveredOnce(targets: Device[], ids: string[], options: { resentAllowed?: boolean } = {}) {
    const rows = await waitFor(
      () => ctx.deps.db.command.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }).catch(() => []),
      (r) => r.length === ids.length && r.every((c) => c.status === 'ACKNOWLEDGED'),
      { timeoutMs: BOUND_MS, what: 'every lock ACKNOWLEDGED' },
    );
    expect(rows.filter((r) => r.status !== 'ACKNOWLEDGED')).toEqual([]);
    for (const [i, device] of targets.entries()) {
      const received = device.sim.received.filter((c) => String(c.CommandUUID).toLowerCase() === ids[i]).length;
      if (options.resentAllowed) expect(received).toBeGreaterThanOrEqual(1);
      else expect(received).toBe(1);
    }
    for (const id of ids) {
      expect(await ctx.deps.db.auditEvent.count({ where: { action: 'command.acknowledged', details: { path: ['commandId'], equals: id } } })).toBe(1);
    }
    expect(api.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }

  beforeAll(async () => {
    apns = await startFakeApns();
    ctx = await createAppleContext(apns, FAST, { isolated: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = Object.fromEntries(
      Object.entries(ctx.deps.config)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => [k, String(v)]),
    );
    workerMetrics = `http://127.0.0.1:${await freePort()}/metrics`;
    Object.assign(env, {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: 'https://mdm.example.test',
      METRICS_HOST: '127.0.0.1',
      WORKER_METRICS_PORT: new URL(workerMetrics).port,
      METRICS_TOKEN,
    });
    const respond = apns.respond;
    apns.respond = (request) => {
      const answer = respond(request);
      const device = devices.get(request.path.split('/').at(-1)!);
      if (device && answer !== 'hang' && answer.status === 200) setTimeout(() => wake(device), 20);
      return answer;
    };
    api = start('src/api/server.ts');
    worker = start('src/jobs/worker.ts');
    // Two tsx processes starting on a loaded machine can take a while.
    await waitFor(() => fetch(`${base}/readyz`).then((r) => r.status).catch(() => 0), (s) => s === 200, { timeoutMs: 120_000, what: 'the API to be ready' });
    itHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'IT', mfa: true }));
  }, 180_000);

  afterAll(async () => {
    api?.kill('SIGKILL');
    worker?.kill('SIGKILL');
    await ctx?.close();
    await apns?.close();
    log.end();
  });

  it('the worker is killed (-9) mid-drain and started again', async () => {
    const targets = await enrol(DEVICES);
    const ids = await lockAll(targets, 'kill-worker');
    worker.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    worker = start('src/jobs/worker.ts');
    await expectDeliveredOnce(targets, ids);
  }, 300_000);

  it('every Redis key under the prefix is deleted mid-drain, nothing restarted', async () => {
    const targets = await enrol(DEVICES);
    const ids = await lockAll(targets, 'redis-flush');
    await flushPrefix(ctx.deps, ctx.deps.config.REDIS_PREFIX);
    await new Promise((r) => setTimeout(r, 200));
    await flushPrefix(ctx.deps, ctx.deps.config.REDIS_PREFIX);
    await expectDeliveredOnce(targets, ids);
  }, 300_000);

  it('APNs answers 500 and 429 for a while', async () => {
    const targets = await enrol(DEVICES);
    let failures = 0;
    const respond = apns.respond;
    apns.respond = (request) => (failures++ < 12 ? { status: failures % 2 ? 500 : 429, reason: failures % 2 ? 'InternalServerError' : 'TooManyRequests' } : respond(request));
    try {
      const ids = await lockAll(targets, 'apns-errors');
      await expectDeliveredOnce(targets, ids);
      expect(failures).toBeGreaterThanOrEqual(12);
    } finally {
      apns.respond = respond;
    }
  }, 300_000);

  it('APNs accepts the connection and the push but never answers, for a while', async () => {
    const targets = await enrol(DEVICES);
    const timeoutsBefore = await workerSample('mdm_apns_pushes_total', { outcome: 'timeout' });
    let hung = 0;
    const respond = apns.respond;
    apns.respond = (request) => (hung++ < 2 * DEVICES ? 'hang' : respond(request));
    try {
      const ids = await lockAll(targets, 'apns-hangs');
      await expectDeliveredOnce(targets, ids);
      expect(hung).toBeGreaterThan(2 * DEVICES);
      // The client gave up on every hanging push at its configured deadline (APNS_REQUEST_TIMEOUT_MS=1000, far below
      // the 15 s default), counted each as a failed push, and pushed again until APNs answered.
      await waitFor(async () => apns.abandoned.length, (n: number) => n === 2 * DEVICES, { what: 'every hanging push to be abandoned' });
      // (Measured from when the double had the whole request: the client's deadline also covers getting it there.)
      for (const { afterMs } of apns.abandoned) expect(afterMs).toBeLessThan(10_000);
      expect((await workerSample('mdm_apns_pushes_total', { outcome: 'timeout' })) - timeoutsBefore).toBe(2 * DEVICES);
      expect(await workerSample('mdm_apns_pushes_total', { outcome: 'accepted' })).toBeGreaterThanOrEqual(DEVICES);
      // Each lock's first push hung: the command kept the reason, for IT to see while it waited.
      const locks = await ctx.deps.db.command.findMany({ where: { id: { in: ids } }, select: { error: true } });
      expect(locks.map((c) => (c.error as { message?: string } | null)?.message)).toEqual(ids.map(() => 'APNs push failed: APNs did not answer within 1000 ms'));
    } finally {
      apns.respond = respond;
    }
  }, 300_000);

  it("the device's wake-up session fails", async () => {
    const targets = await enrol(DEVICES);
    for (const device of targets) device.failConnects = 2;
    const ids = await lockAll(targets, 'session-fails');
    await expectDeliveredOnce(targets, ids);
    expect(targets.every((d) => d.failConnects === 0)).toBe(true);
  }, 300_000);

  it("PostgreSQL terminates this database's connections repeatedly for several seconds", async () => {
    const targets = await enrol(DEVICES);
    const admin = new pg.Client({ connectionString: ctx.deps.config.DATABASE_URL });
    admin.on('error', () => undefined);
    await admin.connect();
    let terminating = true;
    const killer = (async () => {
      const until = Date.now() + 6_000;
      while (terminating && Date.now() < until) {
        // Only this test's own database, never the others on the server.
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()').catch(() => undefined);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      const ids = await lockAll(targets, 'pg-terminate');
      await killer;
      // A session cut by a terminated connection may have lost its report: the command is sent again (same
      // CommandUUID) and applied once.
      await expectDeliveredOnce(targets, ids, { resentAllowed: true });
    } finally {
      terminating = false;
      await killer;
      await admin.end().catch(() => undefined);
    }
    expect(worker.exitCode).toBeNull();
  }, 300_000);
});
