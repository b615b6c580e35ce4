import type { BaseDeps } from '../deps.js';
import { deliverWebhookJob } from './definitions/delivery.js';

/**
 * Job ids carry the number of delivery attempts already made, so a re-queue after a lost or exhausted job gets
 * a fresh id (BullMQ keeps finished jobs and would silently refuse the old one), while two re-queues of the
 * same round collapse into one job. BullMQ refuses ':' in custom ids, hence '-'.
 */
export const webhookJobId = (deliveryId: string, round: number) => `webhook-${deliveryId}-${round}`;

/** The delivery id inside a job id built above (a UUID, which has dashes of its own). */
export function idFromJobId(jobId: string): string | null {
  const match = /^webhook-([0-9a-f-]{36})-\d+$/.exec(jobId);
  return match ? match[1]! : null;
}

export async function queueWebhookDeliveries(deps: Pick<BaseDeps, 'queue'>, deliveries: { id: string; attempts: number }[]) {
  await deps.queue.enqueueMany(
    deliverWebhookJob,
    deliveries.map((d) => ({ payload: { deliveryId: d.id }, options: { jobId: webhookJobId(d.id, d.attempts) } })),
  );
}
