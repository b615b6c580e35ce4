import type { BaseDeps, Deps } from '../../deps.js';
import { publishCommandEvent } from '../commands/command-events.js';
import type { DbOrTx, Tx } from '../../db/prisma.js';
import { storeCommandReport } from '../../storage/command-queue.js';
import type { AmapiOperation } from '../../mdm/android/amapi-types.js';
import { operationOutcome } from '../../mdm/android/commands.js';

/** Commands whose success means the organisation's data is gone from the device. */
export const WIPING_COMMANDS = ['WIPE', 'RELINQUISH_OWNERSHIP'];

export type OperationOutcomeName = 'unknown-operation' | 'pending' | 'acknowledged' | 'failed' | 'already-final';

export interface OperationApplied {
  outcome: OperationOutcomeName;
  /** Set when the command reached a final state now: the caller announces it (webhooks) after commit. */
  settledCommandId?: string;
}

/**
 * Records what an AMAPI Operation says about the command it tracks (from a COMMAND notification or a poll).
 * Commands already in a final state are left alone, so a late or repeated report changes nothing.
 */
export async function applyAndroidOperation(
  deps: Pick<BaseDeps, 'db' | 'clock' | 'audit'>,
  operation: AmapiOperation,
  tx?: Tx,
): Promise<OperationApplied> {
  if (!tx) return deps.db.$transaction((inner) => applyAndroidOperation(deps, operation, inner));
  const now = deps.clock.now();
  const row = operation.name
    ? await tx.androidOperation.findUnique({ where: { operationName: operation.name }, include: { command: true } })
    : null;
  if (!row) return { outcome: 'unknown-operation' };
  const outcome = operationOutcome(operation);
  if (!outcome.done) {
    await tx.androidOperation.update({ where: { commandId: row.commandId }, data: { lastPolledAt: now } });
    return { outcome: 'pending' };
  }
  await tx.androidOperation.update({ where: { commandId: row.commandId }, data: { lastPolledAt: now, doneAt: row.doneAt ?? now } });
  const settled = await storeCommandReport(
    tx,
    row.commandId,
    outcome.succeeded ? { outcome: 'acknowledge', result: outcome.detail } : { outcome: 'fail', error: outcome.detail },
    now,
  );
  if (!settled) return { outcome: 'already-final' };
  if (outcome.succeeded && WIPING_COMMANDS.includes(row.command.requestType)) {
    await markWiped(tx, row.command.deviceId);
  }
  await deps.audit.record(
    {
      actorType: 'system',
      action: outcome.succeeded ? 'command.acknowledged' : 'command.failed',
      targetType: 'device',
      targetId: row.command.deviceId,
      details: { commandId: row.commandId, requestType: row.command.requestType, status: settled.status, ...outcome.detail },
    },
    tx,
  );
  return { outcome: outcome.succeeded ? 'acknowledged' : 'failed', settledCommandId: row.commandId };
}

export async function markWiped(db: DbOrTx, deviceId: string): Promise<void> {
  await db.device.updateMany({ where: { id: deviceId, status: { not: 'WIPED' } }, data: { status: 'WIPED' } });
}

/** Tells webhook subscribers a command settled; never fails the caller (the change is already committed). */
export async function announceSettledCommand(deps: Pick<Deps, 'db' | 'webhooks' | 'logger'>, commandId: string | undefined): Promise<void> {
  if (!commandId) return;
  const command = await deps.db.command.findUnique({ where: { id: commandId } });
  if (command) await publishCommandEvent(deps, command);
}
