import { createHash } from 'node:crypto';
import { archivableAuditSegment, auditSegmentExportLines } from './audit-segment-export.js';
import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { archiveAuditSegment as removeSegment } from '../../storage/audit-archive-store.js';

export interface ArchiveConfirmation {
  /** lastPosition of the exported segment (GET /v1/audit/archive). */
  lastPosition: string;
  lastHash: string;
  /** SHA-256 (hex) of the whole export as received. */
  exportSha256: string;
}

/**
 * Step 2 of archiving: removes exactly the oldest sealed segment, provided the ADMIN names it (its last position
 * and hash) and proves holding its export (the SHA-256 of the export, which is deterministic and recomputed here).
 * The database function keeps a boundary row, deletes the events and records audit.archived in one transaction;
 * GET /v1/audit/verify then verifies the remaining chain from that boundary. Naming a segment that is no longer the
 * oldest (archived already, or a later one) is a conflict, so a repeated request removes nothing more.
 */
export async function archiveAuditSegment(deps: Pick<BaseDeps, 'db' | 'clock' | 'config'>, actor: Actor, input: ArchiveConfirmation) {
  const segment = await archivableAuditSegment(deps, actor);
  if (input.lastPosition !== segment.lastSeq.toString() || input.lastHash !== segment.lastHash) {
    throw new AppError('CONFLICT', 'That is not the oldest sealed segment (already archived?): export it again with GET /v1/audit/archive', {
      details: { oldestLastPosition: segment.lastSeq.toString() },
    });
  }
  const hash = createHash('sha256');
  for await (const line of auditSegmentExportLines(deps.db, segment)) hash.update(line);
  const exportSha256 = hash.digest('hex');
  if (input.exportSha256.toLowerCase() !== exportSha256) {
    throw new AppError('CONFLICT', 'exportSha256 does not match the export of this segment: keep the export unchanged, or export it again');
  }
  try {
    const { archiveId, removed } = await removeSegment(deps.db, {
      lastSeq: segment.lastSeq,
      lastHash: segment.lastHash,
      exportSha256,
      actorId: actor.userId,
      ip: actor.ip ?? null,
      at: deps.clock.now(),
      details: {},
    });
    return {
      archiveId: archiveId.toString(),
      firstPosition: segment.firstSeq.toString(),
      lastPosition: segment.lastSeq.toString(),
      prevHash: segment.firstPrevHash,
      lastHash: segment.lastHash,
      checkpointId: segment.checkpoint.id.toString(),
      removed: Number(removed),
    };
  } catch (error) {
    // Two ADMINs confirming at once: the database lets one archive the segment and refuses the other.
    if (/AuditArchive/.test((error as Error).message ?? '') || (error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', 'The segment was archived meanwhile', { cause: error });
    }
    throw error;
  }
}
