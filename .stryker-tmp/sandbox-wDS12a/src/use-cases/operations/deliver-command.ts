// @ts-nocheck
import type { Deps } from '../../container.js';
import type { Prisma } from '../../db/prisma.js';
import { channelFor, publishCommandEvent } from '../commands/request-device-action.js';

type DeliverDeps = Pick<Deps, 'db' | 'audit' | 'clock' | 'config' | 'logger' | 'apple' | 'android' | 'operations'>;

/**
 * Hands one QUEUED command to its platform channel once. The worker first claims a lease on the row, so a
 * duplicate job (re-queued by the reconciler, or retried after a crash) finds the command dispatched, cancelled
 * or leased and does nothing. A lease left by a dead worker expires and the reconciler queues the command again.
 *
 * The status stays with the platform: Android marks SENT when AMAPI accepted the command, Apple when the
 * device fetched it after the push. Until then the command is QUEUED and can still be cancelled.
 */
export async function deliverCommand(deps: DeliverDeps, commandId: string, options: { finalAttempt: boolean }): Promise<void> {
  const { db, clock } = deps;
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + deps.config.COMMAND_DELIVERY_LEASE_SECONDS * 1000);
  const claim = await db.command.updateMany({
    where: { id: commandId, status: 'QUEUED', dispatchedAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil, attempts: { increment: 1 } },
  });
  if (claim.count === 0) return;

  const command = await db.command.findUniqueOrThrow({ where: { id: commandId }, include: { device: { select: { platform: true } } } });
  try {
    await channelFor(deps, command.device).deliver(commandId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.command.updateMany({
      where: { id: commandId, leaseUntil },
      data: { leaseUntil: null, error: { message, attempt: command.attempts, at: clock.now().toISOString() } as Prisma.InputJsonValue },
    });
    if (options.finalAttempt) {
      // Still QUEUED (pending, visible, cancellable): the reconciler starts a new round of retries later.
      await deps.audit.record({ actorType: 'system', actorId: 'delivery', action: 'command.delivery_failed', targetType: 'command', targetId: commandId, details: { message, attempts: command.attempts } });
    }
    throw error;
  }

  await db.command.updateMany({ where: { id: commandId, leaseUntil }, data: { leaseUntil: null, dispatchedAt: clock.now() } });
  const dispatched = await db.command.findUniqueOrThrow({ where: { id: commandId } });
  await deps.audit.record({ actorType: 'system', actorId: 'delivery', action: 'command.dispatched', targetType: 'command', targetId: commandId, details: { deviceId: dispatched.deviceId, requestType: dispatched.requestType, attempts: dispatched.attempts, status: dispatched.status } });
  await publishCommandEvent(deps, dispatched, 'command.dispatched');
}
