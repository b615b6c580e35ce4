import type { BaseDeps } from '../deps.js';
import { checkpointSignerFor } from '../domain/audit/checkpoint.js';
import { sealAuditEvents } from '../storage/audit-sealer.js';

export interface RunningSealer {
  close(): Promise<void>;
}

/**
 * Seals audit events every AUDIT_SEAL_INTERVAL_MS (and straight again while batches come back full). Every worker
 * process runs one; a PostgreSQL advisory lock lets only one seal at a time, so there is no leader to elect and
 * nothing in Redis to lose. A failed round (database restart) is logged and retried on the next tick.
 */
export function startAuditSealer(deps: Pick<BaseDeps, 'db' | 'config' | 'clock' | 'logger'>): RunningSealer {
  const { config, logger } = deps;
  const signer = checkpointSignerFor(config.AUDIT_CHECKPOINT_SIGNING_KEY);
  if (!signer) logger.warn('AUDIT_CHECKPOINT_SIGNING_KEY is not set: no signed audit checkpoints will be made');
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      for (;;) {
        const result = await sealAuditEvents(deps.db, {
          batchSize: config.AUDIT_SEAL_BATCH_SIZE,
          checkpoint: signer ? { signer, intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000, now: deps.clock.now() } : undefined,
        });
        if (stopped || !result.locked || result.sealed < config.AUDIT_SEAL_BATCH_SIZE) break;
      }
    } catch (error) {
      logger.error({ err: error }, 'sealing audit events failed; retrying on the next tick');
    }
  };
  const tick = () => {
    running = round().finally(() => {
      if (!stopped) timer = setTimeout(tick, config.AUDIT_SEAL_INTERVAL_MS);
    });
  };
  tick();
  return {
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
