import type { AuditEvent } from '../db/prisma.js';

/**
 * One sealed audit event as an NDJSON line: the fields its hash covers, its position, the hash it links to and its
 * own hash, so whoever receives it can re-verify the chain (src/audit/audit-hash.ts) without our code.
 */
export function auditExportLine(e: AuditEvent): string {
  return (
    JSON.stringify({
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
    }) + '\n'
  );
}
