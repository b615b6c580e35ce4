import { auditEventHash, GENESIS_HASH, type HashedAuditFields } from '../audit/audit-hash.js';
import type { Db, DbOrTx, Tx } from '../db/prisma.js';
import type { CheckpointSigner } from '../domain/audit/checkpoint.js';

/**
 * Only one sealer links events at a time, whichever worker process holds this transaction-level lock; the
 * others skip their turn. Nothing lives in Redis, so losing Redis data loses no sealing state.
 */
export const AUDIT_SEAL_LOCK = 0x6d646d_7365616c; // "mdm" "seal"

export interface SealOptions {
  batchSize: number;
  /** Signs a checkpoint of the head after sealing when the last one is older than this (and the head moved). */
  checkpoint?: { signer: CheckpointSigner; intervalMs: number; now: Date };
}

export interface SealResult {
  /** False when another sealer held the lock: this call sealed nothing. */
  locked: boolean;
  sealed: number;
  headSeq: bigint;
  checkpointed: boolean;
}

interface PendingRow extends HashedAuditFields {
  id: bigint;
}

/**
 * Seals one batch of audit events into the hash chain, in one transaction.
 *
 * Which events: only those inserted by a transaction that ended before every transaction still running
 * (xid < xmin of the current snapshot). Such a set can never grow afterwards (a transaction still running, or
 * started later, has a larger xid), so an event whose transaction commits after a later one is not skipped: it
 * simply waits until it and every older transaction have ended, and the chain is only ever appended to. Within
 * a batch events are linked in id (insertion) order. A long-running transaction delays sealing, never breaks it;
 * GET /v1/audit/verify shows the backlog.
 *
 * A crash mid-batch rolls the whole batch back; two sealers racing serialise on AUDIT_SEAL_LOCK, and the database
 * trigger refuses any link that does not extend the current head, so the chain cannot fork even without it.
 */
export async function sealAuditEvents(db: Db, options: SealOptions): Promise<SealResult> {
  return db.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${AUDIT_SEAL_LOCK}::bigint) AS locked`;
    if (!locked) return { locked: false, sealed: 0, headSeq: 0n, checkpointed: false };
    const pending = await tx.$queryRaw<PendingRow[]>`
      SELECT "id", "at", "actorType", "actorId", "action", "targetType", "targetId", "ip", "details"
        FROM "AuditEvent"
       WHERE "seq" IS NULL AND "xid" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
       ORDER BY "id"
       LIMIT ${options.batchSize}`;
    let { seq: headSeq, hash: headHash } = await head(tx);
    if (pending.length > 0) {
      const firstSeq = headSeq + 1n;
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        prevHashes.push(headHash);
        headHash = auditEventHash(headHash, row);
        hashes.push(headHash);
      }
      await tx.$queryRaw`SELECT audit_seal(${pending.map((r) => r.id.toString())}::text[]::bigint[], ${prevHashes}::text[], ${hashes}::text[], ${firstSeq}::bigint)`;
      headSeq += BigInt(pending.length);
    }
    const checkpointed = options.checkpoint ? await checkpointIfDue(tx, options.checkpoint, headSeq, headHash) : false;
    return { locked: true, sealed: pending.length, headSeq, checkpointed };
  });
}

/** The newest sealed event; when every sealed event has been archived, the newest archive boundary; else genesis. */
async function head(tx: Tx): Promise<{ seq: bigint; hash: string }> {
  const rows = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    (SELECT "seq", "hash" FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1)
    UNION ALL
    (SELECT "lastSeq", "lastHash" FROM "AuditArchive" ORDER BY "lastSeq" DESC LIMIT 1)
    ORDER BY 1 DESC LIMIT 1`;
  return rows[0] ?? { seq: 0n, hash: GENESIS_HASH };
}

async function checkpointIfDue(tx: Tx, checkpoint: NonNullable<SealOptions['checkpoint']>, headSeq: bigint, headHash: string): Promise<boolean> {
  if (headSeq === 0n) return false;
  const last = await tx.auditCheckpoint.findFirst({ orderBy: { id: 'desc' }, select: { count: true, at: true } });
  if (last && (last.count === headSeq || checkpoint.now.getTime() - last.at.getTime() < checkpoint.intervalMs)) return false;
  const statement = { count: headSeq, headHash, at: checkpoint.now };
  await tx.auditCheckpoint.create({ data: { ...statement, keyId: checkpoint.signer.keyId, signature: checkpoint.signer.sign(statement) } });
  return true;
}

export interface PendingSummary {
  pending: number;
  oldestPendingAt: Date | null;
}

export async function pendingAuditEvents(db: DbOrTx): Promise<PendingSummary> {
  const [row] = await db.$queryRaw<[{ pending: number; oldest: Date | null }]>`
    SELECT count(*)::int AS pending, min("at") AS oldest FROM "AuditEvent" WHERE "seq" IS NULL`;
  return { pending: row.pending, oldestPendingAt: row.oldest };
}
