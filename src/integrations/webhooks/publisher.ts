import type { BaseDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import { queueWebhookDeliveries } from '../../jobs/delivery-queue.js';
import { storeWebhookEvent } from '../../storage/webhook-outbox.js';

export interface WebhookPublisher {
  /**
   * Stores one delivery per subscribed endpoint, then queues them. Call after the change it reports is
   * committed (a receiver may read back through the API at once). Never throws: the change is already stored
   * and audited, so a failed publish is logged rather than turned into a failed request.
   */
  publish(eventType: string, data: Record<string, unknown>): Promise<void>;
  /**
   * The same as an outbox: stores the deliveries inside the caller's transaction `tx`, so the event commits with
   * the change it reports. Pass the returned ids to `queue` after commit.
   */
  stage(tx: DbOrTx, eventType: string, data: Record<string, unknown>): Promise<string[]>;
  /** Queues staged deliveries; a Redis failure is logged (the reconciler queues PENDING deliveries later). */
  queue(deliveryIds: string[]): Promise<void>;
}

export function createWebhookPublisher(base: Pick<BaseDeps, 'db' | 'queue' | 'clock' | 'logger'>): WebhookPublisher {
  return {
    stage: (tx, eventType, data) => storeWebhookEvent(tx, base.clock.now(), eventType, data),
    async queue(deliveryIds) {
      if (deliveryIds.length === 0) return;
      try {
        await queueWebhookDeliveries(base, deliveryIds.map((id) => ({ id, attempts: 0 })));
      } catch (error) {
        base.logger.warn({ err: error }, 'could not queue webhook deliveries');
      }
    },
    async publish(eventType, data) {
      let deliveries: string[];
      try {
        // One statement: a delivery per subscribed endpoint (none, and no second round trip, when nobody subscribes).
        deliveries = await storeWebhookEvent(base.db, base.clock.now(), eventType, data);
      } catch (error) {
        base.logger.warn({ err: error, eventType }, 'webhook publish failed');
        return;
      }
      if (deliveries.length === 0) return;
      try {
        await queueWebhookDeliveries(base, deliveries.map((id) => ({ id, attempts: 0 })));
      } catch (error) {
        // Stored as PENDING: the reconciler queues them once Redis answers again.
        base.logger.warn({ err: error, eventType }, 'could not queue webhook deliveries');
      }
    },
  };
}
