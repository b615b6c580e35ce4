import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhookJob } from '../../../src/jobs/definitions/delivery.js';
import { jobRegistry } from '../../../src/jobs/registry.js';
import { startWorkers } from '../../../src/jobs/start-workers.js';
import { verifySignatureHeader } from '../../../src/integrations/webhooks/signature.js';
import { deliverWebhook } from '../../../src/use-cases/webhooks/deliver-webhook.js';
import { bearer, createTestContext, type TestContext } from '../../support/context.js';
import { ownRedisPrefix, useFakeChannels } from '../../support/operations.js';
import { selfSignedCertificate } from '../../support/tls.js';
import { createUser, createDevice } from '../../support/factories.js';
import { waitFor } from '../../support/wait-for.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A SIEM stand-in: HTTPS with its own certificate; answers 503 once to a body containing a string in `failOnce`. */
async function startReceiver(tls: { key: string; cert: string }) {
  const received: Received[] = [];
  const failOnce = new Set<string>();
  const server: Server = createServer(tls, (req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const marker = [...failOnce].find((m) => body.includes(m));
      if (marker) failOnce.delete(marker);
      res.statusCode = marker ? 503 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, failOnce, server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

describe('outbound webhooks', () => {
  let ctx: TestContext;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stranger: Awaited<ReturnType<typeof startReceiver>>;
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    const tls = selfSignedCertificate();
    const dir = await mkdtemp(join(tmpdir(), 'webhook-ca-'));
    await writeFile(join(dir, 'ca.pem'), tls.cert);
    receiver = await startReceiver(tls);
    stranger = await startReceiver(selfSignedCertificate()); // not in the trusted CA file
    ctx = await createTestContext({ REDIS_PREFIX: ownRedisPrefix('webhooks'), WEBHOOK_CA_FILE: join(dir, 'ca.pem') });
    useFakeChannels(ctx.deps);
    adminHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'ADMIN' }));
  });
  afterAll(async () => {
    // Endpoints live in the shared test database: remove them so other files' events do not pile up here.
    await ctx.deps.db.webhookEndpoint.deleteMany({ where: { url: { in: [receiver.url, stranger.url] } } });
    await ctx.close();
    receiver.server.close();
    stranger.server.close();
  });

  const createEndpoint = (payload: object) => ctx.app.inject({ method: 'POST', url: '/v1/webhooks', headers: adminHeaders, payload });

  it('signs each event with HMAC-SHA256 over timestamp and body, and retries until the receiver accepts it', async () => {
    const created = await createEndpoint({ url: receiver.url, eventTypes: ['command.*'], description: 'SIEM' });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json();
    expect(secret).toMatch(/^whsec_/);
    const stored = await ctx.deps.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secretSealed).not.toContain(secret.slice(6));

    const it = await createUser(ctx.deps, { role: 'IT' });
    const device = await createDevice(ctx.deps);
    receiver.failOnce.add(device.id);
    const lock = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${device.id}/lock`, headers: await bearer(ctx, it), payload: { reason: 'lost' } });
    const commandId = lock.json().command.id;

    const workers = await startWorkers(ctx.deps, jobRegistry([{ ...deliverWebhookJob, backoffMs: 20 }]));
    try {
      const mine = () => receiver.received.filter((r) => r.body.includes(commandId));
      await waitFor(async () => mine().length, (n) => n >= 2);
      const [first, second] = mine();
      expect(first!.headers['x-mdm-event']).toBe('command.queued');
      expect(second!.headers['x-mdm-event-id']).toBe(first!.headers['x-mdm-event-id']);
      const event = JSON.parse(second!.body);
      expect(event).toMatchObject({ type: 'command.queued', data: { command: { id: commandId, action: 'LOCK', status: 'QUEUED' } } });
      const now = Math.floor(Date.now() / 1000);
      expect(verifySignatureHeader(secret, String(second!.headers['x-mdm-signature']), second!.body, now)).toBe(true);
      expect(verifySignatureHeader('whsec_wrong', String(second!.headers['x-mdm-signature']), second!.body, now)).toBe(false);

      // Other test files' command events reach this endpoint too (shared database); look at ours only.
      const ours = (items: { eventId: string; status: string }[]) => items.find((d) => d.eventId === first!.headers['x-mdm-event-id']);
      const deliveries = await waitFor(
        async () => (await ctx.app.inject({ method: 'GET', url: `/v1/webhooks/${endpoint.id}/deliveries?limit=500`, headers: adminHeaders })).json().items,
        (items) => ours(items)?.status === 'DELIVERED',
      );
      expect(ours(deliveries)).toMatchObject({ eventType: 'command.queued', status: 'DELIVERED', attempts: 2, lastStatusCode: 200 });
    } finally {
      await workers.close();
    }
  });

  it('refuses an endpoint whose certificate it does not trust, and marks the delivery FAILED after the last try', async () => {
    const { endpoint } = (await createEndpoint({ url: stranger.url, eventTypes: ['test.ping'] })).json();
    await ctx.deps.webhooks.publisher.publish('test.ping', { hello: 'world' });
    const delivery = await ctx.deps.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    await expect(deliverWebhook(ctx.deps, delivery.id, { finalAttempt: true })).rejects.toThrow();
    const failed = await ctx.deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(failed.status).toBe('FAILED');
    expect(failed.lastError).toMatch(/certificate/i);
    expect(stranger.received).toHaveLength(0);
  });

  it('accepts only https:// URLs without embedded credentials', async () => {
    expect((await createEndpoint({ url: 'http://siem.example.test/hook' })).statusCode).toBe(400);
    expect((await createEndpoint({ url: 'https://user:pw@siem.example.test/hook' })).statusCode).toBe(400);
  });

  it('only an ADMIN manages webhooks', async () => {
    const headers = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/webhooks', headers, payload: { url: receiver.url } })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/webhooks', headers })).statusCode).toBe(403);
  });
});
