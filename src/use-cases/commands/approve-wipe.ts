import type { Deps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { isFleetAdmin } from '../../domain/access.js';
import { refusalFor } from '../../domain/commands/device-actions.js';
import { AppError, notFound } from '../../errors.js';
import { approveCommand } from '../../storage/command-queue.js';
import { auditCommandStep, publishCommandEvent } from './command-events.js';
import { wakeUp } from './queue-commands.js';
import { toCommandView, type CommandView } from './command-view.js';
import { assertRecentMfa } from '../auth/assert-recent-mfa.js';

/** The second IT/ADMIN's confirmation of a full wipe. The requester cannot confirm their own request. */
export async function approveWipe(
  deps: Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'webhooks'>,
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
    const changed = await approveCommand(tx, commandId, actor.userId, { now, deadlineSeconds: deps.config.COMMAND_DELIVERY_DEADLINE_SECONDS });
    if (!changed) throw new AppError('CONFLICT', 'The wipe was approved or cancelled meanwhile');
    await auditCommandStep(deps, tx, changed, 'command.approved', { actorType: 'user', actorId: actor.userId, ip: actor.ip ?? null }, { requestedById: command.requestedById });
    return changed;
  });
  await wakeUp(deps, [commandId]);
  await publishCommandEvent(deps, approved);
  return toCommandView(approved);
}
