import type { Deps } from '../../deps.js';
import { signatureHeader, SIGNATURE_HEADER } from '../../integrations/webhooks/signature.js';
import { findWebhookDelivery, recordWebhookAttempt } from '../../storage/webhook-outbox.js';

/**
 * POSTs one stored event to its endpoint. Any 2xx counts as received; anything else (or a network error)
 * is retried by the job with backoff. Receivers dedupe on `x-mdm-event-id`, since a retry after a lost
 * response repeats the event.
 */
export async function deliverWebhook(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'webhooks'>,
  deliveryId: string,
  options: { finalAttempt: boolean },
): Promise<void> {
  const { db, clock } = deps;
  const delivery = await findWebhookDelivery(db, deliveryId);
  if (!delivery || delivery.status !== 'PENDING') return;
  const { endpoint } = delivery;
  if (!endpoint.active) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'FAILED', lastError: 'endpoint deactivated' } });
    return;
  }
  const body = JSON.stringify(delivery.payload);
  const secret = deps.webhooks.secrets.open(endpoint.secretSealed);
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  let status = 0;
  let failure: string | null = null;
  try {
    ({ status } = await deps.webhooks.client.post(endpoint.url, body, {
      [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
      'x-mdm-event': delivery.eventType,
      'x-mdm-event-id': delivery.eventId,
      'x-mdm-delivery': delivery.id,
      'user-agent': 'mdm-webhooks/1',
    }));
    if (status < 200 || status >= 300) failure = `HTTP ${status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }

  await recordWebhookAttempt(db, deliveryId, { statusCode: status || null, failure, final: options.finalAttempt, at: clock.now() });
  if (failure !== null) throw new Error(`webhook ${delivery.id} to ${endpoint.url} failed: ${failure}`);
}
