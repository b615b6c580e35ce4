import type { Deps } from '../../deps.js';
import { deliverWebhookJob } from '../../jobs/definitions/delivery.js';
import { idFromJobId, queueWebhookDeliveries } from '../../jobs/delivery-queue.js';
import { commandsDueDelivery, expireDueCommands } from '../../storage/command-queue.js';
import { alertExpiredCommands } from './alert-expired-commands.js';
import { auditCommandStep, SYSTEM_DELIVERY } from './command-events.js';
import { toCommandView } from './command-view.js';
import { wakeUp } from './queue-commands.js';
import { settleRetirement } from '../devices/settle-retirement.js';

const BATCH = 500;

type ReconcileDeps = Pick<Deps, 'db' | 'queue' | 'clock' | 'config' | 'logger' | 'audit' | 'webhooks' | 'metrics'>;

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
 * workers at once harmless. Expiry raises the alert on every channel: audit, webhook `command.expired`, the
 * metric, a log line, and a notification e-mailed to IT (collected per COMMAND_EXPIRY_ALERT_MINUTES).
 */
export async function reconcileDeliveries(deps: ReconcileDeps): Promise<ReconcileResult> {
  const now = deps.clock.now();

  let expired = 0;
  for (;;) {
    const batch = await expireBatch(deps, now);
    expired += batch;
    if (batch < BATCH) break;
  }
  // Expiries collected since the last alert go out once its period is over, whether or not this sweep expired any.
  await alertExpiredCommands(deps);

  const due = await commandsDueDelivery(deps.db, now, 5_000);
  await wakeUp(deps, due);

  const pendingWebhooks = idsOf(await deps.queue.pendingJobIds(deliverWebhookJob));
  const stranded = await deps.db.webhookDelivery.findMany({ where: { status: 'PENDING' }, select: { id: true, attempts: true }, orderBy: { createdAt: 'asc' }, take: 5_000 });
  const lost = stranded.filter((d) => !pendingWebhooks.has(d.id));
  await queueWebhookDeliveries(deps, lost);

  if (due.length || lost.length || expired) deps.logger.info({ commands: due.length, expired, webhooks: lost.length }, 'delivery sweep queued due deliveries');
  return { commands: due.length, expired, webhooks: lost.length };
}

/**
 * Up to BATCH live commands past their deadline become EXPIRED, with their audit events and webhook outbox rows in
 * the same transaction (a crash cannot leave an expiry unannounced); then the log line and the metric
 * (mdm_commands_expired_total), and the IT alert follows from alertExpiredCommands. Returns how many expired.
 */
async function expireBatch(deps: ReconcileDeps, now: Date): Promise<number> {
  const { batch, platforms, outbox } = await deps.db.$transaction(async (tx) => {
    const rows = await expireDueCommands(tx, now, BATCH);
    const staged: string[] = [];
    for (const command of rows) {
      await auditCommandStep(deps, tx, command, 'command.expired', SYSTEM_DELIVERY, { pushes: command.pushes, expiresAt: command.expiresAt?.toISOString() ?? null });
      staged.push(...(await deps.webhooks.publisher.stage(tx, 'command.expired', { command: toCommandView(command) })));
    }
    const devices = rows.length ? await tx.device.findMany({ where: { id: { in: [...new Set(rows.map((c) => c.deviceId))] } }, select: { id: true, platform: true } }) : [];
    return { batch: rows, platforms: new Map(devices.map((d) => [d.id, d.platform])), outbox: staged };
  });
  await deps.webhooks.publisher.queue(outbox);
  for (const command of batch) {
    // A command (possibly a wipe) that never reached its device: the log line for whoever watches the logs.
    deps.logger.warn({ commandId: command.id, deviceId: command.deviceId, requestType: command.requestType, pushes: command.pushes }, 'command expired before the device fetched and answered it');
    deps.metrics.commandsExpired.inc({ platform: platforms.get(command.deviceId) ?? 'UNKNOWN', request_type: command.requestType });
    // A retirement waiting for this RemoveProfile ends without it: the identity is revoked all the same.
    await settleRetirement(deps, command.deviceId, { command });
  }
  return batch.length;
}

function idsOf(jobIds: Set<string>): Set<string> {
  return new Set([...jobIds].map(idFromJobId).filter((id): id is string => id !== null));
}
