import type { BaseDeps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../domain/access.js';
import { assertAssignable } from './assignments.js';
import { toUserView, type UserView } from './user-view.js';

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  managerId?: string | null;
  /** BCP 47 tag for this person's e-mails. */
  locale?: string;
}

export async function updateUser(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, userId: string, input: UpdateUserInput): Promise<UserView> {
  const before = await deps.db.user.findUnique({ where: { id: userId } });
  if (!before) throw notFound('User');
  if (before.role === 'ADMIN' && actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can change an ADMIN');
  if (input.role && actor.userId === userId && input.role !== before.role) throw new AppError('FORBIDDEN', 'You cannot change your own role');
  await assertAssignable(deps.db, actor, { role: input.role, managerId: input.managerId, userId });

  return deps.db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: input });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as (keyof UpdateUserInput)[]) {
      if (input[key] !== undefined && before[key] !== user[key]) changes[key] = { from: before[key], to: user[key] };
    }
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'user.updated', targetType: 'user', targetId: userId, ip: actor.ip ?? null, details: { changes } }, tx);
    return toUserView(user);
  });
}
