// @ts-nocheck
import type { BaseDeps } from '../../../container.js';
import { verifyAuditChain } from '../../../audit/verify-chain.js';
import type { Actor } from '../../../domain/access.js';
import { AppError } from '../../../errors.js';

export async function verifyAuditLog(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can verify the audit log');
  const report = await verifyAuditChain(deps.db);
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'audit.verified', ip: actor.ip ?? null, details: { ok: report.ok, checked: report.checked, firstBroken: report.firstBroken?.id ?? null } });
  return report;
}
