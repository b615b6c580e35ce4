import type { Deps } from '../../deps.js';
import { sendEmailJob } from '../../jobs/definitions/email.js';
import { smtpTransport } from '../../integrations/email/smtp-transport.js';

/**
 * Moves e-mails written by the notification triggers to the send queue, a batch at a time. Each gets the job id
 * `email-<id>`, so running on two workers at once, or again after a crash between enqueue and update, never queues
 * one twice. With e-mail off they are marked SKIPPED, so the outbox does not grow.
 */
export async function dispatchEmails(deps: Deps, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 500;
  const pending = await deps.db.emailDelivery.findMany({
    where: { status: 'PENDING', digest: false },
    orderBy: { createdAt: 'asc' },
    take: batch,
    select: { id: true },
  });
  if (pending.length === 0) return 0;
  const ids = pending.map((p) => p.id);
  if (!smtpTransport(deps.config)) {
    await deps.db.emailDelivery.updateMany({ where: { id: { in: ids }, status: 'PENDING' }, data: { status: 'SKIPPED', lastError: 'e-mail is not configured (SMTP_URL)' } });
    return 0;
  }
  await deps.queue.enqueueMany(sendEmailJob, ids.map((deliveryId) => ({ payload: { deliveryId }, options: { jobId: `email-${deliveryId}` } })));
  await deps.db.emailDelivery.updateMany({ where: { id: { in: ids }, status: 'PENDING' }, data: { status: 'QUEUED' } });
  return ids.length;
}
