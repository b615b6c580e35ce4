import type { BaseDeps } from '../../deps.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { checkpointSignerFor } from '../../domain/audit/checkpoint.js';

export async function verifyAuditLog(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock' | 'config'>, actor: Actor) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can verify the audit log');
  const report = await verifyAuditChain(deps.db, { now: deps.clock.now(), signer: checkpointSignerFor(deps.config.AUDIT_CHECKPOINT_SIGNING_KEY) });
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'audit.verified', ip: actor.ip ?? null, details: { ok: report.ok, checked: report.checked, firstBroken: report.firstBroken?.id ?? null } });
  return report;
}
