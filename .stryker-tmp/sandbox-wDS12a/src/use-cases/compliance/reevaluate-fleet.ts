// @ts-nocheck
import type { Deps } from '../../container.js';
import { currentPolicy } from '../../compliance/policy-store.js';
import { reevaluateFleetJob } from '../../jobs/definitions/compliance.js';
import { evaluateDevice, type EvaluateDeps } from './evaluate-device.js';

/** How many evaluations of one batch run at once: enough to overlap round-trips, few enough to leave the pool for the API. */
const PARALLEL = 4;

/**
 * Re-judges one batch of devices (by id order) after a policy change and queues the batch after it. A newer
 * policy version starts its own pass, so a pass for an older version stops instead of doing the work twice.
 */
export async function reevaluateFleetBatch(
  deps: EvaluateDeps & Pick<Deps, 'config'>,
  input: { policyVersion: number; afterDeviceId?: string },
): Promise<{ evaluated: number; next: string | null }> {
  const policy = await currentPolicy(deps);
  if (policy.version !== input.policyVersion) return { evaluated: 0, next: null };
  const batch = await deps.db.device.findMany({
    where: { ...(input.afterDeviceId ? { id: { gt: input.afterDeviceId } } : {}) },
    orderBy: { id: 'asc' },
    take: deps.config.COMPLIANCE_BATCH_SIZE,
    select: { id: true },
  });
  for (let i = 0; i < batch.length; i += PARALLEL) {
    await Promise.all(batch.slice(i, i + PARALLEL).map(({ id }) => evaluateDevice(deps, id)));
  }
  const next = batch.length === deps.config.COMPLIANCE_BATCH_SIZE ? batch.at(-1)!.id : null;
  if (next) {
    await deps.queue.enqueue(reevaluateFleetJob, { policyVersion: input.policyVersion, afterDeviceId: next }, { jobId: `reevaluate-${input.policyVersion}-${next}` });
  }
  return { evaluated: batch.length, next };
}

/** Starts a whole-fleet pass for a policy version. */
export async function requestFleetReevaluation(deps: Pick<Deps, 'queue'>, policyVersion: number): Promise<void> {
  await deps.queue.enqueue(reevaluateFleetJob, { policyVersion }, { jobId: `reevaluate-${policyVersion}-start` });
}
