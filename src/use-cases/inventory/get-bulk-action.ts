import type { BaseDeps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';

/** An item's progress: a QUEUED item follows its command (acknowledged → done, failed or cancelled → failed). */
export const EFFECTIVE_STATUS = Prisma.sql`CASE
  WHEN i.status = 'QUEUED' AND c.status = 'ACKNOWLEDGED' THEN 'DONE'
  WHEN i.status = 'QUEUED' AND c.status IN ('FAILED', 'CANCELLED') THEN 'FAILED'
  ELSE i.status::text END`;

/** Progress of a bulk action: total, pending, queued, refused (with reasons), done, failed (IT, ADMIN). */
export async function getBulkAction(deps: Pick<BaseDeps, 'db'>, actor: Actor, bulkActionId: string) {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can follow bulk actions');
  const bulk = await deps.db.bulkAction.findUnique({ where: { id: bulkActionId } });
  if (!bulk) throw notFound('Bulk action');
  const [counts, reasons] = await Promise.all([
    deps.db.$queryRaw<{ status: string; count: number }[]>`
      SELECT ${EFFECTIVE_STATUS} AS status, count(*)::int AS count
      FROM "BulkActionItem" i LEFT JOIN "Command" c ON c.id = i."commandId"
      WHERE i."bulkActionId" = ${bulkActionId}::uuid GROUP BY 1`,
    deps.db.$queryRaw<{ reason: string; count: number }[]>`
      SELECT COALESCE(refusal, error, 'unknown') AS reason, count(*)::int AS count FROM "BulkActionItem"
      WHERE "bulkActionId" = ${bulkActionId}::uuid AND status IN ('REFUSED', 'FAILED') GROUP BY 1 ORDER BY 2 DESC`,
  ]);
  const count = (s: string) => counts.find((c) => c.status === s)?.count ?? 0;
  return {
    id: bulk.id,
    action: bulk.action,
    reason: bulk.reason,
    status: bulk.status,
    requestedById: bulk.requestedById,
    serviceAccountId: bulk.serviceAccountId,
    approvedById: bulk.approvedById,
    createdAt: bulk.createdAt.toISOString(),
    finishedAt: bulk.finishedAt?.toISOString() ?? null,
    total: bulk.total,
    progress: { pending: count('PENDING'), queued: count('QUEUED'), refused: count('REFUSED'), done: count('DONE'), failed: count('FAILED') },
    problems: reasons,
  };
}
