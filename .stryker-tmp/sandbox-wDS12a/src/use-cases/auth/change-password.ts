// @ts-nocheck
import { AppError, notFound } from '../../errors.js';
import { hashPassword, passwordProblems, verifyPassword } from '../../domain/auth/password.js';
import type { AuthDeps } from './session-grant.js';

export interface ChangePasswordInput {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip?: string | null;
}

/**
 * Sets a new password (proving the current or temporary one) and clears a forced reset. Every other session
 * ends: whoever else knew the old password is signed out.
 */
export async function changePassword(deps: AuthDeps, input: ChangePasswordInput): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: input.userId } });
  if (!user) throw notFound('User');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw new AppError('INVALID_CREDENTIALS', 'The current password is incorrect');
  const problems = passwordProblems(input.newPassword);
  if (problems.length) throw new AppError('VALIDATION_FAILED', `The new password ${problems.join(', ')}`, { details: { problems } });
  if (input.newPassword === input.currentPassword) throw new AppError('VALIDATION_FAILED', 'Choose a password different from the current one');
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustResetPassword: false } });
    const { count } = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null, id: { not: input.sessionId } }, data: { revokedAt: now, revokedReason: 'password_changed' } });
    await deps.audit.record({ actorType: 'user', actorId: user.id, action: 'auth.password_changed', targetType: 'user', targetId: user.id, ip: input.ip ?? null, details: { forced: user.mustResetPassword, sessionsRevoked: count } }, tx);
  });
}
