import type { Deps } from '../../deps.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { syncFleetProfilesJob } from '../../jobs/definitions/apple.js';
import { syncAppleProfiles } from './sync-apple-profiles.js';

const BATCH = 200;

/**
 * After a policy change: re-derives the profiles of every enrolled Apple device (by id order, one batch per job)
 * and installs the new versions. A newer policy version starts its own pass, so an older pass stops.
 */
export async function syncFleetProfiles(deps: Deps, input: { policyVersion: number; afterDeviceId?: string }): Promise<{ synced: number; next: string | null }> {
  const policy = await currentPolicy(deps);
  if (policy.version !== input.policyVersion) return { synced: 0, next: null };
  const batch = await deps.db.device.findMany({
    where: { platform: 'APPLE', status: 'ENROLLED', ...(input.afterDeviceId ? { id: { gt: input.afterDeviceId } } : {}) },
    orderBy: { id: 'asc' },
    take: BATCH,
    select: { id: true },
  });
  for (const { id } of batch) await syncAppleProfiles(deps, id, { reason: `compliance policy version ${input.policyVersion}` });
  const next = batch.length === BATCH ? batch.at(-1)!.id : null;
  if (next) await deps.queue.enqueue(syncFleetProfilesJob, { policyVersion: input.policyVersion, afterDeviceId: next }, { jobId: `apple-profiles-${input.policyVersion}-${next}` });
  return { synced: batch.length, next };
}
