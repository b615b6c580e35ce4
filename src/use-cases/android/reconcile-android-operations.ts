import type { Deps } from '../../deps.js';
import { AmapiError } from '../../integrations/android/amapi-client.js';
import { storeCommandReport } from '../../storage/command-queue.js';
import { announceSettledCommand, applyAndroidOperation, markWiped, WIPING_COMMANDS } from './apply-android-operation.js';

/**
 * Polls the operations of commands still SENT: the fallback for COMMAND notifications that never came.
 * A wiping command whose operation (and device) Google no longer knows has been carried out: AMAPI deletes the
 * device record once the device confirms the wipe.
 */
export async function reconcileAndroidOperations(deps: Deps, limit = 100): Promise<{ polled: number }> {
  const amapi = deps.android.amapi;
  if (!amapi) return { polled: 0 };
  const open = await deps.db.androidOperation.findMany({
    where: { doneAt: null, operationName: { not: null }, command: { status: 'SENT' } },
    include: { command: { select: { id: true, deviceId: true, requestType: true } } },
    orderBy: [{ lastPolledAt: { sort: 'asc', nulls: 'first' } }],
    take: limit,
  });
  for (const row of open) {
    try {
      const operation = await amapi.client.getOperation(row.operationName!);
      const applied = await applyAndroidOperation(deps, operation);
      await announceSettledCommand(deps, applied.settledCommandId);
    } catch (error) {
      if (error instanceof AmapiError && error.status === 404 && WIPING_COMMANDS.includes(row.command.requestType)) {
        const settled = await deps.db.$transaction(async (tx) => {
          await tx.androidOperation.update({ where: { commandId: row.commandId }, data: { doneAt: deps.clock.now(), lastPolledAt: deps.clock.now() } });
          const acknowledged = await storeCommandReport(tx, row.commandId, { outcome: 'acknowledge', result: undefined }, deps.clock.now());
          if (acknowledged) {
            await markWiped(tx, row.command.deviceId);
            await deps.audit.record({ actorType: 'system', action: 'android.device.wiped', targetType: 'device', targetId: row.command.deviceId, details: { commandId: row.commandId, via: 'operation-gone' } }, tx);
          }
          return acknowledged !== null;
        });
        if (settled) await announceSettledCommand(deps, row.commandId);
        continue;
      }
      deps.logger.warn({ err: error, operation: row.operationName }, 'polling an AMAPI operation failed');
      await deps.db.androidOperation.update({ where: { commandId: row.commandId }, data: { lastPolledAt: deps.clock.now() } });
    }
  }
  return { polled: open.length };
}
