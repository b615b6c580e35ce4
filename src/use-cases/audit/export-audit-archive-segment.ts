import { archivableAuditSegment, auditSegmentExportLines } from './audit-segment-export.js';
import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';

/**
 * Step 1 of archiving old audit events: the oldest sealed segment, exported with its boundary hashes (see
 * auditSegmentExportLines). Nothing is removed here; POST /v1/audit/archive removes the segment once the ADMIN
 * confirms holding this export by its SHA-256. ADMIN only, audited.
 */
export async function* exportAuditArchiveSegment(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock' | 'config'>, actor: Actor): AsyncGenerator<string> {
  const segment = await archivableAuditSegment(deps, actor);
  await deps.audit.record({
    actorType: 'user',
    actorId: actor.userId,
    action: 'audit.archive_exported',
    targetType: 'audit',
    ip: actor.ip ?? null,
    details: { firstPosition: segment.firstSeq.toString(), lastPosition: segment.lastSeq.toString(), lastHash: segment.lastHash },
  });
  yield* auditSegmentExportLines(deps.db, segment);
}
