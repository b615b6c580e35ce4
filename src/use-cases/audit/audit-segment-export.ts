import type { Clock } from '../../clock.js';
import type { Config } from '../../config/index.js';
import type { DbOrTx } from '../../db/prisma.js';
import type { Actor } from '../../domain/access.js';
import { checkpointMessage } from '../../domain/audit/checkpoint.js';
import { AppError } from '../../errors.js';
import { auditSegmentEvents, oldestAuditSegment, type AuditSegment } from '../../storage/audit-archive-store.js';
import { auditEventRecord } from './audit-event-record.js';

/**
 * The archive export of one segment, as NDJSON: a first line describing the segment and its boundary hashes
 * (first position and the prevHash it links to, last position and its hash) with the signed checkpoint at its
 * end, then every event line as GET /v1/audit/export writes them. Deterministic (nothing in it depends on when it
 * is made), so the SHA-256 an ADMIN sends back when confirming the archival proves they hold exactly this text.
 *
 * Verifying it later needs only the file and the checkpoint's public key: the first event's prevHash is
 * `segment.prevHash`, each line hashes (src/audit/audit-hash.ts) to its `hash` and links to the line before, and the
 * last hash equals the checkpoint's `headHash`, whose Ed25519 signature covers `checkpoint.message`.
 */
export async function* auditSegmentExportLines(db: DbOrTx, segment: AuditSegment): AsyncGenerator<string> {
  const { checkpoint } = segment;
  yield JSON.stringify({
    segment: {
      firstPosition: segment.firstSeq.toString(),
      lastPosition: segment.lastSeq.toString(),
      events: (segment.lastSeq - segment.firstSeq + 1n).toString(),
      prevHash: segment.firstPrevHash,
      lastHash: segment.lastHash,
      checkpoint: {
        id: checkpoint.id.toString(),
        count: checkpoint.count.toString(),
        headHash: checkpoint.headHash,
        at: checkpoint.at.toISOString(),
        keyId: checkpoint.keyId,
        algorithm: 'Ed25519',
        signature: checkpoint.signature,
        message: checkpointMessage(checkpoint),
      },
    },
  }) + '\n';
  for await (const event of auditSegmentEvents(db, segment)) yield JSON.stringify(auditEventRecord(event)) + '\n';
}

/** The oldest segment, provided the caller is an ADMIN and the segment is old enough to leave the database. */
export async function archivableAuditSegment(deps: { db: DbOrTx; clock: Clock; config: Pick<Config, 'AUDIT_ARCHIVE_MIN_AGE_DAYS'> }, actor: Actor): Promise<AuditSegment> {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can archive the audit log');
  const segment = await oldestAuditSegment(deps.db);
  if (!segment) throw new AppError('CONFLICT', 'No sealed segment to archive: segments end at signed checkpoints (set AUDIT_CHECKPOINT_SIGNING_KEY)');
  const minAgeMs = deps.config.AUDIT_ARCHIVE_MIN_AGE_DAYS * 86_400_000;
  if (deps.clock.now().getTime() - segment.lastAt.getTime() < minAgeMs) {
    throw new AppError('CONFLICT', `The oldest segment ends with an event younger than AUDIT_ARCHIVE_MIN_AGE_DAYS (${deps.config.AUDIT_ARCHIVE_MIN_AGE_DAYS} days)`, {
      details: { lastPosition: segment.lastSeq.toString(), lastAt: segment.lastAt.toISOString() },
    });
  }
  return segment;
}
