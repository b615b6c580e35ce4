import { UnrecoverableError } from 'bullmq';
import type { Deps } from '../../deps.js';
import { classifySmtpError, smtpTransport } from '../../integrations/email/smtp-transport.js';
import { renderEmail } from '../../integrations/email/templates/render.js';

/**
 * Sends one stored e-mail. A temporary failure (4xx, connection refused, timeout) is rethrown so the queue retries it
 * with backoff; a permanent one (5xx: unknown mailbox, rejected) is recorded as FAILED with the server's answer and
 * not retried; after the last attempt a temporary failure is recorded as FAILED too.
 */
export async function sendEmail(deps: Deps, deliveryId: string, options: { finalAttempt: boolean }): Promise<void> {
  const transport = smtpTransport(deps.config);
  const delivery = await deps.db.emailDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery || delivery.status === 'SENT' || delivery.status === 'FAILED' || delivery.status === 'DIGESTED' || delivery.status === 'SKIPPED') return;
  if (!transport) {
    await deps.db.emailDelivery.update({ where: { id: deliveryId }, data: { status: 'SKIPPED', lastError: 'e-mail is not configured (SMTP_URL)' } });
    return;
  }
  const user = delivery.userId ? await deps.db.user.findUnique({ where: { id: delivery.userId }, select: { name: true, locale: true } }) : null;
  const items = delivery.kind === 'DIGEST'
    ? await deps.db.emailDelivery.findMany({ where: { digestId: delivery.id }, orderBy: { createdAt: 'asc' }, select: { subject: true, body: true } })
    : undefined;
  const content = renderEmail({
    kind: delivery.kind,
    locale: user?.locale ?? 'en',
    recipientName: user?.name ?? delivery.toAddress,
    subject: delivery.subject,
    body: delivery.body,
    items,
  });
  try {
    const info = await transport.sendMail({ from: deps.config.SMTP_FROM, to: delivery.toAddress, ...content, headers: { 'X-MDM-Delivery': delivery.id } });
    await deps.db.emailDelivery.update({
      where: { id: deliveryId },
      data: { status: 'SENT', sentAt: deps.clock.now(), messageId: info.messageId ?? null, attempts: { increment: 1 }, lastError: null, lastErrorCode: null },
    });
  } catch (error) {
    const failure = classifySmtpError(error);
    const giveUp = failure.permanent || options.finalAttempt;
    await deps.db.emailDelivery.update({
      where: { id: deliveryId },
      data: { attempts: { increment: 1 }, lastError: failure.message, lastErrorCode: failure.code, ...(giveUp ? { status: 'FAILED', failedAt: deps.clock.now() } : {}) },
    });
    deps.logger.warn({ deliveryId, code: failure.code, permanent: failure.permanent }, 'e-mail not delivered');
    if (failure.permanent) throw new UnrecoverableError(`SMTP refused the message: ${failure.message}`);
    throw error;
  }
}
