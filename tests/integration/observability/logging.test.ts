import { Writable } from 'node:stream';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../src/api/app.js';
import { closeDeps, createDeps } from '../../../src/container.js';
import type { Deps } from '../../../src/deps.js';
import { defineJob, type JobDefinition } from '../../../src/jobs/job-queue.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers } from '../../../src/jobs/start-workers.js';
import { createLogger } from '../../../src/observability/logger.js';
import { runWithRequestContext } from '../../../src/observability/request-context.js';
import { testConfig } from '../../support/context.js';
import type { FastifyInstance } from 'fastify';
import { createUser } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

/** Every JSON line the process logger writes, parsed. */
class LogLines extends Writable {
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get lines(): Record<string, unknown>[] {
    return this.raw.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

describe('logs', () => {
  const logs = new LogLines();
  let deps: Deps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createDeps(testConfig({ REDIS_PREFIX: `${inject('redisPrefix')}:logging` }), { logger: createLogger({ level: 'debug', destination: logs }) });
    app = await buildApp(deps); // the process logger, as in production
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    if (deps) await closeDeps(deps);
  });

  it('carries the caller\'s X-Request-Id on the response and on every line logged for the request', async () => {
    const user = await createUser(deps);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'x-request-id': 'lb-7f3a-42', authorization: 'Bearer leaked.jwt.value' },
      payload: { email: user.email, password: 'wrong password value' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['x-request-id']).toBe('lb-7f3a-42');
    const mine = logs.lines.filter((l) => l.reqId === 'lb-7f3a-42');
    expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(logs.raw.join('\n')).not.toContain('leaked.jwt.value');
    expect(logs.raw.join('\n')).not.toContain('wrong password value');
  });

  it('replaces a request id that is not a plain token with a new one', async () => {
    for (const bad of ['x'.repeat(65), 'a b', 'id\u0000nul', '{"json":1}']) {
      const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('masks tokens in logged query strings', async () => {
    await app.inject({ method: 'GET', url: '/healthz?token=sekrit-query-token&x=1' });
    expect(logs.raw.join('\n')).not.toContain('sekrit-query-token');
    expect(logs.raw.join('\n')).toContain('token=[Redacted]&x=1');
  });

  it('redacts secrets, tokens, passwords and device identifiers wherever our code logs them', () => {
    const secrets = ['pw-1', 'tok-2', 'serial-3', 'udid-4', 'imei-5', 'push-6', 'unlock-7', 'bearer-8', 'apikey-9', 'totp-10'];
    deps.logger.info({
      password: 'pw-1',
      token: 'tok-2',
      device: { serialNumber: 'serial-3', UDID: 'udid-4', IMEI: 'imei-5' },
      checkin: { PushMagic: 'push-6', UnlockToken: 'unlock-7' },
      req: { headers: { authorization: 'bearer-8', 'x-api-key': 'apikey-9' } },
      body: { totp: 'totp-10' },
      model: 'iPhone15,2', // not sensitive: must survive
    }, 'device message');
    const line = logs.raw.at(-1)!;
    for (const secret of secrets) expect(line).not.toContain(secret);
    expect(line).toContain('iPhone15,2');
  });

  it('puts the id of the request that enqueued a job on the lines the job logs', async () => {
    const noisy = defineJob({
      name: 'test.logging-noisy',
      queue: 'default',
      payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
    });
    const workers = await startWorkers(
      deps,
      jobRegistry([noisy as JobDefinition], [[noisy.name, async (payload, jobDeps) => void jobDeps.logger.info({ n: (payload as { n: number }).n }, 'job ran')]]),
    );
    try {
      await runWithRequestContext({ requestId: 'req-from-api-1' }, () => deps.queue.enqueue(noisy, { n: 1 }));
      const line = await waitFor(() => logs.lines.find((l) => l.msg === 'job ran'), undefined, { what: "the job's log line" });
      // The payload schema forbids extra properties: the id travelled beside the payload, not in it.
      expect(line).toMatchObject({ reqId: 'req-from-api-1', n: 1 });
    } finally {
      await workers.close();
    }
  });
});
