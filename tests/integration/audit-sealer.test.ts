import { generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash } from '../../src/audit/audit-hash.js';
import { verifyAuditChain } from '../../src/audit/verify-chain.js';
import { createCheckpointSigner } from '../../src/domain/audit/checkpoint.js';
import { startAuditSealer } from '../../src/jobs/audit-sealer-loop.js';
import { AUDIT_SEAL_LOCK, sealAuditEvents } from '../../src/storage/audit-sealer.js';
import { sealAllAuditEvents } from '../support/audit.js';
import { bearer, createIsolatedTestContext, type TestContext } from '../support/context.js';
import { createUser } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';

const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('audit sealer', () => {
  let ctx: TestContext;
  let adminHeaders: Record<string, string>;
  const clients: pg.Client[] = [];

  /** A connection of its own, to hold a transaction open across the sealer's rounds as a slow request would. */
  async function connection() {
    const client = new pg.Client({ connectionString: ctx.deps.config.DATABASE_URL });
    client.on('error', () => {}); // the crash test terminates one on purpose
    await client.connect();
    clients.push(client);
    return client;
  }
  const record = (marker: string, i: number) => ctx.deps.audit.record({ actorType: 'system', action: 'test.seal', targetId: marker, details: { i } });
  const eventsOf = (marker: string) => ctx.deps.db.auditEvent.findMany({ where: { targetId: marker }, orderBy: { id: 'asc' } });
  const seal = (batchSize = 1_000) => sealAuditEvents(ctx.deps.db, { batchSize });

  beforeAll(async () => {
    ctx = await createIsolatedTestContext({ AUDIT_CHECKPOINT_SIGNING_KEY: Buffer.from(signingKeyPem).toString('base64'), AUDIT_CHECKPOINT_INTERVAL_SECONDS: '60' });
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    adminHeaders = await bearer(ctx, admin);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await ctx.close();
  });

  it('writers only insert: a new event is unsealed until the sealer links it, and verify reports the backlog', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const marker = `backlog-${Date.now()}`;
    await record(marker, 0);
    const [event] = await eventsOf(marker);
    expect(event).toMatchObject({ seq: null, hash: null, prevHash: null, sealedAt: null });

    ctx.clock.advance(5_000);
    const before = await ctx.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: adminHeaders });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ ok: true, pending: 1 });
    expect(before.json().oldestPendingAgeSeconds).toBeGreaterThanOrEqual(5);

    await sealAllAuditEvents(ctx.deps.db);
    const after = await ctx.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: adminHeaders });
    // The verification itself is recorded (unsealed) after the report is made.
    expect(after.json()).toMatchObject({ ok: true, pending: 0, oldestPendingAgeSeconds: null, checked: before.json().checked + 2 });
    const sealed = await ctx.deps.db.auditEvent.findUniqueOrThrow({ where: { id: event!.id } });
    expect(sealed.seq).not.toBeNull();
    const list = await ctx.app.inject({ method: 'GET', url: `/v1/audit?targetId=${marker}`, headers: adminHeaders });
    expect(list.json().items[0]).toMatchObject({ id: event!.id.toString(), seq: sealed.seq!.toString(), hash: sealed.hash });
  });

  it('an event whose transaction commits after a later one is neither skipped nor sealed out of order', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const marker = `late-${Date.now()}`;
    const slow = await connection();
    await slow.query('BEGIN');
    await slow.query(`INSERT INTO "AuditEvent" ("actorType", "action", "targetId", "details") VALUES ('system', 'test.seal', $1, '{"i": 0}')`, [marker]);
    await record(marker, 1); // inserted (and committed) after the slow transaction's event
    const early = await seal();
    expect(early.locked).toBe(true);
    // The committed later event waits: sealing it now would leave no place in the chain for the slow one.
    expect((await eventsOf(marker)).map((e) => e.seq)).toEqual([null]);

    await slow.query('COMMIT');
    await sealAllAuditEvents(ctx.deps.db);
    const [first, second] = await eventsOf(marker);
    expect(second!.seq).toBe(first!.seq! + 1n);
    expect(second!.prevHash).toBe(first!.hash);
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('a sealer that dies mid-batch seals nothing, and the next one seals the whole batch', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const marker = `crash-${Date.now()}`;
    for (let i = 0; i < 5; i++) await record(marker, i);
    const [head] = await ctx.deps.db.auditEvent.findMany({ where: { seq: { not: null } }, orderBy: { seq: 'desc' }, take: 1 });
    const [first, second] = await eventsOf(marker);

    // A sealer takes the lock and links two of the five events, then its process dies before committing.
    const doomed = await connection();
    await doomed.query('BEGIN');
    await doomed.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
    const h1 = auditEventHash(head!.hash!, first!);
    const h2 = auditEventHash(h1, second!);
    await doomed.query('SELECT audit_seal($1::bigint[], $2::text[], $3::text[], $4)', [[first!.id, second!.id], [head!.hash, h1], [h1, h2], head!.seq! + 1n]);
    // Meanwhile another sealer finds the lock taken and leaves the chain alone.
    expect(await seal()).toMatchObject({ locked: false, sealed: 0 });

    const { pid } = (await doomed.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!;
    await ctx.deps.db.$queryRawUnsafe(`SELECT pg_terminate_backend(${pid})`);
    expect((await eventsOf(marker)).every((e) => e.seq === null)).toBe(true);

    await sealAllAuditEvents(ctx.deps.db);
    const sealed = await eventsOf(marker);
    expect(sealed.map((e) => e.seq)).toEqual([1n, 2n, 3n, 4n, 5n].map((n) => head!.seq! + n));
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true });
  });

  it('sealers racing with each other and with writers produce one unbroken chain', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const marker = `race-${Date.now()}`;
    const writers = Promise.all(Array.from({ length: 120 }, (_, i) => record(marker, i)));
    const sealers = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let round = 0; round < 15; round++) await seal(7);
      }),
    );
    await Promise.all([writers, sealers]);
    await sealAllAuditEvents(ctx.deps.db);

    const all = await ctx.deps.db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => BigInt(i + 1)));
    expect(new Set(all.map((e) => e.prevHash)).size).toBe(all.length);
    expect((await eventsOf(marker)).length).toBe(120);
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true, checked: all.length, pending: 0 });
  });

  it('without the lock, the database still refuses a second link to the same head (no fork)', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const marker = `fork-${Date.now()}`;
    await record(marker, 0);
    await record(marker, 1);
    const [a, b] = await eventsOf(marker);
    const [head] = await ctx.deps.db.auditEvent.findMany({ where: { seq: { not: null } }, orderBy: { seq: 'desc' }, take: 1 });
    const sealAs = (event: typeof a, seq: bigint, prevHash: string) =>
      ctx.deps.db.$executeRawUnsafe(`SELECT audit_seal(ARRAY[${event!.id}]::bigint[], ARRAY['${prevHash}'], ARRAY['${auditEventHash(prevHash, event!)}'], ${seq})`);
    await sealAs(a, head!.seq! + 1n, head!.hash!);
    await expect(sealAs(b, head!.seq! + 1n, head!.hash!)).rejects.toThrow(/append-only/); // same position
    await expect(sealAs(b, head!.seq! + 2n, head!.hash!)).rejects.toThrow(/append-only/); // skips a's link
    await expect(sealAs(b, head!.seq! + 3n, (await eventsOf(marker))[0]!.hash!)).rejects.toThrow(/append-only/); // leaves a gap
    await sealAllAuditEvents(ctx.deps.db);
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true });
  });

  it('the trigger allows exactly unsealed → sealed, of the sealing columns only; sealed events never change', async () => {
    const marker = `guard-${Date.now()}`;
    await record(marker, 0);
    const [event] = await eventsOf(marker);
    const db = ctx.deps.db;
    // An unsealed event cannot be edited, deleted, or have its transaction id rewritten.
    await expect(db.auditEvent.update({ where: { id: event!.id }, data: { action: 'nothing.happened' } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: event!.id }, data: { xid: 1n } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event!.id } })).rejects.toThrow(/append-only/);
    // Nor sealed while also being edited.
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditEvent" SET seq = 999999, hash = 'x', "prevHash" = 'y', "sealedAt" = now(), action = 'edited' WHERE id = ${event!.id}`),
    ).rejects.toThrow(/append-only/);
    // A writer cannot insert an event already sealed, nor choose its transaction id.
    await expect(db.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("actorType", action, seq, hash, "prevHash", "sealedAt") VALUES ('system', 'forged', 999999, 'x', 'y', now())`)).rejects.toThrow(/append-only/);
    const [{ xid }] = await db.$queryRawUnsafe<[{ xid: bigint }]>(`INSERT INTO "AuditEvent" ("actorType", action, xid) VALUES ('system', 'test.xid', 1) RETURNING xid`);
    expect(xid).toBeGreaterThan(1n);

    await sealAllAuditEvents(db);
    const sealed = await db.auditEvent.findUniqueOrThrow({ where: { id: event!.id } });
    await expect(db.auditEvent.update({ where: { id: sealed.id }, data: { sealedAt: new Date() } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: sealed.id }, data: { seq: null, hash: null, prevHash: null, sealedAt: null } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: sealed.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
  });

  it('verify detects a re-ordering and a gap among sealed events', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const [x, y] = await ctx.deps.db.auditEvent.findMany({ where: { seq: { not: null } }, orderBy: { seq: 'desc' }, take: 2 });
    const tampered = (change: string) => underSuperuser(ctx, change, (tx) => verifyAuditChain(tx));
    // Swap the positions of the last two events (as someone bypassing the trigger would).
    const swapped = await tampered(`UPDATE "AuditEvent" SET seq = CASE WHEN id = ${x!.id} THEN -1 ELSE seq END WHERE id = ${x!.id};
      UPDATE "AuditEvent" SET seq = ${x!.seq} WHERE id = ${y!.id}; UPDATE "AuditEvent" SET seq = ${y!.seq} WHERE id = ${x!.id}`);
    expect(swapped.firstBroken).toMatchObject({ id: x!.id.toString(), reason: 'prev_hash_mismatch' });
    // Move the last event one position further: the chain still links, but a position is missing.
    const gap = await tampered(`UPDATE "AuditEvent" SET seq = seq + 1 WHERE id = ${x!.id}`);
    expect(gap.firstBroken).toMatchObject({ id: x!.id.toString(), reason: 'position_gap' });
  });

  it('signs checkpoints of the head that an outside party verifies with the public key alone; a rewritten or truncated chain contradicts them', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    const signer = createCheckpointSigner(signingKeyPem);
    const checkpoint = { signer, intervalMs: 60_000, now: ctx.clock.now() };
    await record(`checkpoint-${Date.now()}`, 0);
    await sealAllAuditEvents(ctx.deps.db);
    expect(await sealAuditEvents(ctx.deps.db, { batchSize: 100, checkpoint })).toMatchObject({ checkpointed: true });
    // Not again before the interval, nor when nothing new was sealed.
    expect(await sealAuditEvents(ctx.deps.db, { batchSize: 100, checkpoint })).toMatchObject({ checkpointed: false });
    ctx.clock.advance(61_000);
    expect(await sealAuditEvents(ctx.deps.db, { batchSize: 100, checkpoint: { ...checkpoint, now: ctx.clock.now() } })).toMatchObject({ checkpointed: false });

    const exported = await ctx.app.inject({ method: 'GET', url: '/v1/audit/checkpoints', headers: adminHeaders });
    expect(exported.statusCode).toBe(200);
    const { publicKey, items } = exported.json() as { publicKey: { pem: string; keyId: string }; items: { count: string; headHash: string; message: string; signature: string; keyId: string }[] };
    expect(items).toHaveLength(1);
    const [latest] = items;
    expect(latest!.keyId).toBe(publicKey.keyId);
    expect(verifySignature(null, Buffer.from(latest!.message), publicKey.pem, Buffer.from(latest!.signature, 'base64'))).toBe(true);
    expect(verifySignature(null, Buffer.from(latest!.message.replace(/count=\d+/, 'count=1')), publicKey.pem, Buffer.from(latest!.signature, 'base64'))).toBe(false);
    const atHead = await ctx.deps.db.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(latest!.count) } });
    expect(latest!.headHash).toBe(atHead.hash);
    expect(latest!.message).toContain(`headHash=${atHead.hash}\n`);

    const verified = await ctx.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: adminHeaders });
    expect(verified.json()).toMatchObject({ ok: true, checkpointsChecked: 1 });

    // Someone with superuser rights removes the tail and the chain still links: only the checkpoint shows it.
    const truncated = await underSuperuser(ctx, `DELETE FROM "AuditEvent" WHERE seq >= ${latest!.count}`, (tx) => verifyAuditChain(tx));
    expect(truncated).toMatchObject({ ok: false, firstBroken: { reason: 'truncated' } });
    // ... or edits the head event and re-hashes it, so every link still holds: again only the checkpoint shows it.
    const rehash = auditEventHash(atHead.prevHash!, { ...atHead, details: { i: 99 } });
    const rewritten = await underSuperuser(ctx, `UPDATE "AuditEvent" SET details = '{"i": 99}', hash = '${rehash}' WHERE id = ${atHead.id}`, (tx) => verifyAuditChain(tx, { signer }));
    expect(rewritten).toMatchObject({ ok: false, checked: Number(latest!.count), firstBroken: { reason: 'checkpoint_mismatch' } });
    // A checkpoint made up afterwards (wrong signature) is refused too.
    const forged = await underSuperuser(ctx, `UPDATE "AuditCheckpoint" SET signature = '${Buffer.alloc(64).toString('base64')}'`, (tx) => verifyAuditChain(tx, { signer }));
    expect(forged).toMatchObject({ ok: false, firstBroken: { reason: 'checkpoint_mismatch' } });
    await expect(ctx.deps.db.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint"`)).rejects.toThrow(/append-only/);
  });

  it('the worker loop seals new events within its interval', async () => {
    const sealer = startAuditSealer({ ...ctx.deps, config: { ...ctx.deps.config, AUDIT_SEAL_INTERVAL_MS: 50 } });
    try {
      const marker = `loop-${Date.now()}`;
      await record(marker, 0);
      await waitFor(async () => (await eventsOf(marker))[0]!.seq, (seq) => seq !== null, { intervalMs: 50, what: 'the loop to seal the new event' });
    } finally {
      await sealer.close();
    }
  });

  it('only an ADMIN exports checkpoints; a malformed cursor is a 400', async () => {
    const it = await createUser(ctx.deps, { role: 'IT' });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/audit/checkpoints', headers: await bearer(ctx, it) })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/audit/checkpoints' })).statusCode).toBe(401);
    for (const cursor of ['abc', '1%00', '9'.repeat(40)]) {
      expect((await ctx.app.inject({ method: 'GET', url: `/v1/audit/checkpoints?cursor=${cursor}`, headers: adminHeaders })).statusCode).toBe(400);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/audit/checkpoints?limit=100000', headers: adminHeaders })).statusCode).toBe(400);
  });
});

/** Runs `change` with triggers off (as a superuser could), then `check`, and rolls everything back. */
async function underSuperuser<T>(ctx: TestContext, change: string, check: (tx: Parameters<Parameters<TestContext['deps']['db']['$transaction']>[0]>[0]) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await ctx.deps.db
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
      for (const statement of change.split(';')) if (statement.trim()) await tx.$executeRawUnsafe(statement);
      result = await check(tx);
      throw new Error('rollback');
    })
    .catch((error: Error) => {
      if (error.message !== 'rollback') throw error;
    });
  return result as T;
}
