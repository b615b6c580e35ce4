import type { Deps } from '../deps.js';
import { streamAuditEvents } from '../use-cases/audit/stream-audit-events.js';
import { startRepeatingRound, type RunningRound } from './repeating-round.js';

/**
 * Streams sealed audit events to AUDIT_WEBHOOK_URL every AUDIT_WEBHOOK_INTERVAL_MS (and straight again while
 * batches come back full). Every worker runs one; the cursor row in PostgreSQL lets one stream at a time and
 * remembers the position, so like the sealer it needs nothing from Redis. Null when no audit webhook is set.
 */
export function startAuditStream(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'webhooks' | 'logger'>): RunningRound | null {
  const { config } = deps;
  if (!config.AUDIT_WEBHOOK_URL) return null;
  return startRepeatingRound(deps.logger, 'audit stream round', config.AUDIT_WEBHOOK_INTERVAL_MS, async () => {
    const result = await streamAuditEvents(deps);
    return !result.failed && result.delivered >= config.AUDIT_WEBHOOK_BATCH_SIZE;
  });
}
