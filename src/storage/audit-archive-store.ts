import type { Db, DbOrTx } from '../db/prisma.js';

export interface AuditSegment {
  firstSeq: bigint;
  lastSeq: bigint;
  /** prevHash of the first event: the previous boundary's hash (64 zeros at the start of the chain). */
  firstPrevHash: string;
  lastHash: string;
  /** Time of the segment's newest event (the one at lastSeq). */
  lastAt: Date;
  checkpoint: { id: bigint; count: bigint; headHash: string; at: Date; keyId: string; signature: string };
}

/**
 * The oldest sealed segment still held: from the position after the newest archive boundary up to the oldest signed
 * checkpoint beyond it. Null when no checkpoint lies beyond the boundary (nothing can be archived verifiably).
 */
export async function oldestAuditSegment(db: DbOrTx): Promise<AuditSegment | null> {
  const boundary = await db.auditArchive.findFirst({ orderBy: { lastSeq: 'desc' }, select: { lastSeq: true } });
  const firstSeq = (boundary?.lastSeq ?? 0n) + 1n;
  const checkpoint = await db.auditCheckpoint.findFirst({ where: { count: { gte: firstSeq } }, orderBy: [{ count: 'asc' }, { id: 'asc' }] });
  if (!checkpoint) return null;
  const [first, last] = await Promise.all([
    db.auditEvent.findUnique({ where: { seq: firstSeq }, select: { prevHash: true } }),
    db.auditEvent.findUnique({ where: { seq: checkpoint.count }, select: { hash: true, at: true } }),
  ]);
  if (!first?.prevHash || !last?.hash) return null;
  return { firstSeq, lastSeq: checkpoint.count, firstPrevHash: first.prevHash, lastHash: last.hash, lastAt: last.at, checkpoint };
}

/** The segment's events in chain order, a batch at a time, so memory stays at one batch whatever its size. */
export async function* auditSegmentEvents(db: DbOrTx, segment: Pick<AuditSegment, 'firstSeq' | 'lastSeq'>, batch = 1_000) {
  let after = segment.firstSeq - 1n;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after, lte: segment.lastSeq } }, orderBy: { seq: 'asc' }, take: batch });
    yield* rows;
    if (rows.length < batch) return;
    after = rows.at(-1)!.seq!;
  }
}

/**
 * Removes exactly the segment ending at `lastSeq` through the database's audit_archive_segment(), the only way the
 * AuditEvent trigger lets sealed events go: it keeps a boundary row, deletes the segment and records audit.archived,
 * all in one transaction. Refused by the database unless it is the oldest segment ending on its signed checkpoint.
 */
export async function archiveAuditSegment(
  db: Db,
  input: { lastSeq: bigint; lastHash: string; exportSha256: string; actorId: string; ip: string | null; at: Date; details: Record<string, unknown> },
): Promise<{ archiveId: bigint; removed: bigint }> {
  const [row] = await db.$queryRaw<[{ archive_id: bigint; removed: bigint }]>`
    SELECT archive_id, removed FROM audit_archive_segment(${input.lastSeq}::bigint, ${input.lastHash}, ${input.exportSha256}, ${input.actorId}::uuid,
      ${input.ip}, ${input.at}::timestamp(3), ${JSON.stringify(input.details)}::jsonb)`;
  return { archiveId: row.archive_id, removed: row.removed };
}
