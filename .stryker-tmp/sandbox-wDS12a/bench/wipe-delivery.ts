/**
 * Wipe delivery end to end: N full-wipe requests accepted through the HTTP API (auth, validation, PostgreSQL row,
 * hash-chained audit event, BullMQ job), then delivered by in-process workers through the real Apple channel
 * (operations.deliver-command → apple.push-device → APNs client over HTTP/2 + TLS with the push certificate) to a
 * local APNs-like server. Prints accept→push latency (API answered → push arrived at the server) and throughput.
 * Everything (load generator, API, workers, PostgreSQL, Redis, fake APNs) shares this machine's cores.
 *
 *   npx tsx bench/wipe-delivery.ts [--commands 10000] [--concurrency 32] [--worker-concurrency 50]
 */
// @ts-nocheck

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type forge from 'node-forge';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { pushDeviceJob } from '../src/jobs/definitions/apple.js';
import { deliverCommandJob } from '../src/jobs/definitions/operations.js';
import type { JobDefinition } from '../src/jobs/job-queue.js';
import { jobRegistry } from '../src/jobs/registry.js';
import { startWorkers } from '../src/jobs/start-workers.js';
import { selfSigned, startFakeApns } from '../tests/support/apple.js';
import { benchDatabase, printTable, summarise } from './lib.js';

const { values } = parseArgs({
  options: { commands: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '32' }, 'worker-concurrency': { type: 'string', default: '50' } },
});
const total = Number(values.commands);
const concurrency = Number(values.concurrency);

const topic = 'com.apple.mgmt.External.bench-wipe';
const dir = mkdtempSync(join(tmpdir(), 'wipe-bench-'));
const push = selfSigned([{ type: '0.9.2342.19200300.100.1.1', value: topic } as forge.pki.CertificateField, { name: 'commonName', value: `APSP:${topic}` }]);
writeFileSync(join(dir, 'push.pem'), push.certPem);
writeFileSync(join(dir, 'push.key'), push.keyPem);

const pushedAt = new Map<string, number>();
let duplicatePushes = 0;
const apns = await startFakeApns();
apns.respond = (request) => {
  const token = request.path.split('/').at(-1)!;
  if (pushedAt.has(token)) duplicatePushes += 1;
  else pushedAt.set(token, performance.now());
  return { status: 200 };
};
apns.requests = new Proxy([], { get: (target, key) => (key === 'push' ? () => 0 : Reflect.get(target, key)) }); // keep memory flat
writeFileSync(join(dir, 'apns-ca.pem'), apns.caPem);

const database = await benchDatabase();
const prefix = `bench-wipe-${process.pid}`;
const config = loadConfig({
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: prefix,
  JWT_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  LOG_LEVEL: 'silent',
  APPLE_CA_DIR: join(dir, 'ca'),
  APPLE_PUSH_CERT_PATH: join(dir, 'push.pem'),
  APPLE_PUSH_KEY_PATH: join(dir, 'push.key'),
  APNS_HOST: apns.url,
  APNS_CA_PATH: join(dir, 'apns-ca.pem'),
  WORKER_CONCURRENCY: String(values['worker-concurrency']),
  PUBLIC_BASE_URL: 'http://127.0.0.1',
});
const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });
await app.ready();

console.log(`setting up ${total} enrolled corporate iPhones…`);
const now = new Date();
const admin = await deps.db.user.create({ data: { email: 'it@bench.test', name: 'IT', role: 'IT', passwordHash: 'x' } });
const session = await deps.db.session.create({ data: { userId: admin.id, mfaAt: now } });
const authorization = `Bearer ${app.jwt.sign({ sub: admin.id, sid: session.id, role: 'IT', mfa: true, mfa_at: Math.floor(Date.now() / 1000) })}`;
const devices = Array.from({ length: total }, () => ({ id: randomUUID(), token: randomBytes(32).toString('hex') }));
const tokenOf = new Map(devices.map((d) => [d.id, d.token]));
for (let i = 0; i < total; i += 1000) {
  const batch = devices.slice(i, i + 1000);
  await deps.db.device.createMany({ data: batch.map((d) => ({ id: d.id, platform: 'APPLE' as const, ownership: 'CORPORATE' as const, status: 'ENROLLED' as const, enrolledAt: now })) });
  await deps.db.appleEnrollment.createMany({
    data: batch.map((d) => ({
      deviceId: d.id, tokenHash: randomBytes(16).toString('hex'), tokenExpiresAt: now, tokenUsedAt: now, accessRights: 8191,
      profileIdentifier: `org.example.mdm.${d.id}`, type: 'DEVICE' as const, enrollmentId: d.id, udid: d.id, topic, pushMagic: randomUUID(), pushTokenHex: d.token,
    })),
  });
}

const workers = await startWorkers(deps, jobRegistry([deliverCommandJob, pushDeviceJob] as unknown as JobDefinition[]));
const acceptedAt = new Map<string, number>();
const acceptLatency: number[] = [];
let rejected = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const device = devices[next++]!;
      const t0 = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/v1/devices/${device.id}/wipe`,
        headers: { authorization, 'idempotency-key': `bench-${device.id}` },
        payload: { kind: 'full', reason: 'benchmark' },
      });
      const t1 = performance.now();
      if (response.statusCode !== 202) {
        rejected += 1;
        if (rejected <= 3) console.error(`rejected: ${response.statusCode} ${response.body}`);
        continue;
      }
      acceptedAt.set(tokenOf.get(device.id)!, t1);
      acceptLatency.push(t1 - t0);
    }
  }),
);
const acceptDone = performance.now();
console.log(`accepted ${acceptedAt.size} in ${((acceptDone - started) / 1000).toFixed(1)} s; waiting for pushes…`);

const deadline = Date.now() + 10 * 60_000;
while (pushedAt.size < acceptedAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const lastPush = Math.max(...pushedAt.values());

const acceptToPush = [...acceptedAt].filter(([token]) => pushedAt.has(token)).map(([token, t]) => pushedAt.get(token)! - t);
const dispatched = await deps.db.command.count({ where: { dispatchedAt: { not: null } } });
const doubleDispatched = await deps.db.command.count({ where: { attempts: { gt: 1 } } });
const a = summarise(acceptLatency);
const l = summarise(acceptToPush);
printTable(`wipe delivery, ${total} full wipes, ${concurrency} concurrent API callers, ${config.WORKER_CONCURRENCY} worker slots per queue`, [
  { measure: 'API accept (request → 202), ms', p50: a.p50, p95: a.p95, p99: a.p99, max: a.max },
  { measure: 'accept → push at APNs server, ms', p50: l.p50, p95: l.p95, p99: l.p99, max: l.max },
]);
printTable('throughput and correctness', [
  { measure: 'accepted per second', value: acceptedAt.size / ((acceptDone - started) / 1000) },
  { measure: 'pushed per second (first request → last push)', value: pushedAt.size / ((lastPush - started) / 1000) },
  { measure: 'commands accepted', value: acceptedAt.size },
  { measure: 'requests rejected', value: rejected },
  { measure: 'devices pushed', value: pushedAt.size },
  { measure: 'duplicate pushes', value: duplicatePushes },
  { measure: 'commands dispatched (PostgreSQL)', value: dispatched },
  { measure: 'commands delivered more than once', value: doubleDispatched },
]);

await workers.close();
await app.close();
await closeDeps(deps);
await apns.close();
await database.drop();
const cleanup = (await import('../src/redis.js')).createRedis(config.REDIS_URL);
let cursor = '0';
do {
  const [nextCursor, keys] = await cleanup.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
  if (keys.length) await cleanup.del(...keys);
  cursor = nextCursor;
} while (cursor !== '0');
cleanup.disconnect();
