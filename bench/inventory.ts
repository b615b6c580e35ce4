import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { encodeInventoryCursor } from '../src/domain/devices/inventory-query.js';
import { benchDatabase, printTable, summarise } from './lib.js';

/**
 * The device inventory at fleet scale: 50,000 people (2,500 managers) and 100,000 devices with compliance, seeded
 * with set-based SQL, timed through the whole HTTP stack with app.inject. Targets: GET /v1/devices p95 < 50 ms for
 * common filters and a search, first and deep pages; a bulk dry run over the whole fleet < 1 s; a bulk action over
 * 10,000 devices queued < 5 s. Baseline for the ratio column: GET /healthz through the same stack in the same run.
 */
const USERS = 50_000;
const MANAGERS = 2_500;
const DEVICES = 100_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

const database = await benchDatabase();
const client = new pg.Client({ connectionString: database.url });
await client.connect();

const seedStarted = performance.now();
await client.query(`
  INSERT INTO "User" (id, email, name, role, "managerId", "passwordHash", "updatedAt")
  SELECT md5('manager' || i)::uuid, 'manager' || i || '@bench.test', 'Manager ' || i, 'MANAGER', NULL, 'x', now()
  FROM generate_series(1, ${MANAGERS}) AS i`);
await client.query(`
  INSERT INTO "User" (id, email, name, role, "managerId", "passwordHash", "updatedAt")
  SELECT md5('staff' || i)::uuid, 'staff' || i || '@bench.test', 'Staff Person ' || i, 'STAFF', md5('manager' || (1 + i % ${MANAGERS}))::uuid, 'x', now()
  FROM generate_series(1, ${USERS - MANAGERS - 1}) AS i`);
await client.query(`INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES (md5('it')::uuid, 'it@bench.test', 'IT', 'IT', 'x', now())`);
await client.query(`
  INSERT INTO "Device" (id, "userId", platform, ownership, status, "serialNumber", "displayName", model, "osVersion", "enrolledAt", "lastSeenAt", "updatedAt")
  SELECT md5('device' || i)::uuid, md5('staff' || (1 + i % ${USERS - MANAGERS - 1}))::uuid,
         (CASE WHEN i % 2 = 0 THEN 'APPLE' ELSE 'ANDROID' END)::"Platform",
         (CASE WHEN i % 3 = 0 THEN 'PERSONAL' ELSE 'CORPORATE' END)::"Ownership",
         (CASE WHEN i % 50 = 0 THEN 'UNENROLLED' ELSE 'ENROLLED' END)::"DeviceStatus",
         'SN' || lpad(i::text, 8, '0'), 'Device ' || i, CASE WHEN i % 2 = 0 THEN (CASE WHEN i % 8 = 0 THEN 'iPad Pro' ELSE 'iPhone' END) ELSE 'Pixel 8' END,
         CASE WHEN i % 2 = 0 THEN (16 + i % 3) || '.' || (i % 6) ELSE (12 + i % 4)::text END,
         now() - (i % 365) * interval '1 day', CASE WHEN i % 97 = 0 THEN NULL ELSE now() - (i % 10000) * interval '1 minute' END, now()
  FROM generate_series(1, ${DEVICES}) AS i`);
await client.query(`
  WITH d AS (SELECT id, "userId", platform, ownership, abs(hashtext(id::text)) % 100 AS r FROM "Device")
  INSERT INTO "DeviceCompliance" ("deviceId", "userId", platform, ownership, state, "failingRules", "unknownRules", "policyVersion", "evaluatedAt", "stateChangedAt", blocked)
  SELECT id, "userId", platform, ownership,
         (CASE WHEN r < 70 THEN 'COMPLIANT' WHEN r < 80 THEN 'IN_GRACE' WHEN r < 92 THEN 'NONCOMPLIANT' ELSE 'UNKNOWN' END)::"ComplianceState",
         CASE WHEN r NOT BETWEEN 70 AND 91 THEN ARRAY[]::text[] WHEN r % 3 = 0 THEN ARRAY['mfa'] WHEN r % 3 = 1 THEN ARRAY['os_version'] ELSE ARRAY['encryption', 'passcode'] END,
         ARRAY[]::text[], 1, now(), now(), r BETWEEN 88 AND 91
  FROM d`);
await client.query('VACUUM ANALYZE');
const seedMs = performance.now() - seedStarted;

const config = loadConfig({
  ...process.env,
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `bench:${randomUUID()}`,
  JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256!!',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  LOG_LEVEL: 'silent',
  BULK_ACTION_APPROVAL_THRESHOLD: '1000000',
  BULK_ACTION_HOURLY_DEVICE_CAP: '1000000',
});
const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });
await app.ready();

async function tokenFor(userId: string, role: 'MANAGER' | 'IT') {
  const sessionId = randomUUID();
  await client.query(`INSERT INTO "Session" (id, "userId") VALUES ($1, $2)`, [sessionId, userId]);
  const now = Math.floor(Date.now() / 1000);
  return `Bearer ${app.jwt.sign({ sub: userId, sid: sessionId, role, mfa: true, mfa_at: now })}`;
}
const { rows: managers } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'MANAGER' ORDER BY random() LIMIT 50`);
const managerTokens: string[] = [];
for (const m of managers) managerTokens.push(await tokenFor(m.id, 'MANAGER'));
const itToken = await tokenFor((await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'IT'`)).rows[0]!.id, 'IT');

async function time(label: string, runs: number, request: (i: number) => { url: string; authorization?: string }) {
  const samples: number[] = [];
  let rows = 0;
  for (let i = -5; i < runs; i++) {
    const { url, authorization } = request(Math.max(i, 0));
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
    if (i >= 0) samples.push(elapsed); // the first five warm caches and plans
    if (i === 0) rows = response.json().items?.length ?? 0;
  }
  return { label, ...summarise(samples), rows };
}

// Deep pages: cursors taken from the middle and near the end of each order, as a client walking far would hold.
const { rows: [mid] } = await client.query<{ id: string; at: string }>(`SELECT id, to_char("lastSeenAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at FROM "Device" WHERE "lastSeenAt" IS NOT NULL ORDER BY "lastSeenAt" DESC, id DESC OFFSET 60000 LIMIT 1`);
const deepLastSeen = encodeInventoryCursor({ sort: 'lastSeenAt', direction: 'desc', value: mid!.at, id: mid!.id });
const { rows: [named] } = await client.query<{ id: string; name: string }>(`SELECT id, "displayName" AS name FROM "Device" ORDER BY "displayName", id OFFSET 90000 LIMIT 1`);
const deepName = encodeInventoryCursor({ sort: 'name', direction: 'asc', value: named!.name, id: named!.id });

const manager = (i: number) => managerTokens[i % managerTokens.length]!;
const baseline = await time('baseline GET /healthz', RUNS, () => ({ url: '/healthz' }));
const results = [
  await time('IT first page (last seen)', RUNS, () => ({ url: '/v1/devices', authorization: itToken })),
  await time('IT deep page (last seen, 60k in)', RUNS, () => ({ url: `/v1/devices?cursor=${deepLastSeen}`, authorization: itToken })),
  await time('IT deep page (name, 90k in)', RUNS, () => ({ url: `/v1/devices?sort=name&direction=asc&cursor=${deepName}`, authorization: itToken })),
  await time('IT platform=APPLE&complianceState=NONCOMPLIANT', RUNS, () => ({ url: '/v1/devices?platform=APPLE&complianceState=NONCOMPLIANT', authorization: itToken })),
  await time('IT failingRule=mfa&ownership=PERSONAL', RUNS, () => ({ url: '/v1/devices?failingRule=mfa&ownership=PERSONAL', authorization: itToken })),
  await time('IT blocked=true sort=state', RUNS, () => ({ url: '/v1/devices?blocked=true&sort=state', authorization: itToken })),
  await time('IT osVersionBelow=17&platform=APPLE', RUNS, () => ({ url: '/v1/devices?osVersionBelow=17&platform=APPLE', authorization: itToken })),
  await time('IT search serial q=SN0004242', RUNS, (i) => ({ url: `/v1/devices?q=SN000${4000 + i}`, authorization: itToken })),
  await time("IT search user's name q=Person 4242", RUNS, (i) => ({ url: `/v1/devices?q=Person%20${4200 + i}`, authorization: itToken })),
  await time('manager first page (team)', RUNS, (i) => ({ url: '/v1/devices', authorization: manager(i) })),
  await time('manager search q=Staff Person', RUNS, (i) => ({ url: '/v1/devices?q=Staff%20Person', authorization: manager(i) })),
];
printTable(
  `GET /v1/devices through app.inject, ms (target p95 < 50); ratio = p95 / baseline p95 (${baseline.p95.toFixed(2)} ms)`,
  results.map((r) => ({ ...r, 'p95/baseline': r.p95 / baseline.p95 })),
);

async function post(payload: object) {
  const started = performance.now();
  const response = await app.inject({ method: 'POST', url: '/v1/device-actions', headers: { authorization: itToken }, payload });
  const elapsed = performance.now() - started;
  if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
  return { elapsed, body: response.json() as { total: number; eligible: number } };
}
const dryRuns: number[] = [];
let fleet = { total: 0, eligible: 0 };
for (let i = 0; i < 5; i++) {
  const run = await post({ action: 'LOCK', reason: 'bench dry run', filter: {}, dryRun: true });
  dryRuns.push(run.elapsed);
  fleet = run.body;
}
const { rows: tenThousand } = await client.query<{ id: string }>(`SELECT id FROM "Device" WHERE status = 'ENROLLED' ORDER BY id LIMIT 10000`);
const queued = await post({ action: 'LOCK', reason: 'bench bulk lock', deviceIds: tenThousand.map((d) => d.id) });
const byFilter = await post({ action: 'REEVALUATE', reason: 'bench bulk by filter', filter: { platform: 'APPLE', ownership: 'CORPORATE' } });
printTable('bulk actions, ms (targets: fleet dry run < 1000, 10,000-device bulk queued < 5000)', [
  { label: `dry run LOCK over the whole fleet (${fleet.total} devices, ${fleet.eligible} eligible)`, ...summarise(dryRuns) },
  { label: 'bulk LOCK of 10,000 ids accepted and queued', ...summarise([queued.elapsed]) },
  { label: `bulk REEVALUATE by filter (${byFilter.body.eligible} devices) queued`, ...summarise([byFilter.elapsed]) },
]);
console.log(`seeded ${USERS.toLocaleString()} users and ${DEVICES.toLocaleString()} devices in ${(seedMs / 1000).toFixed(1)} s`);

await app.close();
await closeDeps(deps);
await client.end();
await database.drop();
