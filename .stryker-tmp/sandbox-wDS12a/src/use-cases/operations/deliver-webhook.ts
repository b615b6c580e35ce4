// @ts-nocheck
import type { Deps } from '../../container.js';
import { signatureHeader, SIGNATURE_HEADER } from '../../operations/webhooks/signature.js';

/**
 * POSTs one stored event to its endpoint. Any 2xx counts as received; anything else (or a network error)
 * is retried by the job with backoff. Receivers dedupe on `x-mdm-event-id`, since a retry after a lost
 * response repeats the event.
 */
export async function deliverWebhook(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'operations'>,
  deliveryId: string,
  options: { finalAttempt: boolean },
): Promise<void> {
  const { db, clock } = deps;
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery || delivery.status !== 'PENDING') return;
  const { endpoint } = delivery;
  if (!endpoint.active) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'FAILED', lastError: 'endpoint deactivated' } });
    return;
  }
  const body = JSON.stringify(delivery.payload);
  const secret = deps.operations.secrets.open(endpoint.secretSealed);
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  let status = 0;
  let failure: string | null = null;
  try {
    ({ status } = await deps.operations.webhookClient.post(endpoint.url, body, {
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

  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      attempts: { increment: 1 },
      lastStatusCode: status || null,
      lastError: failure,
      ...(failure === null ? { status: 'DELIVERED', deliveredAt: clock.now() } : options.finalAttempt ? { status: 'FAILED' } : {}),
    },
  });
  if (failure !== null) throw new Error(`webhook ${delivery.id} to ${endpoint.url} failed: ${failure}`);
}
