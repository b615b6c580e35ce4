// @ts-nocheck
import type { Deps } from '../../container.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../domain/access.js';
import { toCommandView, type CommandView } from './command-view.js';
import { publishCommandEvent } from './request-device-action.js';

const CANCELLABLE = ['REQUESTED', 'AWAITING_APPROVAL', 'QUEUED'] as const;

/**
 * Cancels a command the device has not fetched yet. Once SENT the device may already be acting on it, so the
 * answer is 409: MDM has no way to recall a delivered command.
 */
export async function cancelCommand(deps: Pick<Deps, 'db' | 'audit' | 'clock' | 'operations' | 'logger'>, actor: Actor, commandId: string): Promise<CommandView> {
  const now = deps.clock.now();
  const cancelled = await deps.db.$transaction(async (tx) => {
    const changed = await tx.command.updateMany({
      where: { id: commandId, status: { in: [...CANCELLABLE] } },
      data: { status: 'CANCELLED', cancelledAt: now, cancelledById: actor.userId },
    });
    const command = await tx.command.findUnique({ where: { id: commandId } });
    if (!command) throw notFound('Command');
    if (changed.count !== 1) throw new AppError('CONFLICT', `The command is ${command.status.toLowerCase()} and can no longer be cancelled`);
    await deps.audit.record(
      {
        actorType: 'user',
        actorId: actor.userId,
        action: 'device.command.cancelled',
        targetType: 'device',
        targetId: command.deviceId,
        ip: actor.ip ?? null,
        details: { commandId, requestType: command.requestType },
      },
      tx,
    );
    return command;
  });
  await publishCommandEvent(deps, cancelled);
  return toCommandView(cancelled);
}
