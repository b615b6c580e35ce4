/**
 * Signed Apple device requests against a raw `pg` baseline of the old per-request writes, in one run.
 *
 * Devices are enrolled for real (profile, identity from our CA, Authenticate, TokenUpdate); then autocannon replays
 * signed requests (Mdm-Signature: SHA-1 CMS like real devices) over HTTP: CMS verify, CA check, one read of
 * certificate + enrolment (+ next command), plist decode, binding check, and whatever the request must write.
 *   (e) Idle connect with nothing queued, against the old write of every connect (last-seen of enrolment and
 *       device, one transaction);
 *   (f) repeated TokenUpdate, against the old write of every TokenUpdate (token fields + last-seen, one transaction);
 *   (g) connect acknowledging a command and receiving the next, against the old writes of that request (last-seen
 *       transaction, result update, audit insert without the old chain lock, claim of the next command).
 * The baselines run the same statements straight through a pg.Pool of the API's pool size at the same concurrency:
 * no HTTP, no signature, no parsing, so a ratio ≥ 1 means the whole request costs less than the old writes alone.
 *
 *   npx tsx bench/apple-checkin.ts [--devices 40] [--seconds 4] [--connections 20] [--acks 60]
 * (e) and (f) run as 3 slices of --seconds each, alternating with their baseline.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import forge from 'node-forge';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { encodePlist } from '../src/mdm/apple/plist.js';
import { newRsaKeyPem } from '../src/mdm/apple/pki.js';
import { createAppleEnrollment } from '../src/use-cases/apple/create-enrollment.js';
import { AppleDeviceSimulator, injectTransport } from '../tools/apple-device-simulator.js';
import { benchDatabase, fastSigner, printTable } from './lib.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '20' },
    acks: { type: 'string', default: '60' },
  },
});
const deviceCount = Number(values.devices);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const acksPerDevice = Number(values.acks);
if (deviceCount < connections) throw new Error('--devices must be at least --connections');
const POOL_SIZE = 10; // the API's pool (createPrisma default)
const ROUNDS = 3;

const topic = 'com.apple.mgmt.External.bench';
const dir = mkdtempSync(join(tmpdir(), 'apple-bench-'));
const pushKey = newRsaKeyPem();
const key = forge.pki.privateKeyFromPem(pushKey);
const pushCert = forge.pki.createCertificate();
pushCert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
pushCert.serialNumber = '01';
pushCert.validity.notBefore = new Date(Date.now() - 86_400_000);
pushCert.validity.notAfter = new Date(Date.now() + 86_400_000);
pushCert.setSubject([{ type: '0.9.2342.19200300.100.1.1', value: topic } as forge.pki.CertificateField]);
pushCert.setIssuer(pushCert.subject.attributes);
pushCert.sign(key, forge.md.sha256.create());
writeFileSync(join(dir, 'push.pem'), forge.pki.certificateToPem(pushCert));
writeFileSync(join(dir, 'push.key'), pushKey);

const database = await benchDatabase();
const config = loadConfig({
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `bench-apple-${process.pid}`,
  JWT_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  LOG_LEVEL: 'silent',
  APPLE_CA_DIR: join(dir, 'ca'),
  APPLE_PUSH_CERT_PATH: join(dir, 'push.pem'),
  APPLE_PUSH_KEY_PATH: join(dir, 'push.key'),
  PUBLIC_BASE_URL: 'http://127.0.0.1',
});
const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });
await app.ready();
const pool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });

interface BenchDevice {
  sim: AppleDeviceSimulator;
  enrollmentRowId: string;
  deviceId: string;
  sign: (body: Buffer) => string;
}

try {
  const owner = await deps.db.user.create({ data: { email: 'bench@example.test', name: 'bench', role: 'IT', passwordHash: 'x' } });
  console.log(`enrolling ${deviceCount} simulated iPhones…`);
  const devices: BenchDevice[] = [];
  for (let i = 0; i < deviceCount; i += 1) {
    const { profileUrl, deviceId } = await createAppleEnrollment(deps, { userId: owner.id, role: 'IT' }, { userId: owner.id, ownership: 'CORPORATE' });
    const sim = new AppleDeviceSimulator(injectTransport(app as never));
    await sim.enrol(profileUrl);
    if ((await sim.authenticate()).status !== 200 || (await sim.tokenUpdate()).status !== 200) throw new Error('enrolment failed');
    await sim.runSession(); // the posture queries the first TokenUpdate queued
    const row = await deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId }, select: { id: true } });
    devices.push({ sim, deviceId, enrollmentRowId: row.id, sign: fastSigner(sim.identity!) });
  }
  const signedRequest = (device: BenchDevice, path: string, contentType: string, message: Record<string, unknown>) => {
    const body = encodePlist({ ...message, UDID: device.sim.udid });
    return { method: 'PUT' as const, path, headers: { 'content-type': contentType, 'mdm-signature': device.sign(body) }, body: body.toString('utf8') };
  };
  const idle = devices.map((d) => signedRequest(d, '/mdm/apple/connect', 'application/x-apple-aspen-mdm', { Status: 'Idle' }));
  const tokenUpdate = devices.map((d) =>
    signedRequest(d, '/mdm/apple/checkin', 'application/x-apple-aspen-mdm-checkin', { MessageType: 'TokenUpdate', Topic: topic, Token: d.sim.pushToken, PushMagic: d.sim.pushMagic, AwaitingConfiguration: false }),
  );

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // Each connection walks the devices from its own random offset.
  const cycle = (requests: ReturnType<typeof signedRequest>[]) =>
    autocannon({
      url: address,
      connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (req, context) => {
            const state = context as { next?: number };
            state.next = ((state.next ?? Math.floor(Math.random() * requests.length)) + 1) % requests.length;
            return { ...req, ...requests[state.next]! };
          },
        },
      ],
    });

  /** Runs `body(i)` from `connections` loops for `seconds` (or `total` calls); returns calls per second. */
  async function baseline(body: (i: number) => Promise<void>, options: { total?: number } = {}) {
    let calls = 0;
    let next = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async (_, loop) => {
        for (;;) {
          if (options.total !== undefined ? next >= options.total : performance.now() >= until) return;
          await body(options.total !== undefined ? next++ : loop + connections * calls);
          calls += 1;
        }
      }),
    );
    return calls / ((performance.now() - started) / 1000);
  }
  async function transaction(statements: [string, unknown[]][]) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const [sql, params] of statements) await client.query(sql, params);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
  const lastSeenWrite = (d: BenchDevice, now: Date): [string, unknown[]][] => [
    ['UPDATE "AppleEnrollment" SET "lastSeenAt" = $1, "updatedAt" = $1 WHERE "id" = $2', [now, d.enrollmentRowId]],
    ['UPDATE "Device" SET "lastSeenAt" = $1, "updatedAt" = $1 WHERE "id" = $2', [now, d.deviceId]],
  ];

  /**
   * The machine is shared and its load drifts: measure in alternating slices (API, baseline, API, ...) and sum, so
   * both sides see the same conditions.
   */
  async function interleaved(requests: ReturnType<typeof signedRequest>[], base: (i: number) => Promise<void>) {
    const api = { requests: 0, seconds: 0, non2xx: 0, errors: 0, p50: [] as number[], p99: [] as number[] };
    let baseCalls = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const result = await cycle(requests);
      api.requests += result.requests.total;
      api.seconds += result.duration;
      api.non2xx += result.non2xx;
      api.errors += result.errors + result.timeouts;
      api.p50.push(result.latency.p50);
      api.p99.push(result.latency.p99);
      baseCalls += (await baseline(base)) * seconds;
    }
    return { rate: api.requests / api.seconds, base: baseCalls / (ROUNDS * seconds), ...api, p50: Math.max(...api.p50), p99: Math.max(...api.p99) };
  }

  // (e) Idle connect, nothing queued.
  const idleRun = await interleaved(idle, (i) => transaction(lastSeenWrite(devices[i % devices.length]!, new Date())));

  // (f) repeated TokenUpdate.
  const tokenRun = await interleaved(tokenUpdate, (i) => {
    const d = devices[i % devices.length]!;
    const now = new Date();
    return transaction([
      [
        'UPDATE "AppleEnrollment" SET "topic" = $1, "pushTokenHex" = $2, "pushMagic" = $3, "pushTokenInvalidAt" = NULL, "awaitingConfiguration" = false, "tokenUpdatedAt" = $4, "lastSeenAt" = $4, "updatedAt" = $4 WHERE "id" = $5',
        [topic, d.sim.pushToken.toString('hex'), d.sim.pushMagic, now, d.enrollmentRowId],
      ],
      ['UPDATE "Device" SET "lastSeenAt" = $1, "updatedAt" = $1 WHERE "id" = $2', [now, d.deviceId]],
    ]);
  });

  // (g) acknowledge a command and receive the next: each connection drives its own device through a queue of
  // DeviceLock commands (ids known in advance, so every body is signed before the run).
  const queueFor = async (d: BenchDevice, count: number, status: 'QUEUED' | 'ACKNOWLEDGED') => {
    const t0 = Date.now();
    const rows = Array.from({ length: count }, (_, k) => ({
      id: randomUUID(), deviceId: d.deviceId, requestType: 'DeviceLock', payload: {}, status, priority: 5, requestedAt: new Date(t0 + k), queuedAt: new Date(t0 + k),
    }));
    await deps.db.command.createMany({ data: rows });
    return rows.map((r) => r.id);
  };
  const drivers = devices.slice(0, connections);
  const ackRequests: ReturnType<typeof signedRequest>[][] = [];
  for (const d of drivers) {
    const ids = await queueFor(d, acksPerDevice + 1, 'QUEUED');
    ackRequests.push([
      idle[devices.indexOf(d)]!, // first request of the session: Idle, receives command 0
      ...ids.slice(0, -1).map((id) => signedRequest(d, '/mdm/apple/connect', 'application/x-apple-aspen-mdm', { Status: 'Acknowledged', CommandUUID: id })),
    ]);
  }
  let handedOut = 0;
  let connection = 0;
  // autocannon resets a connection's context after each pass over `requests`: one pass is one device's session.
  const ackRun = await autocannon({
    url: address,
    connections,
    amount: connections * (acksPerDevice + 1),
    requests: Array.from({ length: acksPerDevice + 1 }, (_, step) => ({
      setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
        if (step === 0) context.driver = connection++;
        const session = ackRequests[context.driver as number];
        return { ...req, ...(session ? session[step]! : idle[0]!) }; // a connection that starts a second pass idles
      },
      onResponse: (_status: number, body: string) => {
        if (body.length > 0) handedOut += 1;
      },
    })) as unknown as autocannon.Request[],
  });
  const acknowledged = await deps.db.command.count({ where: { requestType: 'DeviceLock', status: 'ACKNOWLEDGED' } });
  // Baseline commands: a queue per driver, each iteration acknowledges command k and claims k + 1.
  const baseQueues = await Promise.all(drivers.map((d) => queueFor(d, acksPerDevice + 1, 'ACKNOWLEDGED')));
  const step = new Array<number>(drivers.length).fill(0);
  const ackBase = await baseline(
    async (i) => {
      const slot = i % drivers.length;
      const d = drivers[slot]!;
      const k = step[slot]!++;
      const ids = baseQueues[slot]!;
      const now = new Date();
      await transaction(lastSeenWrite(d, now));
      await pool.query(`UPDATE "Command" SET "status" = 'ACKNOWLEDGED', "acknowledgedAt" = $1, "result" = '{}', "updatedAt" = $1 WHERE "id" = $2 AND "status" IN ('SENT', 'ACKNOWLEDGED')`, [now, ids[k]]);
      await pool.query(
        `INSERT INTO "AuditEvent" ("at", "actorType", "actorId", "action", "targetType", "targetId", "details") VALUES ($1, 'device', $2, 'device.command.acknowledged', 'device', $3, $4)`,
        [now, d.sim.udid, d.deviceId, JSON.stringify({ commandId: ids[k], requestType: 'DeviceLock', status: 'Acknowledged' })],
      );
      await pool.query(`UPDATE "Command" SET "status" = 'SENT', "sentAt" = $1, "attempts" = "attempts" + 1, "updatedAt" = $1 WHERE "id" = $2`, [now, ids[k + 1]]);
    },
    { total: drivers.length * acksPerDevice },
  );

  const row = (name: string, run: { rate: number; base: number; p50: number; p99: number; non2xx: number; errors: number }) => ({
    request: name,
    'req/s': run.rate,
    'baseline/s': run.base,
    ratio: run.rate / run.base,
    'p50 ms': run.p50,
    'p99 ms': run.p99,
    non2xx: run.non2xx,
    errors: run.errors,
  });
  const ackRate = ackRun.requests.total / ackRun.duration;
  printTable(`Apple device requests, ${deviceCount} devices, ${connections} connections, ${ROUNDS} × ${seconds}s slices alternating with the baseline (raw pg, pool ${POOL_SIZE}, same concurrency)`, [
    row('(e) signed Idle connect, nothing queued', idleRun),
    row('(f) signed repeated TokenUpdate', tokenRun),
    row('(g) signed connect: acknowledge + receive next', { rate: ackRate, base: ackBase, p50: ackRun.latency.p50, p99: ackRun.latency.p99, non2xx: ackRun.non2xx, errors: ackRun.errors + ackRun.timeouts }),
  ]);
  console.log(`(g) commands handed out: ${handedOut}, acknowledged: ${acknowledged} of ${drivers.length * acksPerDevice} acknowledgements sent`);
} finally {
  await app.close();
  await pool.end();
  const keys = await deps.redis.keys(`${config.REDIS_PREFIX}:*`);
  if (keys.length) await deps.redis.del(...keys);
  await closeDeps(deps);
  await database.drop();
}
