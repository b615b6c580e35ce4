/**
 * The real API for the browser tests: a migrated database of its own, a Redis prefix of its own, the job
 * workers in the same process, a local APNs stand-in (tests/support/apple.ts) and the built console. Seeds one
 * person per role (with known TOTP secrets) and a privacy notice, and writes what the tests need to
 * E2E_STATE_FILE. Started by Playwright (playwright.config.ts `webServer`); SIGTERM removes everything.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/index.js';
import { closeDeps, createDeps } from '../../src/container.js';
import { migrate } from '../../src/db/migrate.js';
import { hashPassword } from '../../src/domain/auth/password.js';
import { createSecretBox } from '../../src/domain/auth/secret-box.js';
import { newTotpSecret } from '../../src/domain/auth/totp.js';
import { startWorkers } from '../../src/jobs/start-workers.js';
import { appleEnv, startFakeApns } from '../../tools/fake-apns.js';

const port = Number(process.env.E2E_PORT ?? 4173);
const stateFile = resolve(process.env.E2E_STATE_FILE ?? 'artifacts/e2e-state.json');
const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const suffix = randomBytes(5).toString('hex');
const database = `mdm_e2e_${suffix}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await adminQuery(`CREATE DATABASE "${database}"`);
await migrate(databaseUrl, resolve('prisma/migrations'));
const apns = await startFakeApns();
const config = loadConfig({
  ...appleEnv(apns, { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }),
  DATABASE_URL: databaseUrl,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `mdm-e2e-${suffix}`,
  JWT_SECRET: randomBytes(32).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'warn',
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? 'dist/web',
});
const deps = await createDeps(config, { logger: pino({ level: 'warn' }) });
const workers = await startWorkers(deps);
const app = await buildApp(deps, { logger: false });

const password = `e2e-${randomBytes(9).toString('base64url')}`;
const passwordHash = await hashPassword(password);
const box = createSecretBox(config.DATA_ENCRYPTION_KEY);
async function person(email: string, name: string, role: 'STAFF' | 'MANAGER' | 'IT' | 'ADMIN', managerId: string | null = null) {
  const totpSecret = newTotpSecret();
  const user = await deps.db.user.create({
    data: { email, name, role, managerId, passwordHash, totpSecretSealed: box.seal(totpSecret), mfaEnrolledAt: new Date() },
  });
  return { id: user.id, email, name, role, password, totpSecret };
}
const manager = await person('maya.manager@ward.example', 'Maya Ward-Manager', 'MANAGER');
const nurse = await person('noor.nurse@ward.example', 'Noor Nurse', 'STAFF', manager.id);
const it = await person('ian.tech@ward.example', 'Ian Tech', 'IT');
const admin = await person('ada.admin@ward.example', 'Ada Admin', 'ADMIN');
await deps.db.privacyNotice.create({
  data: {
    version: 1,
    title: 'Your personal phone and work',
    body: 'We can see your phone model, its software version and whether it has a passcode and encryption.\n\nWe cannot see your photos, messages, browsing, location or personal apps.',
    publishedAt: new Date(),
    publishedById: admin.id,
  },
});

await app.listen({ port, host: '127.0.0.1' });
mkdirSync(dirname(stateFile), { recursive: true });
writeFileSync(stateFile, JSON.stringify({ baseUrl: `http://127.0.0.1:${port}`, users: { manager, nurse, it, admin } }, null, 2));
process.stdout.write(`e2e server on http://127.0.0.1:${port} (database ${database})\n`);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await app.close().catch(() => undefined);
  await workers.close().catch(() => undefined);
  const keys = await deps.redis.keys(`${config.REDIS_PREFIX}:*`).catch(() => [] as string[]);
  if (keys.length) await deps.redis.del(...keys).catch(() => undefined);
  await closeDeps(deps).catch(() => undefined);
  await apns.close().catch(() => undefined);
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
