import type { Deps } from '../container.js';

interface WebhookPublisher {
  publish(eventType: string, data: Record<string, unknown>): Promise<void>;
}

/**
 * Sends a compliance event to subscribers through the operations area's webhooks, when that area provides them.
 * A failed publish is logged, never thrown: the state change is already stored and audited.
 */
export async function publishComplianceEvent(deps: Pick<Deps, 'operations' | 'logger'>, eventType: string, data: Record<string, unknown>): Promise<void> {
  const webhooks = (deps.operations as unknown as { webhooks?: WebhookPublisher }).webhooks;
  if (!webhooks) return;
  try {
    await webhooks.publish(eventType, data);
  } catch (error) {
    deps.logger.warn({ err: error, eventType }, 'compliance webhook publish failed');
  }
}
