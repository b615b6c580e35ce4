import type { AuditEvent } from '../../db/prisma.js';

/**
 * One sealed audit event as integrators receive it (NDJSON export, audit webhook): its fields, its position in the
 * chain and the hashes linking it, so a SIEM can recompute each hash (src/audit/audit-hash.ts) and notice a gap.
 */
export function auditEventRecord(e: AuditEvent) {
  return {
    position: e.seq!.toString(),
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    details: e.details ?? null,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
