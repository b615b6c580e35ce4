import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context.js';
import { createMigratedScratchDatabase } from '../../support/scratch-database.js';
import { foldMetricDeltas } from '../../../src/use-cases/observability/fold-metric-deltas.js';
import { startMetricsServer } from '../../../src/observability/metrics-server.js';
import { startWorkers } from '../../../src/jobs/start-workers.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { defineJob, type JobDefinition } from '../../../src/jobs/job-queue.js';
import { Type } from 'typebox';
import { readFileSync } from 'node:fs';
import { collectProcessMetrics, createMetrics } from '../../../src/observability/metrics.js';
import { createDevice } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

const TOKEN = 'metrics-token-0123456789';

/** The value of one sample in Prometheus text output, matched by name and every given label. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[4]);
  }
  return undefined;
}

describe('Prometheus metrics', () => {
  let ctx: TestContext;
  let scratch: { url: string; drop(): Promise<void> };
  const scrape = async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    // A database of our own: device and command counts here are exact, so no other file's rows may be in them.
    scratch = await createMigratedScratchDatabase();
    ctx = await createTestContext({ DATABASE_URL: scratch.url, METRICS_TOKEN: TOKEN, REDIS_PREFIX: `${inject('redisPrefix')}:metrics` });
  });
  afterAll(async () => {
    await ctx?.close();
    await scratch?.drop();
  });

  it('answers only a scraper presenting the token', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: TOKEN } })).statusCode).toBe(401);
    const ok = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
  });

  it('is not served on the API port without a token, nor when METRICS_PORT moves it to a listener of its own', async () => {
    for (const env of [{}, { METRICS_TOKEN: TOKEN, METRICS_PORT: '0' }] as Record<string, string>[]) {
      const other = await createTestContext({ DATABASE_URL: scratch.url, ...env });
      try {
        expect((await other.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
      } finally {
        await other.close();
      }
    }
  });

  it('times requests per route template and status, never per raw URL', async () => {
    const id = '6f1c1f9e-1111-4222-8333-444455556666';
    await ctx.app.inject({ method: 'GET', url: `/v1/devices/${id}/commands` });
    const text = await scrape();
    expect(sample(text, 'mdm_http_request_duration_seconds_count', { route: '/v1/devices/:id/commands', status_code: '401', method: 'GET' })).toBe(1);
    expect(text).not.toContain(id);
  });

  it('counts Apple check-ins and their signature failures', async () => {
    const response = await ctx.app.inject({
      method: 'PUT',
      url: '/mdm/apple/checkin',
      headers: { 'content-type': 'application/x-apple-aspen-mdm-checkin', 'mdm-signature': 'bm90IGEgc2lnbmF0dXJl' },
      payload: '<?xml version="1.0"?><plist version="1.0"><dict><key>MessageType</key><string>Authenticate</string></dict></plist>',
    });
    expect(response.statusCode).toBe(400);
    const text = await scrape();
    expect(sample(text, 'mdm_apple_requests_total', { endpoint: 'checkin', status_code: '400' })).toBe(1);
    expect(sample(text, 'mdm_apple_signature_failures_total', { endpoint: 'checkin' })).toBe(1);
  });

  it('reports devices by compliance state from the maintained summary, before and after folding', async () => {
    const { db, clock } = ctx.deps;
    const devices = await Promise.all([1, 2, 3].map(() => createDevice(ctx.deps, { platform: 'ANDROID' })));
    const now = clock.now();
    for (const d of devices) {
      await db.deviceCompliance.create({
        data: { deviceId: d.id, platform: 'ANDROID', ownership: 'CORPORATE', state: 'COMPLIANT', policyVersion: 1, evaluatedAt: now, stateChangedAt: now, failingRules: [], unknownRules: [] },
      });
    }
    await db.deviceCompliance.update({ where: { deviceId: devices[0]!.id }, data: { state: 'NONCOMPLIANT' } });
    // An update that leaves the state alone must not move the counts.
    await db.deviceCompliance.update({ where: { deviceId: devices[1]!.id }, data: { evaluatedAt: now } });
    await db.device.delete({ where: { id: devices[2]!.id } }); // cascades to its compliance row

    const expectCounts = async () => {
      const text = await scrape();
      expect(sample(text, 'mdm_devices_by_compliance_state', { platform: 'ANDROID', state: 'COMPLIANT' })).toBe(1);
      expect(sample(text, 'mdm_devices_by_compliance_state', { platform: 'ANDROID', state: 'NONCOMPLIANT' })).toBe(1);
    };
    await expectCounts();
    expect(await foldMetricDeltas(ctx.deps)).toBeGreaterThan(0);
    expect(await db.metricDelta.count()).toBe(0);
    await expectCounts();
    expect(await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "DeviceCompliance"`).toEqual([{ n: 2n }]);
  });

  it('reports commands by platform, type and status, and their delivery latency as a histogram', async () => {
    const { db, clock } = ctx.deps;
    const device = await createDevice(ctx.deps, { platform: 'APPLE' });
    const queuedAt = clock.now();
    const command = await db.command.create({ data: { deviceId: device.id, requestType: 'DeviceLock', status: 'QUEUED', queuedAt } });
    await db.command.create({ data: { deviceId: device.id, requestType: 'DeviceLock', status: 'QUEUED', queuedAt } });
    await db.command.update({ where: { id: command.id }, data: { status: 'SENT' } });
    await db.command.update({ where: { id: command.id }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: new Date(queuedAt.getTime() + 3_000) } });

    const text = await scrape();
    const labels = { platform: 'APPLE', request_type: 'DeviceLock' };
    expect(sample(text, 'mdm_commands', { ...labels, status: 'QUEUED' })).toBe(1);
    expect(sample(text, 'mdm_commands', { ...labels, status: 'SENT' })).toBe(0);
    expect(sample(text, 'mdm_commands', { ...labels, status: 'ACKNOWLEDGED' })).toBe(1);
    expect(sample(text, 'mdm_command_delivery_seconds_bucket', { platform: 'APPLE', le: '1' })).toBe(0);
    expect(sample(text, 'mdm_command_delivery_seconds_bucket', { platform: 'APPLE', le: '5' })).toBe(1);
    expect(sample(text, 'mdm_command_delivery_seconds_bucket', { platform: 'APPLE', le: '+Inf' })).toBe(1);
    expect(sample(text, 'mdm_command_delivery_seconds_sum', { platform: 'APPLE' })).toBe(3);
    expect(sample(text, 'mdm_command_delivery_seconds_count', { platform: 'APPLE' })).toBe(1);

    // Deleting the device takes its commands (cascade) out of the counts, under their platform.
    await db.device.delete({ where: { id: device.id } });
    const after = await scrape();
    expect(sample(after, 'mdm_commands', { ...labels, status: 'QUEUED' })).toBe(0);
    expect(sample(after, 'mdm_commands', { ...labels, status: 'ACKNOWLEDGED' })).toBe(0);
    expect(after).not.toContain('platform="UNKNOWN"');
  });

  it('reports queue depth per state and the audit chain length', async () => {
    const before = sample(await scrape(), 'mdm_audit_chain_events') ?? 0;
    await ctx.deps.audit.record({ actorType: 'system', action: 'test.metrics' });
    await ctx.deps.audit.record({ actorType: 'system', action: 'test.metrics' });
    const probe = defineJob({ name: 'test.metrics-probe', queue: 'default', payload: Type.Object({}) });
    await ctx.deps.queue.enqueue(probe, {}, { delayMs: 60_000 });
    const text = await scrape();
    expect(sample(text, 'mdm_audit_chain_events')).toBe(before + 2);
    expect(sample(text, 'mdm_queue_jobs', { queue: 'default', state: 'delayed' })).toBe(1);
    expect(sample(text, 'mdm_queue_jobs', { queue: 'webhooks', state: 'waiting' })).toBe(0);
  });

  it('lets the worker serve its own job figures on a port of its own', async () => {
    const ran = defineJob({ name: 'test.metrics-ran', queue: 'compliance', payload: Type.Object({}) });
    const workers = await startWorkers(ctx.deps, jobRegistry([ran as JobDefinition], [[ran.name, async () => {}]]));
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0, registries: [ctx.deps.metrics.registry], token: TOKEN });
    try {
      await ctx.deps.queue.enqueue(ran, {});
      const read = () => fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
      const text = await waitFor(read, (t) => sample(t, 'mdm_jobs_total', { name: 'test.metrics-ran', outcome: 'completed' }) === 1, {
        intervalMs: 50,
        what: 'the worker to count the completed job',
      });
      expect(sample(text, 'mdm_jobs_total', { queue: 'compliance', name: 'test.metrics-ran', outcome: 'completed' })).toBe(1);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await server.close();
      await workers.close();
    }
  });

  it('exposes every metric the Grafana dashboard charts', async () => {
    const dashboard = JSON.parse(readFileSync(new URL('../../../deploy/grafana/mdm-dashboard.json', import.meta.url), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const charted = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\bmdm_[a-z0-9_]+/g) ?? [])));
    // Process figures only exist in real processes: add them the way server.ts does, on a registry of our own.
    const processMetrics = createMetrics({ process: 'api' });
    collectProcessMetrics(processMetrics);
    const exposed = (await scrape()) + (await processMetrics.registry.metrics());
    // Declared (# TYPE) is enough: a counter no request has touched yet has no sample line.
    for (const name of charted) expect(exposed, name).toMatch(new RegExp(`^# TYPE ${name.replace(/_(bucket|count|sum)$/, '')} `, 'm'));
  });
});
