import type { Deps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { bulkRefusal, type BulkActionName } from '../../domain/devices/bulk-actions.js';
import { AppError } from '../../errors.js';
import { runBulkActionJob } from '../../jobs/definitions/inventory.js';
import { evaluateDeviceJob } from '../../jobs/definitions/compliance.js';
import { postureCommands } from '../apple/handle-checkin.js';
import { queueAppleCommands } from '../apple/queue-commands.js';
import { requestDeviceAction } from '../commands/request-device-action.js';

/** Queues batch `batch` of a bulk action; the deterministic job id makes a repeated enqueue a no-op. */
export async function queueBulkActionBatch(deps: Pick<Deps, 'queue'>, bulkActionId: string, batch: number) {
  await deps.queue.enqueue(runBulkActionJob, { bulkActionId, batch }, { jobId: `bulk-action-${bulkActionId}-${batch}` });
}

type ItemOutcome = { status: 'QUEUED' | 'DONE' | 'REFUSED' | 'FAILED'; commandId?: string | null; refusal?: string; error?: string };

/**
 * One batch of a bulk action: each pending device goes through the same single-device use case IT would call by
 * hand (which stores, audits and delivers), then the next batch is queued. The requester is re-read first: someone
 * who lost IT/ADMIN since asking no longer acts on devices.
 */
export async function runBulkActionBatch(deps: Deps, input: { bulkActionId: string; batch: number }): Promise<void> {
  const { db, clock } = deps;
  const bulk = await db.bulkAction.findUnique({ where: { id: input.bulkActionId } });
  if (!bulk || (bulk.status !== 'QUEUED' && bulk.status !== 'RUNNING')) return;
  if (bulk.status === 'QUEUED') await db.bulkAction.update({ where: { id: bulk.id }, data: { status: 'RUNNING' } });

  const requester = await requesterOf(deps, bulk);
  const items = await db.bulkActionItem.findMany({
    where: { bulkActionId: bulk.id, status: 'PENDING' },
    orderBy: { deviceId: 'asc' },
    take: deps.config.BULK_ACTION_BATCH_SIZE,
  });
  for (const item of items) {
    let outcome: ItemOutcome;
    try {
      outcome = requester ? await perform(deps, requester, bulk.action as BulkActionName, bulk.id, bulk.reason, item.deviceId) : { status: 'REFUSED', refusal: 'The requester may no longer act on devices' };
    } catch (error) {
      outcome = { status: 'FAILED', error: error instanceof Error ? error.message.slice(0, 500) : 'failed' };
    }
    await db.bulkActionItem.update({
      where: { bulkActionId_deviceId: { bulkActionId: bulk.id, deviceId: item.deviceId } },
      data: { status: outcome.status, commandId: outcome.commandId ?? null, refusal: outcome.refusal ?? null, error: outcome.error ?? null, updatedAt: clock.now() },
    });
  }
  const left = await db.bulkActionItem.count({ where: { bulkActionId: bulk.id, status: 'PENDING' } });
  if (left > 0) return queueBulkActionBatch(deps, bulk.id, input.batch + 1);
  await db.bulkAction.update({ where: { id: bulk.id }, data: { status: 'DONE', finishedAt: clock.now() } });
  await deps.audit.record({ actorType: 'system', actorId: 'bulk-actions', action: 'device_action.bulk_finished', targetType: 'bulk_action', targetId: bulk.id });
}

async function requesterOf(deps: Deps, bulk: { requestedById: string | null; serviceAccountId: string | null }): Promise<Actor | null> {
  if (bulk.serviceAccountId) {
    const account = await deps.db.serviceAccount.findUnique({ where: { id: bulk.serviceAccountId } });
    return account ? { userId: account.id, role: 'IT', serviceAccount: { id: account.id, keyId: 'bulk-action', scopes: ['commands:write'] } } : null;
  }
  if (!bulk.requestedById) return null;
  const user = await deps.db.user.findUnique({ where: { id: bulk.requestedById }, select: { id: true, role: true, disabledAt: true } });
  if (!user || user.disabledAt || (user.role !== 'IT' && user.role !== 'ADMIN')) return null;
  return { userId: user.id, role: user.role };
}

async function perform(deps: Deps, requester: Actor, action: BulkActionName, bulkId: string, reason: string, deviceId: string): Promise<ItemOutcome> {
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, select: { id: true, platform: true, ownership: true, status: true, userId: true } });
  if (!device) return { status: 'REFUSED', refusal: 'Device not found' };
  // The device may have changed since the request (unenrolled, wiped): the same rule decides again.
  const refusal = bulkRefusal(device, action);
  if (refusal) return { status: 'REFUSED', refusal };
  const who = requester.serviceAccount ? { actorType: 'service_account' as const, actorId: requester.serviceAccount.id } : { actorType: 'user' as const, actorId: requester.userId };
  switch (action) {
    case 'LOCK':
    case 'WIPE_SELECTIVE': {
      // The per-device idempotency key makes a retried batch find the command it already created.
      const result = await requestDeviceAction(deps, requester, { deviceId, action, reason, idempotencyKey: `bulk:${bulkId}:${deviceId}` });
      return { status: 'QUEUED', commandId: result.command.id };
    }
    case 'REFRESH_POSTURE': {
      const enrollment = await deps.db.appleEnrollment.findUnique({ where: { deviceId }, select: { type: true } });
      if (!enrollment) return { status: 'REFUSED', refusal: 'Not enrolled with Apple MDM' };
      const [commandId] = await queueAppleCommands(deps, deviceId, postureCommands(enrollment.type ?? 'DEVICE'), { requestedById: requester.userId, reason });
      return { status: 'QUEUED', commandId: commandId ?? null };
    }
    case 'NOTIFY_USER': {
      await deps.db.$transaction(async (tx) => {
        await tx.complianceNotification.create({
          data: { recipientUserId: device.userId!, deviceId, kind: 'it_request', subject: 'A message from IT about your device', body: reason, createdAt: deps.clock.now() },
        });
        await deps.audit.record({ ...who, action: 'device_action.user_notified', targetType: 'device', targetId: deviceId, details: { bulkActionId: bulkId } }, tx);
      });
      return { status: 'DONE' };
    }
    case 'REEVALUATE': {
      // BullMQ refuses custom job ids with ':' (every such job failed). Deduplicate while one is waiting instead of a
      // fixed jobId, which would also swallow a later re-evaluation for as long as the finished job is kept.
      await deps.queue.enqueue(evaluateDeviceJob, { deviceId }, { dedupeId: `evaluate-${deviceId}` });
      await deps.audit.record({ ...who, action: 'device_action.reevaluation_requested', targetType: 'device', targetId: deviceId, details: { bulkActionId: bulkId } });
      return { status: 'DONE' };
    }
    default:
      throw new AppError('BAD_REQUEST', `Unknown bulk action ${String(action)}`);
  }
}
