// @ts-nocheck
import type { BaseDeps } from '../container.js';
import { deliverCommandJob, deliverWebhookJob } from '../jobs/definitions/operations.js';

/**
 * Job ids carry the number of delivery attempts already made, so a re-queue after a lost or exhausted job gets
 * a fresh id (BullMQ keeps finished jobs and would silently refuse the old one), while two re-queues of the
 * same round collapse into one job. BullMQ refuses ':' in custom ids, hence '-'.
 */
export const commandJobId = (commandId: string, round: number) => `command-${commandId}-${round}`;
export const webhookJobId = (deliveryId: string, round: number) => `webhook-${deliveryId}-${round}`;

/** The command or delivery id inside a job id built above (a UUID, which has dashes of its own). */
export function idFromJobId(jobId: string): string | null {
  const match = /^(?:command|webhook)-([0-9a-f-]{36})-\d+$/.exec(jobId);
  return match ? match[1]! : null;
}

/**
 * Queues delivery of a command already stored as QUEUED. A Redis failure is logged, not thrown: the
 * command is safe in PostgreSQL and the reconciler queues it once Redis is back.
 */
export async function queueCommandDelivery(deps: Pick<BaseDeps, 'queue' | 'logger'>, commandId: string, round = 0): Promise<void> {
  try {
    await deps.queue.enqueue(deliverCommandJob, { commandId }, { jobId: commandJobId(commandId, round) });
  } catch (error) {
    deps.logger.warn({ err: error, commandId }, 'could not queue command delivery; the reconciler will retry');
  }
}

export async function queueWebhookDeliveries(deps: Pick<BaseDeps, 'queue'>, deliveries: { id: string; attempts: number }[]) {
  await deps.queue.enqueueMany(
    deliverWebhookJob,
    deliveries.map((d) => ({ payload: { deliveryId: d.id }, options: { jobId: webhookJobId(d.id, d.attempts) } })),
  );
}
