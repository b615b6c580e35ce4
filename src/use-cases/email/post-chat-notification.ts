import { UnrecoverableError } from 'bullmq';
import type { Deps } from '../../deps.js';
import { postToChat } from '../../integrations/chat/chat-webhook.js';

/**
 * Posts one notification to the Teams/Slack channel. Rate limiting (429), server errors and network failures are
 * rethrown so the queue retries with backoff; any other refusal (404: the webhook was removed, 400: bad payload) is
 * recorded as FAILED and not retried; after the last attempt a temporary failure is recorded as FAILED too.
 */
export async function postChatNotification(deps: Pick<Deps, 'db' | 'config' | 'logger'>, notificationId: string, options: { finalAttempt: boolean }): Promise<void> {
  const { config, db } = deps;
  const notification = await db.notification.findUnique({ where: { id: notificationId } });
  if (!notification || notification.chatStatus === 'SENT' || notification.chatStatus === 'FAILED' || notification.chatStatus === 'SKIPPED') return;
  if (!config.CHAT_WEBHOOK_URL) {
    await db.notification.update({ where: { id: notificationId }, data: { chatStatus: 'SKIPPED', chatError: 'no chat channel is configured (CHAT_WEBHOOK_URL)' } });
    return;
  }
  const result = await postToChat(config.CHAT_WEBHOOK_URL, config.CHAT_WEBHOOK_FORMAT, notification, config.WEBHOOK_TIMEOUT_MS);
  if (result.ok) {
    await db.notification.update({ where: { id: notificationId }, data: { chatStatus: 'SENT', chatAttempts: { increment: 1 }, chatError: null } });
    return;
  }
  const giveUp = !result.temporary || options.finalAttempt;
  const error = `${result.status ?? 'no answer'}: ${result.error ?? ''}`.slice(0, 500);
  await db.notification.update({ where: { id: notificationId }, data: { chatAttempts: { increment: 1 }, chatError: error, ...(giveUp ? { chatStatus: 'FAILED' } : {}) } });
  deps.logger.warn({ notificationId, status: result.status, temporary: result.temporary }, 'chat notification not posted');
  if (!result.temporary) throw new UnrecoverableError(`The chat webhook refused the message: ${error}`);
  throw new Error(`Chat webhook failed: ${error}`);
}
