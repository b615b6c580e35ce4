// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { notFound } from '../../errors.js';
import { canSeeUser, type Actor } from '../../domain/access.js';
import { toUserView, type UserView } from './user-view.js';

export async function getUser(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, userId: string): Promise<UserView> {
  const user = await deps.db.user.findUnique({ where: { id: userId } });
  if (!user || !canSeeUser(actor, user)) throw notFound('User');
  if (actor.userId !== user.id) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'user.viewed', targetType: 'user', targetId: user.id, ip: actor.ip ?? null });
  }
  return toUserView(user);
}
