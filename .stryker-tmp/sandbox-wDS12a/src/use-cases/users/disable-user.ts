// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../domain/access.js';
import { toUserView, type UserView } from './user-view.js';

/** Disabling ends every session at once; the account and its history stay for the audit trail. */
export async function disableUser(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock'>, actor: Actor, userId: string): Promise<UserView> {
  if (actor.userId === userId) throw new AppError('FORBIDDEN', 'You cannot disable your own account');
  const target = await deps.db.user.findUnique({ where: { id: userId } });
  if (!target) throw notFound('User');
  if (target.role === 'ADMIN' && actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can disable an ADMIN');
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { disabledAt: target.disabledAt ?? now } });
    const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: 'user_disabled' } });
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'user.disabled', targetType: 'user', targetId: userId, ip: actor.ip ?? null, details: { sessionsRevoked: count } }, tx);
    return toUserView(user);
  });
}
