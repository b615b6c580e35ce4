import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';

export interface NewAppleCommand {
  requestType: string;
  payload: Record<string, unknown>;
  priority?: number;
}

/**
 * Stores commands as QUEUED for one Apple device and wakes the device. The push is best-effort: the command is
 * in PostgreSQL and is fetched on the device's next connect whatever happens to the push.
 */
export async function queueAppleCommands(
  deps: Deps,
  deviceId: string,
  commands: NewAppleCommand[],
  meta: { requestedById: string | null; reason: string; ip?: string | null },
): Promise<string[]> {
  const now = deps.clock.now();
  const ids = await deps.db.$transaction(async (tx) => {
    const created: string[] = [];
    for (const [index, command] of commands.entries()) {
      // A millisecond apart, so the device gets them in the order given (the queue is ordered by requestedAt).
      const requestedAt = new Date(now.getTime() + index);
      const row = await tx.command.create({
        data: {
          deviceId,
          requestType: command.requestType,
          payload: command.payload as Prisma.InputJsonValue,
          priority: command.priority ?? 0,
          status: 'QUEUED',
          requestedById: meta.requestedById,
          reason: meta.reason,
          requestedAt,
          queuedAt: requestedAt,
        },
      });
      await deps.audit.record(
        {
          actorType: meta.requestedById ? 'user' : 'system',
          actorId: meta.requestedById,
          action: 'device.command.queued',
          targetType: 'device',
          targetId: deviceId,
          ip: meta.ip ?? null,
          details: { commandId: row.id, requestType: command.requestType, reason: meta.reason },
        },
        tx,
      );
      created.push(row.id);
    }
    return created;
  });
  if (ids[0]) await deps.apple.channel.deliver(ids[0]);
  return ids;
}
