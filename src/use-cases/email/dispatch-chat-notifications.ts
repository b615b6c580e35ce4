import type { Deps } from '../../deps.js';
import { postChatNotificationJob } from '../../jobs/definitions/email.js';

/**
 * Moves role-addressed notifications to the channel's post queue, a batch at a time (job id `chat-<id>`, so two
 * workers or a crash between enqueue and update never post one twice). Only CHAT_WEBHOOK_AUDIENCE's are posted: IT
 * and ADMIN are told the same events, and the channel should hear each once. With no channel configured, or for
 * another audience, they are marked SKIPPED so nothing piles up.
 */
export async function dispatchChatNotifications(deps: Pick<Deps, 'db' | 'queue' | 'config'>, options: { batch?: number } = {}): Promise<number> {
  const { config, db } = deps;
  const skip = (where: object, reason: string) => db.notification.updateMany({ where: { chatStatus: 'PENDING', ...where }, data: { chatStatus: 'SKIPPED', chatError: reason } });
  if (!config.CHAT_WEBHOOK_URL) {
    await skip({}, 'no chat channel is configured (CHAT_WEBHOOK_URL)');
    return 0;
  }
  await skip({ audience: { not: config.CHAT_WEBHOOK_AUDIENCE } }, `only ${config.CHAT_WEBHOOK_AUDIENCE} notifications go to the chat channel`);
  const pending = await db.notification.findMany({
    where: { chatStatus: 'PENDING', audience: config.CHAT_WEBHOOK_AUDIENCE },
    orderBy: { createdAt: 'asc' },
    take: options.batch ?? 200,
    select: { id: true },
  });
  if (pending.length === 0) return 0;
  const ids = pending.map((p) => p.id);
  await deps.queue.enqueueMany(postChatNotificationJob, ids.map((notificationId) => ({ payload: { notificationId }, options: { jobId: `chat-${notificationId}` } })));
  await db.notification.updateMany({ where: { id: { in: ids }, chatStatus: 'PENDING' }, data: { chatStatus: 'QUEUED' } });
  return ids.length;
}
