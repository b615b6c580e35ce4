/**
 * Wipe acceptance and delivery against the database's own pace, in one run on one database:
 *   (a) baseline: a raw `pg` transaction of the same shape as one accepted wipe (command row + audit row + webhook
 *       outbox row), through a pg.Pool of the API's pool size, at the same concurrency as (b);
 *   (b) full wipes accepted per second through the HTTP API (auth, validation, device and enrolment reads, one
 *       transaction with those three rows, BullMQ job after commit), and the ratio (b)/(a). (a) and (b) run in
 *       alternating slices so both see the same machine load;
 *   (d) the wipes accepted in (b) (no worker running meanwhile) drained by a worker process (src/jobs/worker.ts, all
 *       queues, as production runs it) through the real Apple channel (operations.deliver-command, which pushes a
 *       device's only command itself, → APNs client over HTTP/2 + TLS) to the APNs double, per second, against
 *       0.5 × (a);
 *   (c) accept → push latency (API answered → push arrived at the APNs double, on the clock both processes share) at
 *       an offered load of half of (b) (or --latency-rate), the worker process running.
 * Also counts non-2xx answers, duplicate pushes and lost pushes. Requests go through Fastify's inject (the whole
 * request pipeline, no sockets) in this process; the worker is a process of its own, as in production, and also
 * delivers the webhook events of a subscriber; the APNs double and the subscriber's endpoint run in a third process
 * (bench/delivery-doubles.ts), as the outside world. Everything (load generator, API, worker, PostgreSQL, Redis,
 * the doubles) shares this machine's cores.
 *
 *   npx tsx bench/wipe-delivery.ts [--commands 10000] [--concurrency 32] [--worker-concurrency 50] [--latency-seconds 10] [--latency-rate N]
 * WORKER_NODE_OPTIONS is passed to the worker process as NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/worker"
 * to profile it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import type { DoublesMessage } from './delivery-doubles.js';
import { benchDatabase, freePort, pushCertificateDir, printTable, startProcess, stopChildren, summarise } from './lib.js';

const { values } = parseArgs({
  options: {
    commands: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '32' },
    'worker-concurrency': { type: 'string', default: '50' },
    'latency-seconds': { type: 'string', default: '10' },
    // (c) at another offered load than half of (b), to see where latency starts to grow.
    'latency-rate': { type: 'string' },
  },
});
const ROUNDS = 4;
const POOL_SIZE = 10; // the API's pool (createPrisma default)
const total = Number(values.commands);
const concurrency = Number(values.concurrency);

const topic = 'com.apple.mgmt.External.bench-wipe';
const dir = pushCertificateDir(topic, 'wipe-bench');

// The APNs double and the webhook endpoint run in a process of their own (bench/delivery-doubles.ts), as the
// outside world does: first push time per device token (absolute ms), duplicate pushes, webhook events received.
const pushedAt = new Map<string, number>();
let duplicatePushes = 0;
let webhooksReceived = 0;
const doubles = fork(join(import.meta.dirname, 'delivery-doubles.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ready = await new Promise<Extract<DoublesMessage, { kind: 'ready' }>>((resolve, reject) => {
  doubles.on('message', (message: DoublesMessage) => {
    if (message.kind === 'ready') resolve(message);
    else {
      for (const [token, at] of message.pushes) pushedAt.set(token, at);
      duplicatePushes = message.duplicatePushes;
      webhooksReceived = message.webhooks;
    }
  });
  doubles.once('exit', (code) => reject(new Error(`bench/delivery-doubles.ts exited ${code}`)));
});
writeFileSync(join(dir, 'apns-ca.pem'), ready.apnsCaPem);
const sinkUrl = ready.sinkUrl;
/** Now, on the clock both processes share (ms since the epoch, sub-ms resolution). */
const absoluteNow = () => performance.timeOrigin + performance.now();

const database = await benchDatabase();
const prefix = `bench-wipe-${process.pid}`;
const env: Record<string, string> = {
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: prefix,
  JWT_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  // Production's level for the worker process; this process logs nothing.
  LOG_LEVEL: 'warn',
  APPLE_CA_DIR: join(dir, 'ca'),
  APPLE_PUSH_CERT_PATH: join(dir, 'push.pem'),
  APPLE_PUSH_KEY_PATH: join(dir, 'push.key'),
  APNS_HOST: ready.apnsUrl,
  APNS_CA_PATH: join(dir, 'apns-ca.pem'),
  WORKER_CONCURRENCY: String(values['worker-concurrency']),
  // The run outlasts the default 5-minute step-up window of the single MFA'd session the bench signs in with.
  STEP_UP_MAX_AGE_SECONDS: '86400',
  PUBLIC_BASE_URL: 'http://127.0.0.1',
  WEBHOOK_ALLOW_HTTP: 'true',
};
const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });
await app.ready();

console.log(`setting up ${total} enrolled corporate iPhones…`);
const now = new Date();
const admin = await deps.db.user.create({ data: { email: 'it@bench.test', name: 'IT', role: 'IT', passwordHash: 'x' } });
const session = await deps.db.session.create({ data: { userId: admin.id, mfaAt: now } });
const authorization = `Bearer ${app.jwt.sign({ sub: admin.id, sid: session.id, role: 'IT', mfa: true, mfa_at: Math.floor(Date.now() / 1000) })}`;
// Devices for (b)/(d), then enough for (c) at any plausible rate.
const latencyDevices = Math.max(2_000, Number(values['latency-seconds']) * 500);
const devices = Array.from({ length: total + latencyDevices }, () => ({ id: randomUUID(), token: randomBytes(32).toString('hex') }));
for (let i = 0; i < devices.length; i += 1000) {
  const batch = devices.slice(i, i + 1000);
  await deps.db.device.createMany({ data: batch.map((d) => ({ id: d.id, platform: 'APPLE' as const, ownership: 'CORPORATE' as const, status: 'ENROLLED' as const, enrolledAt: now })) });
  await deps.db.appleEnrollment.createMany({
    data: batch.map((d) => ({
      deviceId: d.id, tokenHash: randomBytes(16).toString('hex'), tokenExpiresAt: now, tokenUsedAt: now, accessRights: 8191,
      profileIdentifier: `org.example.mdm.${d.id}`, type: 'DEVICE' as const, enrollmentId: d.id, udid: d.id, topic, pushMagic: randomUUID(), pushTokenHex: d.token,
    })),
  });
  // A fleet the compliance engine has judged already: otherwise the worker's sweep evaluates every seeded device
  // at start (managed devices never judged), which is the first day of a deployment, not a wipe after a breach.
  await deps.db.deviceCompliance.createMany({
    data: batch.map((d) => ({ deviceId: d.id, platform: 'APPLE' as const, ownership: 'CORPORATE' as const, state: 'COMPLIANT' as const, failingRules: [], unknownRules: [], policyVersion: 1, evaluatedAt: now, stateChangedAt: now })),
  });
}

// Enrolling the fleet recorded a device.status_changed event per device (a trigger); they were published long ago.
await deps.db.$executeRaw`UPDATE "DeviceStatusEvent" SET "publishedAt" = ${now} WHERE "publishedAt" IS NULL`;

// A subscriber to command events, so every accepted wipe also writes its webhook outbox row (no webhook worker runs).
await deps.db.webhookEndpoint.create({ data: { url: sinkUrl, secretSealed: deps.webhooks.secrets.seal('bench-webhook-secret'), eventTypes: ['command.*'] } });

const acceptedAt = new Map<string, number>();
const acceptLatency: number[] = [];
let non2xx = 0;

async function acceptWipe(device: { id: string; token: string }) {
  const t0 = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: `/v1/devices/${device.id}/wipe`,
    headers: { authorization, 'idempotency-key': `bench-${device.id}` },
    payload: { kind: 'full', reason: 'benchmark' },
  });
  const t1 = performance.now();
  const answeredAt = absoluteNow();
  if (response.statusCode !== 202) {
    non2xx += 1;
    if (non2xx <= 3) console.error(`rejected: ${response.statusCode} ${response.body}`);
    return;
  }
  acceptedAt.set(device.token, answeredAt);
  acceptLatency.push(t1 - t0);
}

/** Runs `work(i)` for i in [from, to) from `concurrency` loops; returns the seconds taken. */
async function closedLoop(from: number, to: number, work: (i: number) => Promise<void>) {
  let next = from;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < to) await work(next++);
  }));
  return (performance.now() - started) / 1000;
}

// (a) and (b), alternating slices.
const pool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });
const rawWipe = async (i: number) => {
  const device = devices[i % total]!;
  const commandId = randomUUID();
  const now = new Date();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "Command" ("id", "deviceId", "action", "requestType", "priority", "payload", "status", "reason", "requestedById", "requestedAt", "queuedAt", "updatedAt")
       VALUES ($1, $2, 'WIPE_FULL', 'EraseDevice', 10, '{"PreserveDataPlan": true}', 'CANCELLED', 'baseline', $3, $4, $4, $4)`,
      [commandId, device.id, admin.id, now],
    );
    await client.query(
      `INSERT INTO "AuditEvent" ("at", "actorType", "actorId", "action", "targetType", "targetId", "details") VALUES ($1, 'user', $2, 'command.requested', 'device', $3, $4)`,
      [now, admin.id, device.id, JSON.stringify({ commandId, action: 'WIPE_FULL', requestType: 'EraseDevice', status: 'QUEUED', reason: 'baseline', ownership: 'CORPORATE' })],
    );
    await client.query(
      `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "payload", "status", "createdAt")
       SELECT $1, e."id", $2, 'command.queued', $3, 'DELIVERED', $4 FROM "WebhookEndpoint" e`,
      [randomUUID(), randomUUID(), JSON.stringify({ type: 'command.queued', data: { command: { id: commandId } } }), now],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
};
console.log(`(a)/(b): ${total} raw transactions and ${total} API wipes in ${ROUNDS} alternating slices, ${concurrency} concurrent callers…`);
let rawSeconds = 0;
let apiSeconds = 0;
const slice = Math.ceil(total / ROUNDS);
for (let round = 0; round < ROUNDS; round += 1) {
  const from = round * slice;
  const to = Math.min(total, from + slice);
  rawSeconds += await closedLoop(from, to, rawWipe);
  apiSeconds += await closedLoop(from, to, (i) => acceptWipe(devices[i]!));
}
await pool.end();
const rawRate = total / rawSeconds;
const apiRate = acceptedAt.size / apiSeconds;
const acceptedInB = acceptedAt.size;

// (d) drain the wipes accepted in (b).
console.log(`(d): draining ${acceptedInB} queued wipes…`);
const children: ChildProcess[] = [];
const workerPort = await freePort();
await startProcess(children, 'src/jobs/worker.ts', { ...env, ...(process.env.WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.WORKER_NODE_OPTIONS } : {}), WORKER_METRICS_PORT: String(workerPort) }, `http://127.0.0.1:${workerPort}/healthz`);
const deadline = Date.now() + 10 * 60_000;
while (pushedAt.size < acceptedInB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
// From the first push to the last: the worker process's start-up is not delivery.
const pushTimes = [...pushedAt.values()];
const drainSeconds = (Math.max(...pushTimes) - Math.min(...pushTimes)) / 1000;
const drainRate = pushedAt.size / drainSeconds;
// The worker also owes each wipe's webhook event; (c) starts once it has caught up, so (c) measures its offered
// load rather than the tail of (d)'s backlog.
while (webhooksReceived < acceptedInB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
const webhooksDrainedSeconds = (absoluteNow() - Math.min(...pushTimes)) / 1000;

// (c) accept → push at an offered load of half of (b): requests start on a fixed schedule, whatever answers do.
const offered = values['latency-rate'] ? Number(values['latency-rate']) : apiRate / 2;
const latencyCount = Math.min(latencyDevices, Math.max(100, Math.round(offered * Number(values['latency-seconds']))));
console.log(`(c): ${latencyCount} wipes offered at ${offered.toFixed(0)}/s with workers running…`);
const latencyTokens: string[] = [];
const cStarted = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < latencyCount; i += 1) {
  const due = cStarted + (i * 1000) / offered;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const device = devices[total + i]!;
  latencyTokens.push(device.token);
  inFlight.push(acceptWipe(device));
}
await Promise.all(inFlight);
const expected = acceptedAt.size;
while (pushedAt.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
const acceptToPush = latencyTokens.filter((t) => acceptedAt.has(t) && pushedAt.has(t)).map((t) => pushedAt.get(t)! - acceptedAt.get(t)!);

const lost = [...acceptedAt.keys()].filter((t) => !pushedAt.has(t)).length;
const doubleDispatched = await deps.db.command.count({ where: { action: 'WIPE_FULL', status: { not: 'CANCELLED' }, attempts: { gt: 1 } } });
const a = summarise(acceptLatency);
const l = summarise(acceptToPush);
printTable(`wipes: ${total} accepted in (b), ${concurrency} concurrent callers, pool ${POOL_SIZE}, ${config.WORKER_CONCURRENCY} worker slots per queue`, [
  { measure: '(a) raw pg transaction, same shape (command + audit + outbox), per s', value: rawRate, target: '' },
  { measure: '(b) wipes accepted per s through the API', value: apiRate, target: '' },
  { measure: '(b)/(a)', value: apiRate / rawRate, target: '≥ 0.5' },
  { measure: `(c) accept → push p50 ms at ${offered.toFixed(0)}/s offered`, value: l.p50, target: '' },
  { measure: `(c) accept → push p99 ms at ${offered.toFixed(0)}/s offered`, value: l.p99, target: '< 50' },
  { measure: `(d) ${acceptedInB} queued wipes drained to the APNs double, per s`, value: drainRate, target: `≥ ${(rawRate / 2).toFixed(0)} (0.5 × a)` },
  { measure: '(d)/(a)', value: drainRate / rawRate, target: '≥ 0.5' },
]);
printTable('API accept latency (request → 202) and correctness', [
  { measure: 'accept p50 / p99 ms', value: `${a.p50.toFixed(1)} / ${a.p99.toFixed(1)}` },
  { measure: 'non-2xx answers', value: non2xx },
  { measure: 'wipes accepted', value: acceptedAt.size },
  { measure: 'devices pushed', value: pushedAt.size },
  { measure: 'duplicate pushes', value: duplicatePushes },
  { measure: 'lost pushes (accepted, never pushed)', value: lost },
  { measure: 'commands delivered more than once', value: doubleDispatched },
  { measure: 'webhook events delivered to the sink by the worker', value: webhooksReceived },
  { measure: `(d) webhook events of the ${acceptedInB} wipes delivered, per s (from the first push)`, value: Math.round(acceptedInB / webhooksDrainedSeconds) },
]);

await stopChildren(children);
await app.close();
await closeDeps(deps);
doubles.disconnect();
await database.drop();
const cleanup = (await import('../src/redis.js')).createRedis(config.REDIS_URL);
let cursor = '0';
do {
  const [nextCursor, keys] = await cleanup.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
  if (keys.length) await cleanup.del(...keys);
  cursor = nextCursor;
} while (cursor !== '0');
cleanup.disconnect();
