import type { Deps } from '../../deps.js';
import { auditActorOf, isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { assertRecentMfa } from '../auth/assert-recent-mfa.js';
import { getBulkAction } from './get-bulk-action.js';
import { queueBulkActionBatch } from './run-bulk-action.js';

/** The second person's yes to a large bulk lock or selective wipe: another IT/ADMIN, with a recent MFA. */
export async function approveBulkAction(deps: Deps, actor: Actor, bulkActionId: string) {
  if (!isFleetAdmin(actor) || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can approve bulk actions');
  assertRecentMfa(deps, actor);
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const bulk = await tx.bulkAction.findUnique({ where: { id: bulkActionId } });
    if (!bulk) throw notFound('Bulk action');
    if (bulk.requestedById === actor.userId) throw new AppError('FORBIDDEN', 'A second person must approve this bulk action');
    const claimed = await tx.bulkAction.updateMany({ where: { id: bulkActionId, status: 'AWAITING_APPROVAL' }, data: { status: 'QUEUED', approvedById: actor.userId, approvedAt: now } });
    if (claimed.count === 0) throw new AppError('CONFLICT', 'This bulk action is not waiting for approval');
    await deps.audit.record({ ...auditActorOf(actor), action: 'device_action.bulk_approved', targetType: 'bulk_action', targetId: bulkActionId, details: { action: bulk.action, total: bulk.total, requestedById: bulk.requestedById } }, tx);
  });
  await queueBulkActionBatch(deps, bulkActionId, 0);
  return getBulkAction(deps, actor, bulkActionId);
}
