import type { Db } from '../../src/db/prisma.js';
import { sealAuditEvents } from '../../src/storage/audit-sealer.js';

/**
 * Seals every audit event recorded so far, as the worker's sealer would. The sealer waits for every transaction
 * older than an event's own to end, cluster-wide, so a transaction open elsewhere on the shared PostgreSQL server
 * (another test file) can hold events back for a moment: retry until none is left or the time is up.
 */
export async function sealAllAuditEvents(db: Db, { timeoutMs = 15_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await sealAuditEvents(db, { batchSize: 10_000 });
    const [{ pending }] = await db.$queryRaw<[{ pending: number }]>`SELECT count(*)::int AS pending FROM "AuditEvent" WHERE "seq" IS NULL`;
    if (result.locked && pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} audit events still unsealed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
