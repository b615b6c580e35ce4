import type { Db } from '../db/prisma.js';

/** Where a receiver's stream stands: the last chain position it acknowledged, and that event's hash. */
export interface AuditStreamPosition {
  position: bigint;
  hash: string | null;
  failures: number;
}

/**
 * Takes the stream to `url` for one round, if no other worker holds it and its backoff has passed: the claim is a
 * conditional update of the cursor row, so of several workers exactly one streams, and a worker that dies while
 * holding it only delays the stream until `leaseUntil`. No transaction stays open during the HTTP request (an open
 * transaction would hold back the audit sealer).
 */
export async function claimAuditStream(db: Db, url: string, now: Date, leaseUntil: Date): Promise<AuditStreamPosition | null> {
  await db.auditStreamCursor.createMany({ data: [{ url, nextAttemptAt: now }], skipDuplicates: true });
  const [claimed] = await db.auditStreamCursor.updateManyAndReturn({
    where: { url, nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: leaseUntil },
    select: { position: true, hash: true, failures: true },
  });
  return claimed ?? null;
}

/** Sealed events after `position`, in chain order. */
export function sealedAuditEventsAfter(db: Db, position: bigint, limit: number) {
  return db.auditEvent.findMany({ where: { seq: { gt: position } }, orderBy: { seq: 'asc' }, take: limit });
}

/** The receiver acknowledged everything up to `to`: the next round starts after it, at once. */
export async function advanceAuditStream(db: Db, url: string, from: bigint, to: { position: bigint; hash: string }, now: Date): Promise<void> {
  await db.auditStreamCursor.updateMany({
    where: { url, position: from },
    data: { position: to.position, hash: to.hash, deliveredAt: now, failures: 0, lastError: null, nextAttemptAt: now },
  });
}

/** The round failed: the position stays, the next attempt waits until `retryAt`. */
export async function failAuditStream(db: Db, url: string, error: string, retryAt: Date): Promise<void> {
  await db.auditStreamCursor.update({ where: { url }, data: { failures: { increment: 1 }, lastError: error.slice(0, 500), nextAttemptAt: retryAt } });
}

/** Nothing new to send: gives the stream back so the next round (any worker) may take it. */
export async function releaseAuditStream(db: Db, url: string, now: Date): Promise<void> {
  await db.auditStreamCursor.update({ where: { url }, data: { nextAttemptAt: now } });
}
