// @ts-nocheck
import { AppError, notFound } from '../../errors.js';
import { checkTotp } from '../../domain/auth/totp.js';
import type { SecretBox } from '../../domain/auth/secret-box.js';
import type { BaseDeps } from '../../container.js';
import { requestUserDevicesEvaluation } from '../compliance/request-user-evaluation.js';
import type { AuthDeps, RequestMeta } from './session-grant.js';

/**
 * Proves possession of the authenticator within the current session. It completes a pending enrolment,
 * or, for an enrolled user, refreshes the session's MFA time (step-up before sensitive actions).
 */
export async function verifyMfa(
  deps: AuthDeps & Pick<BaseDeps, 'queue'> & { secrets: SecretBox },
  input: { userId: string; sessionId: string; code: string } & RequestMeta,
): Promise<{ mfaAt: Date; enrolled: boolean }> {
  const { db, audit, clock, secrets } = deps;
  const now = clock.now();
  const user = await db.user.findUnique({ where: { id: input.userId } });
  if (!user) throw notFound('User');

  const completingEnrollment = user.totpPendingSealed !== null;
  const sealed = user.totpPendingSealed ?? user.totpSecretSealed;
  if (!sealed) throw new AppError('CONFLICT', 'Start MFA enrolment first');
  const lastStep = completingEnrollment ? null : user.totpLastStep;
  const step = await checkTotp(secrets.open(sealed), input.code, now, lastStep);
  if (step === null) {
    await audit.record({ actorType: 'user', actorId: user.id, action: 'auth.mfa_failed', targetType: 'user', targetId: user.id, ip: input.ip ?? null });
    throw new AppError('INVALID_CREDENTIALS', 'The code is incorrect or already used');
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: completingEnrollment
        ? { totpSecretSealed: sealed, totpPendingSealed: null, mfaEnrolledAt: now, mustReenrollMfa: false, totpLastStep: step }
        : { totpLastStep: step },
    });
    await tx.session.update({ where: { id: input.sessionId }, data: { mfaAt: now } });
    await audit.record(
      { actorType: 'user', actorId: user.id, action: completingEnrollment ? 'auth.mfa_enrolled' : 'auth.mfa_verified', targetType: 'user', targetId: user.id, ip: input.ip ?? null },
      tx,
    );
  });
  // The user's devices may pass the MFA compliance rule now; judged after commit so they see the enrolment.
  if (completingEnrollment) await requestUserDevicesEvaluation(deps, user.id);
  return { mfaAt: now, enrolled: true };
}
