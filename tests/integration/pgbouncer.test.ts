import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeDeps, createDeps } from '../../src/container.js';
import type { Deps } from '../../src/deps.js';
import { testConfig, testEnv } from '../support/context.js';
import { createUser } from '../support/factories.js';
import { startProcess, stopProcesses } from '../support/processes.js';
import { createMigratedScratchDatabase } from '../support/scratch-database.js';

const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The API behind PgBouncer in transaction mode, the way a large deployment pools connections. PgBouncer 1.18 (Debian
 * 12) keeps no prepared statements across transactions (no max_prepared_statements), so any named prepared
 * statement the API sent would fail on the next transaction's server connection. With DATABASE_PREPARED_STATEMENTS
 * off, as README.md tells such deployments, this shows it sends none, and that sessions, audit writes and
 * transactions work through the pooler. `.ci/run` installs pgbouncer when missing.
 */
describe.skipIf(!existsSync(PGBOUNCER))('API through PgBouncer (transaction pooling)', () => {
  const children: ChildProcess[] = [];
  let scratch: { url: string; drop(): Promise<void> };
  let deps: Deps;
  let dir: string;
  let api: string;
  let pooledUrl: string;

  const start = (command: string, args: string[], env: Record<string, string>, ready: RegExp) => startProcess(children, command, args, env, ready);

  beforeAll(async () => {
    scratch = await createMigratedScratchDatabase();
    const upstream = new URL(scratch.url);
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'));
    chmodSync(dir, 0o755); // pgbouncer drops to the postgres user when started as root
    writeFileSync(join(dir, 'userlist.txt'), `"${decodeURIComponent(upstream.username)}" ""\n`);
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `mdm = host=${upstream.hostname} port=${upstream.port || 5432} dbname=${upstream.pathname.slice(1)} user=${decodeURIComponent(upstream.username)}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(dir, 'userlist.txt')}`,
        'pool_mode = transaction',
        `admin_users = ${decodeURIComponent(upstream.username)}`,
        'default_pool_size = 4',
        'max_client_conn = 200',
        // node-postgres sends these startup parameters; PgBouncer must not refuse the connection over them.
        'ignore_startup_parameters = extra_float_digits,options',
      ].join('\n') + '\n',
    );
    const asRoot = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
    await start(PGBOUNCER, [...asRoot, join(dir, 'pgbouncer.ini')], {}, /process up()/);
    pooledUrl = `postgresql://${upstream.username}@127.0.0.1:${port}/mdm`;
    deps = await createDeps(testConfig({ DATABASE_URL: scratch.url, REDIS_PREFIX: `${inject('redisPrefix')}:pgbouncer` }), { logger: pino({ level: 'silent' }) });
    api = await start(
      process.execPath,
      ['--import', 'tsx', 'src/api/server.ts'],
      testEnv({ DATABASE_URL: pooledUrl, DATABASE_PREPARED_STATEMENTS: 'false', REDIS_PREFIX: `${inject('redisPrefix')}:pgbouncer`, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0' }),
      /Server listening at (http:\/\/127\.0\.0\.1:\d+)/,
    );
  }, 150_000);

  afterAll(async () => {
    await stopProcesses(children);
    if (deps) await closeDeps(deps);
    await scratch?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves sign-in, reads, writes and transactions through the pooler, many at once', async () => {
    const admin = await createUser(deps, { role: 'ADMIN' });
    const login = await fetch(`${api}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: admin.password }) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };
    // More requests at once than server connections in the pool: each transaction lands on whichever connection is free.
    const reads = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        fetch(`${api}${['/v1/users?limit=5', `/v1/users/${admin.id}`, '/v1/audit?limit=5', '/v1/devices?limit=5'][i % 4]}`, { headers }).then((r) => r.status),
      ),
    );
    expect(reads.every((s) => s === 200)).toBe(true);
    // A write in a transaction (user creation and its audit event), repeated so the same statements run on other server connections.
    for (let i = 0; i < 6; i += 1) {
      const created = await fetch(`${api}/v1/users`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `pooled-${i}-${Date.now()}@example.test`, name: `Pooled ${i}`, role: 'STAFF', password: 'a long enough password' }),
      });
      expect(created.status).toBe(201);
    }
    expect(await deps.db.auditEvent.count({ where: { action: 'user.created', actorId: admin.id } })).toBe(6);
  });

  it('really pools in transaction mode', async () => {
    // A guard on the test itself: were PgBouncer in session mode, the test above would prove nothing.
    const show = new pg.Client({ connectionString: pooledUrl.replace(/\/mdm$/, '/pgbouncer') });
    await show.connect();
    try {
      const pools = await show.query('SHOW POOLS');
      expect(pools.rows.find((r: { database: string }) => r.database === 'mdm')).toMatchObject({ pool_mode: 'transaction' });
    } finally {
      await show.end();
    }
  });
});
