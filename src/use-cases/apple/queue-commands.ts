import type { Deps } from '../../deps.js';
import { queueCommands, type QueueCommandsInput } from '../commands/queue-commands.js';

export interface NewAppleCommand {
  requestType: string;
  payload: Record<string, unknown>;
  priority?: number;
}

/**
 * Queues MDM commands for one Apple device through the one command pipeline (posture queries, profiles, ...):
 * stored as QUEUED, audited, then woken by a push (re-pushed until the device fetches them).
 */
export async function queueAppleCommands(
  deps: Deps,
  deviceId: string,
  commands: NewAppleCommand[],
  meta: { requestedById: string | null; reason: string; ip?: string | null; alongside?: QueueCommandsInput['alongside'] },
): Promise<string[]> {
  const created = await queueCommands(deps, {
    deviceId,
    commands,
    reason: meta.reason,
    requestedById: meta.requestedById,
    alongside: meta.alongside,
    actor: meta.requestedById ? { actorType: 'user', actorId: meta.requestedById, ip: meta.ip ?? null } : { actorType: 'system', actorId: 'apple', ip: null },
  });
  return created.map((c) => c.id);
}
