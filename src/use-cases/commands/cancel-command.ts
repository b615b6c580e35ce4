import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../domain/access.js';
import { withdrawCommand } from '../../storage/command-queue.js';
import { toCommandView, type CommandView } from './command-view.js';
import { auditCommandStep, publishCommandEvent } from './command-events.js';
import { settleRetirement } from '../devices/settle-retirement.js';

/**
 * Cancels a command the device has not fetched yet. Once SENT the device may already be acting on it, so the
 * answer is 409: MDM has no way to recall a delivered command.
 */
export async function cancelCommand(deps: Pick<Deps, 'db' | 'audit' | 'clock' | 'webhooks' | 'logger' | 'queue'>, actor: Actor, commandId: string): Promise<CommandView> {
  const now = deps.clock.now();
  const cancelled = await deps.db.$transaction(async (tx) => {
    const changed = await withdrawCommand(tx, commandId, actor.userId, now);
    if (!changed) {
      const command = await tx.command.findUnique({ where: { id: commandId } });
      if (!command) throw notFound('Command');
      throw new AppError('CONFLICT', `The command is ${command.status.toLowerCase()} and can no longer be cancelled`);
    }
    await auditCommandStep(deps, tx, changed, 'command.cancelled', { actorType: 'user', actorId: actor.userId, ip: actor.ip ?? null });
    return changed;
  });
  await publishCommandEvent(deps, cancelled);
  // Withdrawing a retirement's RemoveProfile finishes the retirement without it (identity revoked).
  await settleRetirement(deps, cancelled.deviceId, { command: cancelled });
  return toCommandView(cancelled);
}
