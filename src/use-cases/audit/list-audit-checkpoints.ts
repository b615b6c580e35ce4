import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { checkpointMessage, checkpointSignerFor } from '../../domain/audit/checkpoint.js';
import { AppError } from '../../errors.js';

/**
 * Signed checkpoints of the audit chain, newest first, with the current public key: copy them somewhere the
 * operators of this system cannot write, and later anyone can check (with the public key alone) that the chain
 * still has, at each checkpoint's position, the hash signed then.
 */
export async function listAuditCheckpoints(deps: Pick<BaseDeps, 'db' | 'audit' | 'config'>, actor: Actor, query: { limit: number; cursor?: string }) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can export audit checkpoints');
  let cursor: bigint | undefined;
  if (query.cursor !== undefined) {
    if (!/^\d{1,19}$/.test(query.cursor)) throw new AppError('BAD_REQUEST', 'Invalid cursor');
    cursor = BigInt(query.cursor);
  }
  const rows = await deps.db.auditCheckpoint.findMany({
    where: cursor !== undefined ? { id: { lt: cursor } } : {},
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const signer = checkpointSignerFor(deps.config.AUDIT_CHECKPOINT_SIGNING_KEY);
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'audit.checkpoints_exported', ip: actor.ip ?? null, details: { returned: page.length } });
  return {
    publicKey: signer ? { keyId: signer.keyId, pem: signer.publicKeyPem } : null,
    items: page.map((c) => ({
      id: c.id.toString(),
      count: c.count.toString(),
      headHash: c.headHash,
      at: c.at.toISOString(),
      keyId: c.keyId,
      algorithm: 'Ed25519' as const,
      signature: c.signature,
      message: checkpointMessage(c),
    })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.id.toString() : null,
  };
}
