import { createHash, generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash, type HashedAuditFields } from '../../src/audit/audit-hash.js';
import { createCheckpointSigner, verifyCheckpoint } from '../../src/domain/audit/checkpoint.js';
import { sealAuditEvents } from '../../src/storage/audit-sealer.js';
import { sealAllAuditEvents } from '../support/audit.js';
import { bearer as signIn, createIsolatedTestContext, type TestContext } from '../support/context.js';
import { createUser, type TestUser } from '../support/factories.js';

const DAY = 86_400_000;
const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signer = createCheckpointSigner(signingKeyPem);

interface SegmentHeader {
  segment: { firstPosition: string; lastPosition: string; events: string; prevHash: string; lastHash: string; checkpoint: { count: string; headHash: string; at: string; signature: string; message: string } };
}
type EventLine = Omit<HashedAuditFields, 'at'> & { position: string; at: string; prevHash: string; hash: string };

describe('audit archival', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let it_: TestUser;
  const clients: pg.Client[] = [];

  async function connection() {
    const client = new pg.Client({ connectionString: ctx.deps.config.DATABASE_URL });
    await client.connect();
    clients.push(client);
    return client;
  }
  const record = (n: number, marker: string) =>
    Promise.all(Array.from({ length: n }, (_, i) => ctx.deps.audit.record({ actorType: 'system', action: 'test.archive', targetId: marker, details: { i } })));
  /** Seals everything and signs a checkpoint of the head, as the worker's sealer does each interval. */
  async function sealAndCheckpoint() {
    await sealAllAuditEvents(ctx.deps.db);
    const result = await sealAuditEvents(ctx.deps.db, { batchSize: 10_000, checkpoint: { signer, intervalMs: 0, now: ctx.clock.now() } });
    expect(result.checkpointed).toBe(true);
    return result.headSeq;
  }
  const exportSegment = async (headers: Record<string, string>) => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/audit/archive', headers });
    const lines = response.statusCode === 200 ? response.body.trim().split('\n').map((l) => JSON.parse(l) as unknown) : [];
    return { response, header: lines[0] as SegmentHeader | undefined, events: lines.slice(1) as EventLine[], sha256: createHash('sha256').update(response.body).digest('hex') };
  };
  const archive = (headers: Record<string, string>, payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/v1/audit/archive', headers, payload });
  /** A TOTP code works once per 30 s step: each sign-in happens a step later. */
  const bearer = (c: TestContext, user: TestUser) => {
    c.clock.advance(31_000);
    return signIn(c, user);
  };
  const verify = async () => (await ctx.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: await bearer(ctx, admin) })).json();

  beforeAll(async () => {
    ctx = await createIsolatedTestContext({ AUDIT_CHECKPOINT_SIGNING_KEY: Buffer.from(signingKeyPem).toString('base64'), AUDIT_ARCHIVE_MIN_AGE_DAYS: '30' });
    admin = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
    it_ = await createUser(ctx.deps, { role: 'IT', mfa: true });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await ctx.close();
  });

  it('refuses non-ADMINs, and segments younger than AUDIT_ARCHIVE_MIN_AGE_DAYS', async () => {
    await record(20, 'first');
    await sealAndCheckpoint();
    const itHeaders = await bearer(ctx, it_);
    expect((await exportSegment(itHeaders)).response.statusCode).toBe(403);
    expect((await archive(itHeaders, { lastPosition: '1', lastHash: '0'.repeat(64), exportSha256: '0'.repeat(64) })).statusCode).toBe(403);
    const young = await exportSegment(await bearer(ctx, admin));
    expect(young.response.statusCode).toBe(409);
    expect(await ctx.deps.db.auditArchive.count()).toBe(0);
  });

  it('exports the oldest segment with its boundary hashes, verifiable against the signed checkpoint, then removes exactly it', async () => {
    ctx.clock.advance(31 * DAY);
    await record(5, 'second'); // a newer segment, which must stay
    const secondHead = await sealAndCheckpoint();
    const headers = await bearer(ctx, admin); // signed in now: a recent MFA, as archiving needs

    const { response, header, events, sha256 } = await exportSegment(headers);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const { segment } = header!;
    expect(segment.firstPosition).toBe('1');
    expect(BigInt(segment.lastPosition)).toBeLessThan(secondHead);
    expect(segment.prevHash).toBe('0'.repeat(64));
    expect(events.map((e) => e.position)).toEqual(Array.from({ length: Number(segment.events) }, (_, i) => String(i + 1)));
    // What an auditor can check years later with the file and the public key alone.
    let previous = segment.prevHash;
    for (const e of events) {
      expect(e.prevHash).toBe(previous);
      expect(auditEventHash(e.prevHash, { ...e, at: new Date(e.at) })).toBe(e.hash);
      previous = e.hash;
    }
    expect(previous).toBe(segment.lastHash);
    expect(segment.checkpoint.headHash).toBe(segment.lastHash);
    expect(verifyCheckpoint(signer.publicKeyPem, { count: BigInt(segment.checkpoint.count), headHash: segment.checkpoint.headHash, at: new Date(segment.checkpoint.at) }, segment.checkpoint.signature)).toBe(true);
    // Exporting removed nothing and was audited.
    expect(await ctx.deps.db.auditEvent.count({ where: { seq: { lte: BigInt(segment.lastPosition) } } })).toBe(Number(segment.events));
    expect(await ctx.deps.db.auditEvent.count({ where: { action: 'audit.archive_exported' } })).toBe(1);

    // A confirmation that does not prove holding the export removes nothing.
    const wrongSha = await archive(headers, { lastPosition: segment.lastPosition, lastHash: segment.lastHash, exportSha256: 'ab'.repeat(32) });
    expect(wrongSha.statusCode).toBe(409);
    const notOldest = await archive(headers, { lastPosition: secondHead.toString(), lastHash: segment.lastHash, exportSha256: sha256 });
    expect(notOldest.statusCode).toBe(409);

    const done = await archive(headers, { lastPosition: segment.lastPosition, lastHash: segment.lastHash, exportSha256: sha256 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ firstPosition: '1', lastPosition: segment.lastPosition, prevHash: '0'.repeat(64), lastHash: segment.lastHash, removed: Number(segment.events) });
    expect(await ctx.deps.db.auditEvent.count({ where: { seq: { lte: BigInt(segment.lastPosition) } } })).toBe(0);
    expect(await ctx.deps.db.auditEvent.count({ where: { seq: { gt: BigInt(segment.lastPosition) } } })).toBeGreaterThan(0);
    const recorded = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { action: 'audit.archived' } });
    expect(recorded).toMatchObject({ actorId: admin.id, targetId: done.json().archiveId, seq: null });
    expect(recorded.details).toMatchObject({ lastPosition: segment.lastPosition, lastHash: segment.lastHash, exportSha256: sha256, removed: Number(segment.events) });

    // The remaining chain verifies from the kept boundary, and the archival itself joins the chain.
    await sealAllAuditEvents(ctx.deps.db);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, firstBroken: null, archivedThrough: segment.lastPosition });
    expect(report.checkpointsChecked).toBeGreaterThanOrEqual(2);

    // Double archive: the same confirmation again is a conflict and removes nothing more.
    const before = await ctx.deps.db.auditEvent.count();
    const again = await archive(headers, { lastPosition: segment.lastPosition, lastHash: segment.lastHash, exportSha256: sha256 });
    expect(again.statusCode).toBe(409);
    expect(await ctx.deps.db.auditEvent.count()).toBe(before);
    expect(await ctx.deps.db.auditArchive.count()).toBe(1);
  });

  it('refuses deleting sealed events any other way, even with a forged archive flag or boundary row', async () => {
    const client = await connection();
    const sealed = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { seq: { not: null } }, orderBy: { seq: 'asc' } });
    await expect(client.query('DELETE FROM "AuditEvent" WHERE "seq" = $1', [sealed.seq])).rejects.toThrow(/append-only/);
    await expect(client.query('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    // The flag names the boundary row of an earlier transaction: not this one's, so still refused.
    const [boundary] = await ctx.deps.db.auditArchive.findMany();
    await client.query('BEGIN');
    await client.query(`SELECT set_config('mdm.audit_archive', $1, true)`, [boundary!.id.toString()]);
    await expect(client.query('DELETE FROM "AuditEvent" WHERE "seq" = $1', [sealed.seq])).rejects.toThrow(/append-only/);
    await client.query('ROLLBACK');
    // A hand-made boundary row that does not describe the oldest segment exactly is refused.
    await expect(
      client.query(
        `INSERT INTO "AuditArchive" ("firstSeq", "lastSeq", "firstPrevHash", "lastHash", "checkpointId", "exportSha256", "archivedById", "archivedAt")
         VALUES ($1, $2, $3, $4, 1, 'x', $5, now())`,
        [sealed.seq, sealed.seq, sealed.prevHash, sealed.hash, admin.id],
      ),
    ).rejects.toThrow(/AuditArchive/);
    // Boundary rows are kept for ever.
    await expect(client.query('DELETE FROM "AuditArchive"')).rejects.toThrow(/append-only/);
    await expect(client.query(`UPDATE "AuditArchive" SET "lastHash" = 'x'`)).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('archiving up to the head leaves the sealer linking new events to the boundary', async () => {
    await sealAllAuditEvents(ctx.deps.db);
    ctx.clock.advance(31 * DAY);
    const head = await sealAndCheckpoint();
    const headers = await bearer(ctx, admin);
    // Segments end at checkpoints: the one signed in the previous test comes first, then the one at the head.
    let header: SegmentHeader | undefined;
    for (let round = 0; round < 2; round += 1) {
      const exported = await exportSegment(headers);
      header = exported.header;
      const done = await archive(headers, { lastPosition: header!.segment.lastPosition, lastHash: header!.segment.lastHash, exportSha256: exported.sha256 });
      expect(done.statusCode).toBe(200);
    }
    expect(header!.segment.lastPosition).toBe(head.toString());
    expect(await ctx.deps.db.auditEvent.count({ where: { seq: { not: null } } })).toBe(0);

    await sealAllAuditEvents(ctx.deps.db);
    const next = await ctx.deps.db.auditEvent.findFirstOrThrow({ where: { seq: { not: null } }, orderBy: { seq: 'asc' } });
    expect(next).toMatchObject({ seq: head + 1n, prevHash: header!.segment.lastHash });
    const report = await verify();
    expect(report).toMatchObject({ ok: true, archivedThrough: head.toString() });
    // No further segment until a new checkpoint is signed beyond the boundary.
    expect((await exportSegment(headers)).response.statusCode).toBe(409);
  });
});
