import type { BaseDeps } from '../../deps.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { assertRecentMfa } from '../auth/assert-recent-mfa.js';
import { requestUserDevicesEvaluation } from '../compliance/request-evaluation.js';

export interface MfaReset {
  userId: string;
  mustReenrollMfa: true;
  sessionsRevoked: number;
}

/**
 * The supervised way back in for someone whose authenticator is gone (lost or stolen phone): another IT or ADMIN,
 * having proven their own MFA moments ago and checked who is asking out of band, removes the user's TOTP secret.
 * The old authenticator stops working at once, every session ends, and the next sign-in (password only) must enrol
 * MFA again before anything else; until then the user's devices fail the MFA rule. Audited with the reason.
 */
export async function resetMfa(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock' | 'config' | 'queue'>, actor: Actor, userId: string, reason: string): Promise<MfaReset> {
  if (!isFleetAdmin(actor) || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only a person in IT or ADMIN can reset MFA');
  assertRecentMfa(deps, actor);
  if (actor.userId === userId) throw new AppError('FORBIDDEN', 'Another IT or ADMIN person must reset your MFA');
  const target = await deps.db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!target) throw notFound('User');
  if (target.role === 'ADMIN' && actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', "Only an ADMIN can reset an ADMIN's MFA");
  const now = deps.clock.now();
  const sessionsRevoked = await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecretSealed: null, totpPendingSealed: null, totpLastStep: null, mustReenrollMfa: true } });
    const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: 'mfa_reset' } });
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'user.mfa_reset', targetType: 'user', targetId: userId, ip: actor.ip ?? null, details: { reason, sessionsRevoked: count } }, tx);
    return count;
  });
  // The MFA rule of their devices now fails until they enrol again.
  await requestUserDevicesEvaluation(deps, userId);
  return { userId, mustReenrollMfa: true, sessionsRevoked };
}
