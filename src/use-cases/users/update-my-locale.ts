import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';

/**
 * Self-service: the signed-in person chooses the language of their e-mails (BCP 47 tag; the message catalogue falls
 * back to English for a language it does not have). Audited like any change to a user.
 */
export async function updateMyLocale(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, locale: string) {
  return deps.db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { locale: true } });
    const user = await tx.user.update({ where: { id: actor.userId }, data: { locale }, select: { locale: true } });
    if (before.locale !== user.locale) {
      await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'user.updated', targetType: 'user', targetId: actor.userId, ip: actor.ip ?? null, details: { changes: { locale: { from: before.locale, to: user.locale } } } }, tx);
    }
    return { locale: user.locale };
  });
}
