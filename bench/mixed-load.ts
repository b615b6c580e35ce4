/**
 * A mixed load against one API process, then against two (issue 11: scale-out), on one PostgreSQL and one Redis,
 * with one worker process delivering the wipes to a local APNs double. Four kinds of request run at once, each from
 * its own closed loops spread round-robin over the API processes:
 *   check-in  signed TokenUpdate (PUT /mdm/apple/checkin), devices enrolled for real;
 *   connect   signed Idle connect with nothing queued (PUT /mdm/apple/connect);
 *   report    IT's non-compliant devices report (GET /v1/reports/noncompliant?limit=50);
 *   wipe      IT's selective wipe of a device not wiped before (POST /v1/devices/{id}/wipe).
 * Prints, per kind, requests per second, p50 and p99, and non-2xx answers, for one and for two API processes side
 * by side. Everything (load generator, APIs, worker, PostgreSQL, Redis) shares this machine's cores, so a second API
 * process adds an event loop, not a CPU: read the ratio, not the absolute figures.
 *
 *   npx tsx bench/mixed-load.ts [--seconds 10] [--devices 40] [--loops 8]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { encodePlist } from '../src/mdm/apple/plist.js';
import { createAppleEnrollment } from '../src/use-cases/apple/create-enrollment.js';
import { AppleDeviceSimulator, injectTransport } from '../tools/apple-device-simulator.js';
import { startFakeApns } from '../tools/fake-apns.js';
import { benchDatabase, pushCertificateDir, fastSigner, freePort, printTable, startProcess, stopChildren, summarise } from './lib.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    devices: { type: 'string', default: '40' },
    loops: { type: 'string', default: '8' },
  },
});
const seconds = Number(values.seconds);
const deviceCount = Number(values.devices);
const loops = Number(values.loops);

const topic = 'com.apple.mgmt.External.bench-mixed';
const dir = pushCertificateDir(topic, 'mixed-bench');
const apns = await startFakeApns();
apns.respond = () => ({ status: 200 });
apns.requests = new Proxy([], { get: (target, key) => (key === 'push' ? () => 0 : Reflect.get(target, key)) }); // keep memory flat
writeFileSync(join(dir, 'apns-ca.pem'), apns.caPem);

const database = await benchDatabase();
const prefix = `bench-mixed-${process.pid}`;
const env: Record<string, string> = {
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: prefix,
  JWT_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  APPLE_CA_DIR: join(dir, 'ca'),
  APPLE_PUSH_CERT_PATH: join(dir, 'push.pem'),
  APPLE_PUSH_KEY_PATH: join(dir, 'push.key'),
  APNS_HOST: apns.url,
  APNS_CA_PATH: join(dir, 'apns-ca.pem'),
  PUBLIC_BASE_URL: 'http://127.0.0.1',
  HOST: '127.0.0.1',
  // Production's level: a log line per request would be measured too.
  LOG_LEVEL: 'warn',
};
// In this process: seeding, enrolment (through inject; the API processes share the database and CA directory) and
// signing IT's token.
const deps = await createDeps(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });
await app.ready();

console.log(`enrolling ${deviceCount} simulated iPhones and seeding wipe targets…`);
const it = await deps.db.user.create({ data: { email: 'it@bench.test', name: 'IT', role: 'IT', passwordHash: 'x' } });
const session = await deps.db.session.create({ data: { userId: it.id, mfaAt: new Date() } });
const authorization = `Bearer ${app.jwt.sign({ sub: it.id, sid: session.id, role: 'IT', mfa: true, mfa_at: Math.floor(Date.now() / 1000) })}`;
const signed: { checkin: { body: string; signature: string }; connect: { body: string; signature: string } }[] = [];
for (let i = 0; i < deviceCount; i += 1) {
  const { profileUrl } = await createAppleEnrollment(deps, { userId: it.id, role: 'IT' }, { userId: it.id, ownership: 'CORPORATE' });
  const sim = new AppleDeviceSimulator(injectTransport(app as never));
  await sim.enrol(profileUrl);
  if ((await sim.authenticate()).status !== 200 || (await sim.tokenUpdate()).status !== 200) throw new Error('enrolment failed');
  await sim.runSession(); // the posture queries the first TokenUpdate queued
  const sign = fastSigner(sim.identity!);
  const message = (m: Record<string, unknown>) => {
    const body = encodePlist({ ...m, UDID: sim.udid });
    return { body: body.toString('utf8'), signature: sign(body) };
  };
  signed.push({
    checkin: message({ MessageType: 'TokenUpdate', Topic: topic, Token: sim.pushToken, PushMagic: sim.pushMagic, AwaitingConfiguration: false }),
    connect: message({ Status: 'Idle' }),
  });
}
// Wipe targets: enrolled corporate iPhones with a push token, enough for both runs at any plausible rate.
const wipeTargets = Array.from({ length: 40_000 }, () => randomUUID());
for (let i = 0; i < wipeTargets.length; i += 1000) {
  const batch = wipeTargets.slice(i, i + 1000);
  const now = new Date();
  await deps.db.device.createMany({ data: batch.map((id) => ({ id, platform: 'APPLE' as const, ownership: 'CORPORATE' as const, status: 'ENROLLED' as const, enrolledAt: now })) });
  await deps.db.appleEnrollment.createMany({
    data: batch.map((id) => ({
      deviceId: id, tokenHash: randomBytes(16).toString('hex'), tokenExpiresAt: now, tokenUsedAt: now, accessRights: 8191,
      profileIdentifier: `org.example.mdm.${id}`, type: 'DEVICE' as const, enrollmentId: id, udid: id, topic, pushMagic: randomUUID(), pushTokenHex: randomBytes(32).toString('hex'),
    })),
  });
}
let nextWipe = 0;

async function startApi(children: ChildProcess[]): Promise<string> {
  const port = await freePort();
  await startProcess(children, 'src/api/server.ts', { ...env, PORT: String(port) }, `http://127.0.0.1:${port}/healthz`);
  return `http://127.0.0.1:${port}`;
}

type Kind = 'check-in' | 'connect' | 'report' | 'wipe';
const KINDS: Kind[] = ['check-in', 'connect', 'report', 'wipe'];

function request(kind: Kind, api: string, device: number): [string, RequestInit] {
  const d = signed[device % signed.length]!;
  switch (kind) {
    case 'check-in':
      return [`${api}/mdm/apple/checkin`, { method: 'PUT', headers: { 'content-type': 'application/x-apple-aspen-mdm-checkin', 'mdm-signature': d.checkin.signature }, body: d.checkin.body }];
    case 'connect':
      return [`${api}/mdm/apple/connect`, { method: 'PUT', headers: { 'content-type': 'application/x-apple-aspen-mdm', 'mdm-signature': d.connect.signature }, body: d.connect.body }];
    case 'report':
      return [`${api}/v1/reports/noncompliant?limit=50`, { headers: { authorization } }];
    case 'wipe':
      return [
        `${api}/v1/devices/${wipeTargets[nextWipe++]}/wipe`,
        { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'selective', reason: 'benchmark' }) },
      ];
  }
}

/** `loops` closed loops per kind for `seconds`, each request to the next API in turn. */
async function mixedLoad(apis: string[]) {
  const latencies = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const non2xx = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  let turn = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    KINDS.flatMap((kind) =>
      Array.from({ length: loops }, async (_, loop) => {
        for (let i = loop; performance.now() < until; i += loops) {
          const [url, init] = request(kind, apis[turn++ % apis.length]!, i);
          const t0 = performance.now();
          const response = await fetch(url, init);
          await response.arrayBuffer();
          latencies[kind].push(performance.now() - t0);
          if (response.status >= 300) {
            non2xx[kind] += 1;
            if (non2xx[kind] <= 2) console.error(`${kind}: ${response.status}`);
          }
        }
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const figures = (k: Kind) => ({ rate: latencies[k].length / elapsed, ...summarise(latencies[k]), non2xx: non2xx[k] });
  return Object.fromEntries(KINDS.map((k) => [k, figures(k)])) as Record<Kind, ReturnType<typeof figures>>;
}

const children: ChildProcess[] = [];
try {
  const workerPort = await freePort();
  await startProcess(children, 'src/jobs/worker.ts', { ...env, WORKER_METRICS_PORT: String(workerPort) }, `http://127.0.0.1:${workerPort}/healthz`);
  const first = await startApi(children);
  await mixedLoad([first]); // warm-up: compiled schemas, pools, JIT
  console.log(`one API process: ${KINDS.length} kinds × ${loops} loops for ${seconds}s…`);
  const one = await mixedLoad([first]);
  const second = await startApi(children);
  await mixedLoad([second]);
  console.log(`two API processes: ${KINDS.length} kinds × ${loops} loops for ${seconds}s…`);
  const two = await mixedLoad([first, second]);
  const f = (n: number) => Number(n.toFixed(1));
  printTable(
    `mixed load, ${deviceCount} signed devices, ${loops} closed loops per kind, one worker; one API process beside two`,
    KINDS.map((k) => ({
      kind: k,
      '1 API req/s': f(one[k].rate),
      '1 API p50/p99 ms': `${f(one[k].p50)} / ${f(one[k].p99)}`,
      '2 APIs req/s': f(two[k].rate),
      '2 APIs p50/p99 ms': `${f(two[k].p50)} / ${f(two[k].p99)}`,
      '2/1': f(two[k].rate / one[k].rate),
      non2xx: one[k].non2xx + two[k].non2xx,
    })),
  );
  const total = (r: typeof one) => KINDS.reduce((sum, k) => sum + r[k].rate, 0);
  console.log(`all kinds: ${f(total(one))} req/s on one API process, ${f(total(two))} on two (${f(total(two) / total(one))}×)`);
} finally {
  await stopChildren(children);
  await app.close();
  const keys = await deps.redis.keys(`${prefix}:*`);
  if (keys.length) await deps.redis.del(...keys);
  await closeDeps(deps);
  await apns.close();
  await database.drop();
}
