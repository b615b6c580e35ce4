import type { BaseDeps } from '../deps.js';
import { checkpointSignerFor } from '../domain/audit/checkpoint.js';
import { sealAuditEvents } from '../storage/audit-sealer.js';
import { startRepeatingRound, type RunningRound } from './repeating-round.js';

/**
 * Seals audit events every AUDIT_SEAL_INTERVAL_MS (and straight again while batches come back full). Every worker
 * process runs one; a PostgreSQL advisory lock lets only one seal at a time, so there is no leader to elect and
 * nothing in Redis to lose. A failed round (database restart) is logged and retried on the next tick.
 */
export function startAuditSealer(deps: Pick<BaseDeps, 'db' | 'config' | 'clock' | 'logger'>): RunningRound {
  const { config, logger } = deps;
  const signer = checkpointSignerFor(config.AUDIT_CHECKPOINT_SIGNING_KEY);
  if (!signer) logger.warn('AUDIT_CHECKPOINT_SIGNING_KEY is not set: no signed audit checkpoints will be made');
  return startRepeatingRound(logger, 'sealing audit events', config.AUDIT_SEAL_INTERVAL_MS, async () => {
    const result = await sealAuditEvents(deps.db, {
      batchSize: config.AUDIT_SEAL_BATCH_SIZE,
      checkpoint: signer ? { signer, intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000, now: deps.clock.now() } : undefined,
    });
    return result.locked && result.sealed >= config.AUDIT_SEAL_BATCH_SIZE;
  });
}
