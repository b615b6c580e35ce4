import type { DbOrTx } from '../db/prisma.js';
import type { CheckpointSigner } from '../domain/audit/checkpoint.js';
import { pendingAuditEvents } from '../storage/audit-sealer.js';
import { auditEventHash, GENESIS_HASH } from './audit-hash.js';

export interface ChainBreak {
  /** The first sealed event whose stored hashes or position do not match the chain (or the checkpoint's id). */
  id: string;
  /**
   * prev_hash_mismatch: the link to the predecessor is broken (an event deleted, inserted or moved before it);
   * hash_mismatch: the event was edited; unchained: hashes missing; position_gap: its position is not the next one;
   * checkpoint_mismatch: the chain at a signed checkpoint's position no longer has the hash signed then;
   * truncated: the chain is shorter than a signed checkpoint says it was.
   */
  reason: 'prev_hash_mismatch' | 'hash_mismatch' | 'unchained' | 'position_gap' | 'checkpoint_mismatch' | 'truncated';
  at: string;
}

export interface ChainReport {
  ok: boolean;
  /** Sealed events verified before the first break (all of them when ok). */
  checked: number;
  firstBroken: ChainBreak | null;
  /** Hash of the last event checked: keep it elsewhere to detect later truncation of the tail. */
  headHash: string;
  /** Events recorded but not yet linked into the chain by the sealer, and how long the oldest has waited. */
  pending: number;
  oldestPendingAgeSeconds: number | null;
  /** Signed checkpoints compared with the chain (and, given the public key, whose signature was checked). */
  checkpointsChecked: number;
  /** Last position archived (exported and removed); verification starts after it from its kept hash. Null: none. */
  archivedThrough: string | null;
}

const BATCH = 2_000;

/**
 * Recomputes every sealed event's hash in chain order (position 1, 2, ..., or from the newest archive boundary on). An edited row fails its own hash; a
 * deleted, inserted or re-ordered row breaks the next row's link to its predecessor; a removed tail shows against
 * the signed checkpoints. Given the signer, checkpoints made with its key must also carry a valid signature.
 */
export async function verifyAuditChain(db: DbOrTx, options: { now?: Date; signer?: Pick<CheckpointSigner, 'keyId' | 'verify'> } = {}): Promise<ChainReport> {
  const checkpoints = await db.auditCheckpoint.findMany({ orderBy: { count: 'asc' } });
  const checkpointAt = new Map(checkpoints.map((c) => [c.count, c]));
  const { pending, oldestPendingAt } = await pendingAuditEvents(db);
  const now = options.now ?? new Date();
  const base = {
    pending,
    oldestPendingAgeSeconds: oldestPendingAt ? Math.max(0, (now.getTime() - oldestPendingAt.getTime()) / 1000) : null,
  };
  // Archived segments leave boundary rows: each must continue the one before, and end on its signed checkpoint.
  // The remaining chain then continues from the newest boundary's hash instead of the genesis.
  const archives = await db.auditArchive.findMany({ orderBy: { lastSeq: 'asc' } });
  let previous = GENESIS_HASH;
  let start = 0n;
  let checked = 0;
  let checkpointsChecked = 0;
  const archivedThrough = archives.at(-1)?.lastSeq.toString() ?? null;
  for (const archive of archives) {
    const checkpoint = checkpoints.find((c) => c.id === archive.checkpointId);
    const fail = (reason: ChainBreak['reason']): ChainReport => ({
      ok: false,
      checked,
      firstBroken: { id: `archive-${archive.id}`, reason, at: archive.archivedAt.toISOString() },
      headHash: previous,
      ...base,
      checkpointsChecked,
      archivedThrough,
    });
    if (archive.firstSeq !== start + 1n) return fail('position_gap');
    if (archive.firstPrevHash !== previous) return fail('prev_hash_mismatch');
    const signer = options.signer?.keyId === checkpoint?.keyId ? options.signer : undefined;
    if (!checkpoint || checkpoint.count !== archive.lastSeq || checkpoint.headHash !== archive.lastHash || (signer && !signer.verify(checkpoint, checkpoint.signature))) {
      return fail('checkpoint_mismatch');
    }
    checkpointsChecked += 1;
    previous = archive.lastHash;
    start = archive.lastSeq;
  }
  let cursor = start;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: 'asc' }, take: BATCH });
    for (const row of rows) {
      const broken = (reason: ChainBreak['reason'], id = row.id.toString(), at = row.at): ChainReport => ({
        ok: false,
        checked,
        firstBroken: { id, reason, at: at.toISOString() },
        headHash: previous,
        ...base,
        checkpointsChecked,
        archivedThrough,
      });
      if (!row.hash || !row.prevHash) return broken('unchained');
      if (row.prevHash !== previous) return broken('prev_hash_mismatch');
      if (auditEventHash(row.prevHash, row) !== row.hash) return broken('hash_mismatch');
      if (row.seq !== start + BigInt(checked + 1)) return broken('position_gap');
      previous = row.hash;
      checked += 1;
      const checkpoint = checkpointAt.get(row.seq);
      if (checkpoint) {
        const signer = options.signer?.keyId === checkpoint.keyId ? options.signer : undefined;
        const signatureOk = !signer || signer.verify(checkpoint, checkpoint.signature);
        if (checkpoint.headHash !== row.hash || !signatureOk) return broken('checkpoint_mismatch', `checkpoint-${checkpoint.id}`, checkpoint.at);
        checkpointsChecked += 1;
      }
    }
    if (rows.length < BATCH) break;
    cursor = rows.at(-1)!.seq!;
  }
  const beyond = checkpoints.find((c) => c.count > start + BigInt(checked));
  if (beyond) {
    return { ok: false, checked, firstBroken: { id: `checkpoint-${beyond.id}`, reason: 'truncated', at: beyond.at.toISOString() }, headHash: previous, ...base, checkpointsChecked, archivedThrough };
  }
  return { ok: true, checked, firstBroken: null, headHash: previous, ...base, checkpointsChecked, archivedThrough };
}
