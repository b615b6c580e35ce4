// @ts-nocheck
import { AppError, notFound } from '../../errors.js';
import { newTotpSecret, totpUri } from '../../domain/auth/totp.js';
import type { SecretBox } from '../../domain/auth/secret-box.js';
import type { AuthDeps, RequestMeta } from './session-grant.js';

/**
 * Issues a new TOTP secret, held as pending until /mfa/verify proves the authenticator has it.
 * Replacing an enrolled authenticator needs a fresh MFA first, unless IT forced re-enrolment.
 */
export async function enrollMfa(
  deps: AuthDeps & { secrets: SecretBox },
  input: { userId: string; sessionMfaAt: Date | null } & RequestMeta,
): Promise<{ otpauthUri: string; secret: string }> {
  const user = await deps.db.user.findUnique({ where: { id: input.userId } });
  if (!user) throw notFound('User');
  if (user.mfaEnrolledAt && !user.mustReenrollMfa) {
    const fresh = input.sessionMfaAt && deps.clock.now().getTime() - input.sessionMfaAt.getTime() <= deps.config.STEP_UP_MAX_AGE_SECONDS * 1000;
    if (!fresh) throw new AppError('STEP_UP_REQUIRED', 'Verify your current authenticator code before replacing it');
  }
  const secret = newTotpSecret();
  await deps.db.user.update({ where: { id: user.id }, data: { totpPendingSealed: deps.secrets.seal(secret) } });
  await deps.audit.record({ actorType: 'user', actorId: user.id, action: 'auth.mfa_enroll_started', targetType: 'user', targetId: user.id, ip: input.ip ?? null });
  return { otpauthUri: totpUri(secret, deps.config.TOTP_ISSUER, user.email), secret };
}
