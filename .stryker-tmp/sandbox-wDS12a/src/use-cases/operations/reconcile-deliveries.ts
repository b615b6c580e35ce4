// @ts-nocheck
import type { Deps } from '../../container.js';
import { deliverCommandJob, deliverWebhookJob } from '../../jobs/definitions/operations.js';
import { idFromJobId, queueCommandDelivery, queueWebhookDeliveries } from '../../operations/delivery-queue.js';

const BATCH = 500;

export interface ReconcileResult {
  commands: number;
  webhooks: number;
}

/**
 * PostgreSQL says what must be delivered; Redis only carries the jobs. Every command stored as QUEUED
 * (and not leased by a live worker) and every PENDING webhook delivery without a waiting, delayed or active
 * job is queued again. The delivery path dedupes by id, so a job queued twice still delivers once.
 */
export async function reconcileDeliveries(deps: Pick<Deps, 'db' | 'queue' | 'clock' | 'logger'>): Promise<ReconcileResult> {
  const now = deps.clock.now();
  const pendingCommands = idsOf(await deps.queue.pendingJobIds(deliverCommandJob));
  let commands = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await deps.db.command.findMany({
      where: { status: 'QUEUED', dispatchedAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, attempts: true },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    for (const command of batch) {
      if (pendingCommands.has(command.id)) continue;
      await queueCommandDelivery(deps, command.id, command.attempts);
      commands += 1;
    }
    if (batch.length < BATCH) break;
    cursor = batch.at(-1)!.id;
  }

  const pendingWebhooks = idsOf(await deps.queue.pendingJobIds(deliverWebhookJob));
  const stranded = await deps.db.webhookDelivery.findMany({ where: { status: 'PENDING' }, select: { id: true, attempts: true }, orderBy: { createdAt: 'asc' }, take: 5_000 });
  const lost = stranded.filter((d) => !pendingWebhooks.has(d.id));
  await queueWebhookDeliveries(deps, lost);

  if (commands || lost.length) deps.logger.info({ commands, webhooks: lost.length }, 'reconciler re-queued deliveries missing from Redis');
  return { commands, webhooks: lost.length };
}

function idsOf(jobIds: Set<string>): Set<string> {
  return new Set([...jobIds].map(idFromJobId).filter((id): id is string => id !== null));
}
