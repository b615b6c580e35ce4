import type { Db } from '../../src/db/prisma.js';
import { sealAuditEvents } from '../../src/storage/audit-sealer.js';
import { waitFor } from './wait-for.js';

/**
 * Seals every audit event recorded so far, as the worker's sealer would. The sealer waits for every transaction
 * older than an event's own to end, cluster-wide, so a transaction open elsewhere on the shared PostgreSQL server
 * (another test file) can hold events back for a moment: retry until none is left or the time is up.
 */
export async function sealAllAuditEvents(db: Db, { timeoutMs = 15_000 } = {}): Promise<void> {
  await waitFor(
    async () => {
      const { locked } = await sealAuditEvents(db, { batchSize: 10_000 });
      const [{ pending }] = await db.$queryRaw<[{ pending: number }]>`SELECT count(*)::int AS pending FROM "AuditEvent" WHERE "seq" IS NULL`;
      return { locked, pending };
    },
    (round) => round.locked && round.pending === 0,
    { timeoutMs, intervalMs: 20, what: 'every audit event sealed' },
  );
}
