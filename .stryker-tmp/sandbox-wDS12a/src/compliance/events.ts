// @ts-nocheck
import type { Deps } from '../container.js';

/**
 * Sends a compliance event to webhook subscribers. A failed publish is logged, never thrown: the state change
 * is already stored and audited.
 */
export async function publishComplianceEvent(deps: Pick<Deps, 'operations' | 'logger'>, eventType: string, data: Record<string, unknown>): Promise<void> {
  try {
    await deps.operations.webhooks.publish(eventType, data);
  } catch (error) {
    deps.logger.warn({ err: error, eventType }, 'compliance webhook publish failed');
  }
}
