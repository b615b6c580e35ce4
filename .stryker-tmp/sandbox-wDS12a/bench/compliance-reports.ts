// @ts-nocheck
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { benchDatabase, printTable, summarise } from './lib.js';

/**
 * Compliance reports at fleet scale: 50,000 people (2,500 managers with teams of about 19) and 100,000 devices,
 * seeded with set-based SQL (generate_series), then timed through the whole HTTP stack (auth, use case, SQL,
 * serialisation) with app.inject. Targets: manager non-compliant list p95 < 50 ms, summary < 200 ms.
 */
const USERS = 50_000;
const MANAGERS = 2_500;
const DEVICES = 100_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const database = await benchDatabase();
const client = new pg.Client({ connectionString: database.url });
await client.connect();

const seedStarted = performance.now();
await client.query(`
  INSERT INTO "User" (id, email, name, role, "managerId", "passwordHash", "updatedAt")
  SELECT md5('manager' || i)::uuid, 'manager' || i || '@bench.test', 'Manager ' || i, 'MANAGER', NULL, 'x', now()
  FROM generate_series(1, ${MANAGERS}) AS i`);
await client.query(`
  INSERT INTO "User" (id, email, name, role, "managerId", "passwordHash", "updatedAt", "mfaEnrolledAt")
  SELECT md5('staff' || i)::uuid, 'staff' || i || '@bench.test', 'Staff ' || i, 'STAFF',
         md5('manager' || (1 + i % ${MANAGERS}))::uuid, 'x', now(), CASE WHEN i % 10 = 0 THEN NULL ELSE now() END
  FROM generate_series(1, ${USERS - MANAGERS - 1}) AS i`);
await client.query(`INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES (md5('it')::uuid, 'it@bench.test', 'IT', 'IT', 'x', now())`);
await client.query(`
  INSERT INTO "Device" (id, "userId", platform, ownership, status, "serialNumber", model, "osVersion", "enrolledAt", "updatedAt")
  SELECT md5('device' || i)::uuid, md5('staff' || (1 + i % ${USERS - MANAGERS - 1}))::uuid,
         (CASE WHEN i % 2 = 0 THEN 'APPLE' ELSE 'ANDROID' END)::"Platform",
         (CASE WHEN i % 3 = 0 THEN 'PERSONAL' ELSE 'CORPORATE' END)::"Ownership",
         'ENROLLED', 'SN' || i, CASE WHEN i % 2 = 0 THEN 'iPhone15,2' ELSE 'Pixel 8' END,
         CASE WHEN i % 2 = 0 THEN '17.5' ELSE '14' END, now(), now()
  FROM generate_series(1, ${DEVICES}) AS i`);
await client.query(`
  INSERT INTO "DevicePosture" ("deviceId", encrypted, "passcodePresent", "osVersion", "osBuild", "lastCheckInAt", "reportedAt", "updatedAt")
  SELECT id, true, true, "osVersion", 'B' || substr(id::text, 1, 6), now(), now(), now() FROM "Device"`);
// About 70% compliant, 10% in grace, 12% non-compliant, 8% unknown; rule results shaped like the engine's.
await client.query(`
  WITH d AS (
    SELECT id, "userId", platform, ownership, abs(hashtext(id::text)) % 100 AS r FROM "Device"
  ), s AS (
    SELECT d.*,
      (CASE WHEN r < 70 THEN 'COMPLIANT' WHEN r < 80 THEN 'IN_GRACE' WHEN r < 92 THEN 'NONCOMPLIANT' ELSE 'UNKNOWN' END)::"ComplianceState" AS state,
      CASE WHEN r NOT BETWEEN 70 AND 91 THEN ARRAY[]::text[]
           WHEN r % 6 = 0 THEN ARRAY['passcode_length'] WHEN r % 6 = 1 THEN ARRAY['os_version'] WHEN r % 6 = 2 THEN ARRAY['encryption', 'passcode']
           WHEN r % 6 = 3 THEN ARRAY['patch_age'] WHEN r % 6 = 4 THEN ARRAY['mfa'] ELSE ARRAY['auto_lock', 'check_in'] END AS failing
    FROM d
  )
  INSERT INTO "DeviceCompliance" ("deviceId", "userId", platform, ownership, state, "graceDeadline", "episodeStartedAt", "failingRules",
                                  "unknownRules", "policyVersion", "evaluatedAt", "stateChangedAt")
  SELECT id, "userId", platform, ownership, state,
         CASE WHEN state = 'IN_GRACE' THEN now() + (r % 72) * interval '1 hour' WHEN state = 'NONCOMPLIANT' THEN now() - (r % 200) * interval '1 hour' END,
         CASE WHEN state IN ('IN_GRACE', 'NONCOMPLIANT') THEN now() - interval '3 days' END,
         failing, CASE WHEN state = 'UNKNOWN' THEN ARRAY['check_in'] ELSE ARRAY[]::text[] END, 1, now(), now()
  FROM s`);
await client.query(`
  INSERT INTO "DeviceComplianceResult" ("deviceId", results)
  SELECT "deviceId",
         (SELECT jsonb_agg(jsonb_build_object('rule', rule, 'status', CASE WHEN rule = ANY("failingRules") THEN 'fail' ELSE 'pass' END,
                 'expected', 'expected value for ' || rule, 'actual', 'observed value',
                 'remediation', CASE WHEN rule = ANY("failingRules") THEN 'Open Settings and change the setting named in this rule so that it meets the policy.' END))
          FROM unnest(ARRAY['encryption','passcode','passcode_length','auto_lock','os_version','patch_age','integrity','check_in','mfa']) AS rule)
  FROM "DeviceCompliance"`);
await client.query('VACUUM ANALYZE');
const seedMs = performance.now() - seedStarted;
const { rows: [sizes] } = await client.query<{ compliance: string; devices: string }>(
  `SELECT pg_size_pretty(pg_total_relation_size('"DeviceCompliance"')) AS compliance, pg_size_pretty(pg_total_relation_size('"Device"')) AS devices`,
);

// The API as it runs in production, on the seeded database; tokens signed for sessions created here.
const config = loadConfig({
  ...process.env,
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `bench:${randomUUID()}`,
  JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256!!',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  LOG_LEVEL: 'silent',
});
const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });
await app.ready();

async function tokenFor(userId: string, role: 'MANAGER' | 'IT') {
  const sessionId = randomUUID();
  await client.query(`INSERT INTO "Session" (id, "userId") VALUES ($1, $2)`, [sessionId, userId]);
  return `Bearer ${app.jwt.sign({ sub: userId, sid: sessionId, role, mfa: false, mfa_at: null })}`;
}
const { rows: managers } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'MANAGER' ORDER BY random() LIMIT 50`);
const managerTokens: string[] = [];
for (const m of managers) managerTokens.push(await tokenFor(m.id, 'MANAGER'));
const itToken = await tokenFor((await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'IT'`)).rows[0]!.id, 'IT');

async function time(label: string, runs: number, request: (i: number) => { url: string; authorization: string; accept?: string }) {
  const samples: number[] = [];
  let rows = 0;
  for (let i = -5; i < runs; i++) {
    const { url, authorization, accept } = request(i < 0 ? 0 : i);
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: { authorization, ...(accept ? { accept } : {}) } });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
    if (i >= 0) samples.push(elapsed); // the first five warm caches and plans
    if (i === 0) rows = accept === 'text/csv' ? response.body.trim().split('\r\n').length - 1 : (response.json().items?.length ?? response.json().total);
  }
  return { endpoint: label, ...summarise(samples), 'rows/total': rows };
}

if (process.env.BENCH_EXPLAIN) {
  // The manager list as report-store.ts builds it, to check the plan starts from the team (User.managerId).
  const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS)
    SELECT c."deviceId", u.name, d."serialNumber", p."osBuild" FROM "DeviceCompliance" c
    JOIN "User" u ON u.id = c."userId" AND u."managerId" = $1::uuid
    JOIN "Device" d ON d.id = c."deviceId" LEFT JOIN "DevicePosture" p ON p."deviceId" = c."deviceId"
    WHERE c.state IN ('IN_GRACE'::"ComplianceState", 'NONCOMPLIANT'::"ComplianceState")
    ORDER BY c."graceDeadline" ASC NULLS LAST, c."deviceId" ASC LIMIT 51`, [managers[0]!.id]);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
}

const manager = (i: number) => managerTokens[i % managerTokens.length]!;
const results: Record<string, string | number>[] = [
  await time('manager GET /v1/reports/noncompliant', RUNS, (i) => ({ url: '/v1/reports/noncompliant', authorization: manager(i) })),
  await time('manager same, rule=mfa&ownership=PERSONAL', RUNS, (i) => ({ url: '/v1/reports/noncompliant?rule=mfa&ownership=PERSONAL', authorization: manager(i) })),
  await time('manager same, Accept: text/csv', RUNS, (i) => ({ url: '/v1/reports/noncompliant', authorization: manager(i), accept: 'text/csv' })),
  await time('manager GET /v1/reports/summary', RUNS, (i) => ({ url: '/v1/reports/summary', authorization: manager(i) })),
  await time('IT GET /v1/reports/noncompliant (first 50)', RUNS / 2, () => ({ url: '/v1/reports/noncompliant', authorization: itToken })),
  await time('IT same, rule=patch_age&platform=ANDROID', RUNS / 2, () => ({ url: '/v1/reports/noncompliant?rule=patch_age&platform=ANDROID', authorization: itToken })),
  await time('IT GET /v1/reports/summary (100k devices)', RUNS / 4, () => ({ url: '/v1/reports/summary', authorization: itToken })),
];

// The same manager list without HTTP, auth and the audit write: what PostgreSQL itself costs.
const sqlOnly: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  await deps.compliance.reports.listNoncompliant({ kind: 'team', managerId: managers[i % managers.length]!.id }, { states: ['IN_GRACE', 'NONCOMPLIANT'] }, 51);
  sqlOnly.push(performance.now() - started);
}
results.push({ endpoint: 'manager list, report query alone (no HTTP/auth/audit)', ...summarise(sqlOnly), 'rows/total': 0 });

console.log(`seeded ${USERS.toLocaleString()} users, ${DEVICES.toLocaleString()} devices with posture and compliance in ${(seedMs / 1000).toFixed(1)} s (DeviceCompliance ${sizes!.compliance}, Device ${sizes!.devices})`);
printTable('latency through app.inject, ms (targets: manager list p95 < 50, summary < 200)', results);

await app.close();
await closeDeps(deps);
await client.end();
await database.drop();
