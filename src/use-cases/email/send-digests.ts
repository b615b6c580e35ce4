import type { Deps } from '../../deps.js';
import { sendEmailJob } from '../../jobs/definitions/email.js';
import { message } from '../../integrations/email/templates/render.js';

/**
 * Folds each recipient's pending digest items (managers' team notifications) into one e-mail, when their last digest
 * is at least EMAIL_DIGEST_HOURS old (or they never had one): the first notification goes out at once, later ones are
 * collected. A row lock on the items keeps two workers from building the same digest.
 */
export async function sendDigests(deps: Deps): Promise<number> {
  const { db, clock, config } = deps;
  const recipients = await db.emailDelivery.groupBy({ by: ['userId'], where: { status: 'PENDING', digest: true, userId: { not: null } } });
  let sent = 0;
  for (const { userId } of recipients) {
    const since = new Date(clock.now().getTime() - config.EMAIL_DIGEST_HOURS * 3600_000);
    const digestId = await db.$transaction(async (tx) => {
      const recent = await tx.emailDelivery.findFirst({ where: { userId, kind: 'DIGEST', createdAt: { gt: since } }, select: { id: true } });
      if (recent) return null;
      const items = await tx.$queryRaw<{ id: string; toAddress: string }[]>`
        SELECT id, "toAddress" FROM "EmailDelivery" WHERE "userId" = ${userId}::uuid AND status = 'PENDING' AND digest
        ORDER BY "createdAt" LIMIT 200 FOR UPDATE SKIP LOCKED`;
      if (items.length === 0) return null;
      const user = await tx.user.findUnique({ where: { id: userId! }, select: { locale: true } });
      const digest = await tx.emailDelivery.create({
        data: {
          userId,
          toAddress: items[0]!.toAddress,
          kind: 'DIGEST',
          subject: message(user?.locale ?? 'en', 'digest.subject', { count: items.length }),
          body: '',
          createdAt: clock.now(),
          status: config.SMTP_URL ? 'QUEUED' : 'SKIPPED',
        },
      });
      await tx.emailDelivery.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { status: 'DIGESTED', digestId: digest.id } });
      return config.SMTP_URL ? digest.id : null;
    });
    if (digestId) {
      await deps.queue.enqueue(sendEmailJob, { deliveryId: digestId }, { jobId: `email-${digestId}` });
      sent += 1;
    }
  }
  return sent;
}
