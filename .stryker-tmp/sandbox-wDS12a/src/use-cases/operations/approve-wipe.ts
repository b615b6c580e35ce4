// @ts-nocheck
import type { Deps } from '../../container.js';
import type { Actor } from '../../domain/access.js';
import { isFleetAdmin } from '../../domain/access.js';
import { refusalFor } from '../../domain/operations/device-actions.js';
import { AppError, notFound } from '../../errors.js';
import { queueCommandDelivery } from '../../operations/delivery-queue.js';
import { publishCommandEvent } from '../commands/request-device-action.js';
import { toCommandView, type CommandView } from '../commands/command-view.js';
import { assertRecentMfa } from './step-up.js';

/** The second IT/ADMIN's confirmation of a full wipe. The requester cannot confirm their own request. */
export async function approveWipe(
  deps: Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'operations'>,
  actor: Actor,
  commandId: string,
): Promise<CommandView> {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can approve wipes');
  const command = await deps.db.command.findUnique({ where: { id: commandId }, include: { device: true } });
  if (!command || command.action !== 'WIPE_FULL') throw notFound('Wipe request');
  if (command.requestedById === actor.userId) throw new AppError('FORBIDDEN', 'A second person must approve a wipe you requested');
  if (command.status !== 'AWAITING_APPROVAL') {
    throw new AppError('CONFLICT', `The wipe is ${command.status.toLowerCase()}, not awaiting approval`, { details: { status: command.status } });
  }
  assertRecentMfa(deps, actor);
  const refusal = refusalFor(command.device, 'WIPE_FULL');
  if (refusal) throw new AppError(refusal.code, refusal.message);

  const now = deps.clock.now();
  const approved = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.command.updateMany({
      where: { id: commandId, status: 'AWAITING_APPROVAL' },
      data: { status: 'QUEUED', approvedById: actor.userId, approvedAt: now, queuedAt: now },
    });
    if (count === 0) throw new AppError('CONFLICT', 'The wipe was approved or cancelled meanwhile');
    await deps.audit.record(
      { actorType: 'user', actorId: actor.userId, action: 'command.approved', targetType: 'command', targetId: commandId, ip: actor.ip ?? null, details: { deviceId: command.deviceId, requestedById: command.requestedById } },
      tx,
    );
    return tx.command.findUniqueOrThrow({ where: { id: commandId } });
  });
  await queueCommandDelivery(deps, commandId);
  await publishCommandEvent(deps, approved);
  return toCommandView(approved);
}
