import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash, GENESIS_HASH, type HashedAuditFields } from '../../src/audit/audit-hash.js';
import { verifySignatureHeader } from '../../src/integrations/webhooks/signature.js';
import { startAuditStream } from '../../src/jobs/audit-stream-loop.js';
import { streamAuditEvents } from '../../src/use-cases/audit/stream-audit-events.js';
import { sealAllAuditEvents } from '../support/audit.js';
import { createIsolatedTestContext, type TestContext } from '../support/context.js';

const SECRET = 'audit-stream-secret-of-at-least-32-chars';

/** An event as the stream sends it: the hashed fields (time as ISO text), its position and the hashes linking it. */
type StreamedEvent = Omit<HashedAuditFields, 'at'> & { position: string; at: string; prevHash: string; hash: string };

/**
 * A SIEM as integrators would write one: a real HTTP server that checks the signature, verifies the chain from the
 * last position it holds, dedupes by position, and answers as the test says (to simulate an outage, or a response
 * lost after the events were stored).
 */
class Receiver {
  server: Server = createServer();
  url = '';
  /** Every event it holds, by position, after verification. */
  held = new Map<bigint, StreamedEvent>();
  requests = 0;
  /** Positions of each request's first event, to see where each delivery resumed. */
  starts: bigint[] = [];
  answer: 'ok' | 'fail' | 'store-then-fail' = 'ok';
  badSignatures = 0;

  async start() {
    this.server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests += 1;
        const body = Buffer.concat(chunks).toString('utf8');
        if (!verifySignatureHeader(SECRET, String(req.headers['x-mdm-signature']), body, Math.floor(Date.now() / 1000), 3600)) {
          this.badSignatures += 1;
          res.statusCode = 401;
          return res.end();
        }
        if (this.answer === 'fail') {
          res.statusCode = 503;
          return res.end();
        }
        const batch = JSON.parse(body) as { type: string; continuesFrom: { position: string; hash: string }; events: StreamedEvent[] };
        expect(batch.type).toBe('audit.events');
        this.starts.push(BigInt(batch.events[0]!.position));
        // Verify before storing: the batch continues from a position we hold (or the genesis), without gaps.
        let prev = BigInt(batch.continuesFrom.position);
        let prevHash = prev === 0n ? GENESIS_HASH : this.held.get(prev)?.hash;
        expect(batch.continuesFrom.hash).toBe(prevHash);
        for (const e of batch.events) {
          expect(BigInt(e.position)).toBe(prev + 1n);
          expect(e.prevHash).toBe(prevHash);
          expect(auditEventHash(e.prevHash, { ...e, at: new Date(e.at) })).toBe(e.hash);
          this.held.set(BigInt(e.position), e); // idempotent: a redelivered position replaces itself
          prev = BigInt(e.position);
          prevHash = e.hash;
        }
        res.statusCode = this.answer === 'store-then-fail' ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/audit`;
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let receiver: Receiver;
let ctx: TestContext;

beforeAll(async () => {
  receiver = new Receiver();
  await receiver.start();
  ctx = await createIsolatedTestContext({
    AUDIT_WEBHOOK_URL: receiver.url,
    AUDIT_WEBHOOK_SECRET: SECRET,
    AUDIT_WEBHOOK_BATCH_SIZE: '3',
    AUDIT_WEBHOOK_INTERVAL_MS: '20',
    WEBHOOK_ALLOW_HTTP: 'true',
  });
});

afterAll(async () => {
  await ctx?.close();
  await receiver?.close();
});

async function recordAndSeal(count: number, tag: string) {
  for (let i = 0; i < count; i += 1) {
    await ctx.deps.audit.record({ actorType: 'system', action: `test.${tag}_${i}`, targetType: 'device', targetId: `d${i}`, details: { n: i, nested: { b: 1, a: 2 } } });
  }
  await sealAllAuditEvents(ctx.deps.db);
}

const cursor = () => ctx.deps.db.auditStreamCursor.findUniqueOrThrow({ where: { url: receiver.url } });
const chainLength = async () => BigInt(await ctx.deps.db.auditEvent.count({ where: { seq: { not: null } } }));

describe('audit webhook stream', () => {
  it('streams sealed events in chain order, signed, with position and hashes the receiver verifies', async () => {
    await recordAndSeal(5, 'first');
    const total = await chainLength();
    let rounds = 0;
    for (;;) {
      const round = await streamAuditEvents(ctx.deps);
      expect(round.failed).toBe(false);
      if (round.delivered === 0) break;
      expect(round.delivered).toBeLessThanOrEqual(3);
      rounds += 1;
    }
    expect(rounds).toBe(Math.ceil(Number(total) / 3));
    expect(receiver.badSignatures).toBe(0);
    expect(BigInt(receiver.held.size)).toBe(total);
    expect([...receiver.held.values()].filter((e) => e.action.startsWith('test.first_')).map((e) => e.action)).toEqual(['test.first_0', 'test.first_1', 'test.first_2', 'test.first_3', 'test.first_4']);
    expect(await cursor()).toMatchObject({ position: total, failures: 0, lastError: null });
  });

  it('keeps the position through an outage, backs off, and resumes from the last acknowledged event', async () => {
    const before = await chainLength();
    await recordAndSeal(4, 'outage');
    const requests = receiver.requests;
    receiver.answer = 'fail';
    expect(await streamAuditEvents(ctx.deps)).toEqual({ delivered: 0, failed: true });
    expect(await cursor()).toMatchObject({ position: before, failures: 1, lastError: 'HTTP 503' });
    // Within the backoff nothing is sent at all.
    expect(await streamAuditEvents(ctx.deps)).toEqual({ delivered: 0, failed: false });
    expect(receiver.requests).toBe(requests + 1);

    ctx.clock.advance(1_001);
    receiver.answer = 'ok';
    const round = await streamAuditEvents(ctx.deps);
    expect(round.delivered).toBe(3);
    expect(receiver.starts.at(-1)).toBe(before + 1n);
    expect(await cursor()).toMatchObject({ position: before + 3n, failures: 0 });
  });

  it('delivers at least once: events stored by a receiver whose answer was lost are sent again', async () => {
    const { position } = await cursor();
    receiver.answer = 'store-then-fail';
    expect((await streamAuditEvents(ctx.deps)).failed).toBe(true);
    expect(receiver.held.has(position + 1n)).toBe(true);
    ctx.clock.advance(2_001);
    receiver.answer = 'ok';
    expect((await streamAuditEvents(ctx.deps)).delivered).toBeGreaterThan(0);
    expect(receiver.starts.at(-1)).toBe(position + 1n);
    expect(receiver.starts.at(-2)).toBe(position + 1n);
  });

  it('runs in the worker on its own and resumes after a restart from the stored position', async () => {
    let stream = startAuditStream(ctx.deps)!;
    const waitForAll = async () => {
      const total = await chainLength();
      for (let i = 0; i < 300 && (await cursor()).position < total; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await cursor()).position).toBe(total);
    };
    await waitForAll();
    await stream.close();

    // A restart: a new loop (a new worker process) picks up where the cursor row says.
    await recordAndSeal(7, 'restart');
    const resumeAt = (await cursor()).position + 1n;
    const sentBefore = receiver.starts.length;
    stream = startAuditStream(ctx.deps)!;
    await waitForAll();
    await stream.close();
    // Nothing already acknowledged is sent again: the first request after the restart starts at the next position.
    expect(receiver.starts[sentBefore]).toBe(resumeAt);
    expect(BigInt(receiver.held.size)).toBe(await chainLength());
    expect(receiver.badSignatures).toBe(0);
  });
});
