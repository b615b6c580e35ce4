// @ts-nocheck
import type { Deps } from '../../container.js';
import { dueEscalation } from '../../domain/compliance/judge.js';
import { currentPolicy } from '../../compliance/policy-store.js';
import { escalateDeviceJob, runEscalationActionJob } from '../../jobs/definitions/compliance.js';

/**
 * Queues the escalation steps that are due for a non-compliant device, each at most once per failure episode
 * (the action row is unique per device, episode and action), and schedules itself for the next step.
 */
export async function escalateDevice(deps: Pick<Deps, 'db' | 'queue' | 'clock' | 'config'>, deviceId: string): Promise<string[]> {
  const { db, clock } = deps;
  const now = clock.now();
  const current = await db.deviceCompliance.findUnique({ where: { deviceId } });
  if (!current || current.state !== 'NONCOMPLIANT' || !current.graceDeadline || !current.episodeStartedAt) return [];
  const policy = await currentPolicy(deps);
  const { due, nextAt } = dueEscalation(policy.document.escalation[current.ownership], current.graceDeadline, now);

  if (due.length > 0) {
    await db.complianceEscalationAction.createMany({
      data: due.map((step) => ({ deviceId, episodeStartedAt: current.episodeStartedAt!, action: step.action, createdAt: now })),
      skipDuplicates: true,
    });
  }
  const open = await db.complianceEscalationAction.findMany({
    where: { deviceId, episodeStartedAt: current.episodeStartedAt, status: 'PENDING' },
    select: { id: true },
  });
  await deps.queue.enqueueMany(runEscalationActionJob, open.map(({ id }) => ({ payload: { actionId: id }, options: { jobId: `escalation-${id}` } })));
  if (nextAt) {
    await deps.queue.enqueue(escalateDeviceJob, { deviceId }, { jobId: `escalate-${deviceId}-${nextAt.getTime()}`, delayMs: nextAt.getTime() - now.getTime() });
  }
  return open.map(({ id }) => id);
}
