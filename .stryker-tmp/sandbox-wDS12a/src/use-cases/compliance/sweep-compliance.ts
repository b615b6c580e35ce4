// @ts-nocheck
import type { Deps } from '../../container.js';
import { Prisma } from '../../db/prisma.js';
import { currentPolicy } from '../../compliance/policy-store.js';
import { evaluateDeviceJob, sweepComplianceJob } from '../../jobs/definitions/compliance.js';

const DAY_MS = 86_400_000;

/**
 * Finds devices whose judgement may have changed with time alone and queues their evaluation: grace periods
 * that ended, check-ins that went stale under the strictest check-in limit of the policy, and managed devices
 * never judged. Queues at most one batch per job and hands the rest to the next job.
 */
export async function sweepCompliance(deps: Pick<Deps, 'db' | 'queue' | 'clock' | 'config'>, input: { afterDeviceId?: string }): Promise<{ queued: number; next: string | null }> {
  const now = deps.clock.now();
  const policy = await currentPolicy(deps);
  const limits = Object.values(policy.document.settings).flatMap((perPlatform) => Object.values(perPlatform).map((s) => s.maxCheckInAgeDays));
  const strictest = Math.min(...limits.map((days) => days ?? Infinity));
  const staleBefore = Number.isFinite(strictest) ? new Date(now.getTime() - strictest * DAY_MS) : null;
  const batchSize = deps.config.COMPLIANCE_BATCH_SIZE;
  const after = input.afterDeviceId ? Prisma.sql`AND d.id > ${input.afterDeviceId}::uuid` : Prisma.empty;
  const stale = staleBefore
    ? Prisma.sql`OR (NOT ('check_in' = ANY(c."failingRules")) AND COALESCE(p."lastCheckInAt", d."lastSeenAt") < ${staleBefore})`
    : Prisma.empty;

  const candidates = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT d.id
    FROM "Device" d
    LEFT JOIN "DeviceCompliance" c ON c."deviceId" = d.id
    LEFT JOIN "DevicePosture" p ON p."deviceId" = d.id
    WHERE d.status IN ('PENDING', 'ENROLLED') ${after}
      AND (c."deviceId" IS NULL
           OR (c.state = 'IN_GRACE' AND c."graceDeadline" <= ${now})
           ${stale})
    ORDER BY d.id
    LIMIT ${batchSize}`;
  await deps.queue.enqueueMany(evaluateDeviceJob, candidates.map(({ id }) => ({ payload: { deviceId: id } })));
  const next = candidates.length === batchSize ? candidates.at(-1)!.id : null;
  if (next) await deps.queue.enqueue(sweepComplianceJob, { afterDeviceId: next }, { jobId: `sweep-${next}` });
  return { queued: candidates.length, next };
}
