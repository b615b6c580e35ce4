import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import type { Command } from '../../generated/prisma/client.js';
import type { AuditEntry } from '../../audit/audit-log.js';
import { eventTypeFor, type CommandEventType } from '../../domain/commands/status.js';
import { toCommandView } from './command-view.js';
import { storeAuditedWebhookEvent } from '../../storage/webhook-outbox.js';

/** Who caused a step of a command: a person, the device itself, or a process of ours. */
export type CommandActor = Pick<AuditEntry, 'actorType' | 'actorId' | 'ip'>;
export const SYSTEM_DELIVERY: CommandActor = { actorType: 'system', actorId: 'delivery', ip: null };

/**
 * Records one step of a command in the audit log, in the caller's transaction. Every platform and every caller
 * uses the same family (`command.requested|queued|sent|acknowledged|failed|cancelled|expired`, plus
 * `command.approved`, `command.refused` and `command.pushed` for re-pushes), targeted at the device.
 */
export async function auditCommandStep(
  deps: Pick<Deps, 'audit'>,
  tx: DbOrTx | undefined,
  command: Pick<Command, 'id' | 'deviceId' | 'requestType' | 'action' | 'status'>,
  action: CommandStepAction,
  actor: CommandActor,
  details: Record<string, unknown> = {},
): Promise<void> {
  await deps.audit.record(commandStepEntry(command, action, actor, details), tx);
}

export type CommandStepAction = CommandEventType | 'command.approved' | 'command.pushed' | 'command.delivery_failed';

/** The audit event of one step of a command (see auditCommandStep), for writers that store it themselves. */
export function commandStepEntry(
  command: Pick<Command, 'id' | 'deviceId' | 'requestType' | 'action' | 'status'>,
  action: CommandStepAction,
  actor: CommandActor,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    ...actor,
    action,
    targetType: 'device',
    targetId: command.deviceId,
    details: { commandId: command.id, requestType: command.requestType, ...(command.action ? { action: command.action } : {}), status: command.status, ...details },
  };
}

/**
 * auditCommandStep and publishCommandEvent for a command's new status, as one statement (the audit event and the
 * webhook deliveries commit together), for a step taken outside any transaction. Never throws for the webhook
 * queue: the deliveries are stored, and the reconciler queues them if Redis does not answer.
 */
export async function recordCommandStep(
  deps: Pick<Deps, 'db' | 'clock' | 'webhooks'>,
  command: Command,
  action: CommandEventType,
  actor: CommandActor,
): Promise<void> {
  const deliveries = await storeAuditedWebhookEvent(deps.db, deps.clock.now(), commandStepEntry(command, action, actor), action, { command: toCommandView(command) });
  await deps.webhooks.publisher.queue(deliveries);
}

/**
 * Tells webhook subscribers a command reached its current status (`command.<status>`), with the command as the API
 * shows it. Call after commit. Never throws: the change is stored and audited; the publisher logs a failure.
 */
export async function publishCommandEvent(deps: Pick<Deps, 'webhooks'>, command: Command, eventType?: CommandEventType): Promise<void> {
  const type = eventType ?? eventTypeFor(command.status);
  if (type) await deps.webhooks.publisher.publish(type, { command: toCommandView(command) });
}
