import type { Deps } from '../../deps.js';
import { deliverWebhookJob } from '../../jobs/definitions/delivery.js';
import { idFromJobId, queueWebhookDeliveries } from '../../jobs/delivery-queue.js';
import { commandsDueDelivery, expireDueCommands } from '../../storage/command-queue.js';
import { auditCommandStep, publishCommandEvent, SYSTEM_DELIVERY } from './command-events.js';
import { wakeUp } from './queue-commands.js';
import { settleRetirement } from '../devices/settle-retirement.js';

const BATCH = 500;

export interface ReconcileResult {
  commands: number;
  expired: number;
  webhooks: number;
}

/**
 * PostgreSQL says what must be delivered; Redis only carries the jobs. Run by every worker on a timer (not only as a
 * BullMQ schedule, which Redis can lose): commands past their deadline become EXPIRED and are announced; every live
 * command due a wake-up (never pushed, its re-push backoff over, or its worker's lease run out) gets a delivery job;
 * every PENDING webhook delivery without a job is queued again. Claims and deduplication make running it on several
 * workers at once harmless.
 */
export async function reconcileDeliveries(deps: Pick<Deps, 'db' | 'queue' | 'clock' | 'logger' | 'audit' | 'webhooks'>): Promise<ReconcileResult> {
  const now = deps.clock.now();

  let expired = 0;
  for (;;) {
    const batch = await expireDueCommands(deps.db, now, BATCH);
    for (const command of batch) {
      // The alert: a command (possibly a wipe) that never reached its device. Webhook and audit now; the log line
      // for whoever watches the logs.
      deps.logger.warn({ commandId: command.id, deviceId: command.deviceId, requestType: command.requestType, pushes: command.pushes }, 'command expired before the device fetched and answered it');
      await auditCommandStep(deps, undefined, command, 'command.expired', SYSTEM_DELIVERY, { pushes: command.pushes, expiresAt: command.expiresAt?.toISOString() ?? null });
      await publishCommandEvent(deps, command);
      // A retirement waiting for this RemoveProfile ends without it: the identity is revoked all the same.
      await settleRetirement(deps, command.deviceId, { command });
    }
    expired += batch.length;
    if (batch.length < BATCH) break;
  }

  const due = await commandsDueDelivery(deps.db, now, 5_000);
  for (const commandId of due) await wakeUp(deps, commandId);

  const pendingWebhooks = idsOf(await deps.queue.pendingJobIds(deliverWebhookJob));
  const stranded = await deps.db.webhookDelivery.findMany({ where: { status: 'PENDING' }, select: { id: true, attempts: true }, orderBy: { createdAt: 'asc' }, take: 5_000 });
  const lost = stranded.filter((d) => !pendingWebhooks.has(d.id));
  await queueWebhookDeliveries(deps, lost);

  if (due.length || lost.length || expired) deps.logger.info({ commands: due.length, expired, webhooks: lost.length }, 'delivery sweep queued due deliveries');
  return { commands: due.length, expired, webhooks: lost.length };
}

function idsOf(jobIds: Set<string>): Set<string> {
  return new Set([...jobIds].map(idFromJobId).filter((id): id is string => id !== null));
}
