import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';
import type { Command } from '../../generated/prisma/client.js';
import { revokeAppleIdentity } from '../../storage/apple-device-store.js';
import { requestEvaluation } from '../compliance/request-evaluation.js';

/** What ended an Apple retirement: the RemoveProfile command reaching a final status, or the device's CheckOut. */
type RetirementTrigger = { command: Pick<Command, 'id' | 'requestType' | 'status' | 'error'> } | { checkedOut: true };

const OUTCOME_BY_STATUS: Record<string, string> = {
  ACKNOWLEDGED: 'PROFILE_REMOVED',
  FAILED: 'REFUSED_BY_DEVICE',
  EXPIRED: 'NOT_DELIVERED',
  CANCELLED: 'NOT_DELIVERED',
};

/**
 * Finishes a RETIRING Apple device once its RemoveProfile has an answer: acknowledged (the profile and everything
 * installed through it are gone), the device checked out (it removed the profile; devices often answer this way,
 * as the profile that carried the MDM channel is gone), or the command failed, expired or was withdrawn (the
 * device keeps its profile until its user removes it, but can no longer talk to us). Either way the identity is
 * revoked, the device becomes UNENROLLED and the retirement records what happened. A NotNow is no answer: the
 * command stays queued and the device RETIRING. Returns true when this call finished a retirement.
 */
export async function settleRetirement(deps: Pick<Deps, 'db' | 'audit' | 'clock' | 'queue'>, deviceId: string, trigger: RetirementTrigger): Promise<boolean> {
  if ('command' in trigger && (trigger.command.requestType !== 'RemoveProfile' || !OUTCOME_BY_STATUS[trigger.command.status])) return false;
  const now = deps.clock.now();
  const finished = await deps.db.$transaction(async (tx) => {
    const where = { deviceId, state: 'PENDING', ...('command' in trigger ? { commandId: trigger.command.id } : {}) };
    const pending = await tx.deviceRetirement.findFirst({ where });
    if (!pending) return false;
    const outcome = 'command' in trigger ? OUTCOME_BY_STATUS[trigger.command.status]! : 'CHECKED_OUT';
    const { count } = await tx.deviceRetirement.updateMany({
      where: { deviceId, state: 'PENDING' },
      data: {
        state: 'COMPLETED',
        outcome,
        finishedAt: now,
        ...(outcome === 'CHECKED_OUT' ? { confirmedAt: now } : {}),
        details: {
          ...(pending.details as Record<string, unknown> | null),
          ...('command' in trigger ? { commandStatus: trigger.command.status, ...(trigger.command.error ? { deviceError: trigger.command.error } : {}) } : {}),
        } as Prisma.InputJsonValue,
      },
    });
    if (count === 0) return false; // settled by a concurrent answer
    const revokedCertificates = await revokeAppleIdentity(tx, deviceId, now, `device retired by IT (${outcome.toLowerCase()})`);
    await tx.device.updateMany({ where: { id: deviceId, status: 'RETIRING' }, data: { status: 'UNENROLLED' } });
    await deps.audit.record(
      {
        actorType: 'system',
        actorId: 'retirement',
        action: 'device.retired',
        targetType: 'device',
        targetId: deviceId,
        details: { outcome, commandId: pending.commandId, revokedCertificates, requestedById: pending.requestedById, reason: pending.reason },
      },
      tx,
    );
    return true;
  });
  if (finished) await requestEvaluation(deps, deviceId);
  return finished;
}
