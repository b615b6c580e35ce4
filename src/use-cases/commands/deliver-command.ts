import type { Deps } from '../../deps.js';
import { claimCommandDelivery, releaseCommandDelivery } from '../../storage/command-queue.js';
import { channelFor } from './request-device-action.js';
import { auditCommandStep, publishCommandEvent, SYSTEM_DELIVERY } from './command-events.js';

type DeliverDeps = Pick<Deps, 'db' | 'audit' | 'clock' | 'config' | 'logger' | 'apple' | 'android' | 'webhooks'>;

/**
 * One wake-up attempt for a command that is due one (job `operations.deliver-command`). The worker first claims
 * the command under a lease (COMMAND_DELIVERY_LEASE_SECONDS), so a duplicate job finds it not due and does
 * nothing, and a worker that dies holding it only delays it until the lease ends, when the delivery sweep queues
 * it again.
 *
 * Apple: the channel pushes the device at once when the command is its only live one (a wipe or lock: one job), or
 * queues a push job that coalesces the pushes of a device's several commands; the push records that APNs accepted
 * it and when the next push is due if the device does not fetch (or answer) the command. Android: the channel
 * issues the AMAPI command and the command becomes SENT.
 */
export async function deliverCommand(deps: DeliverDeps, commandId: string, options: { finalAttempt: boolean }): Promise<void> {
  const { db, clock } = deps;
  const claimed = await claimCommandDelivery(db, commandId, clock.now(), deps.config.COMMAND_DELIVERY_LEASE_SECONDS);
  if (!claimed) return;
  try {
    await channelFor(deps, claimed.device).deliver(commandId, claimed);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await releaseCommandDelivery(db, commandId, clock.now(), { message, attempt: claimed.attempts });
    if (options.finalAttempt) {
      // Still live and due: the delivery sweep starts a new round of retries later, until the deadline.
      await auditCommandStep(deps, undefined, claimed, 'command.delivery_failed', SYSTEM_DELIVERY, { message, attempts: claimed.attempts });
    }
    throw error;
  }
  if (claimed.device.platform === 'ANDROID') {
    const after = await db.command.findUnique({ where: { id: commandId } });
    if (after && after.status !== claimed.status) {
      await auditCommandStep(deps, undefined, after, 'command.sent', SYSTEM_DELIVERY, { result: after.result });
      await publishCommandEvent(deps, after);
    }
  }
}
