import { AppError } from '../../errors.js';
import { hashToken } from '../../domain/auth/tokens.js';
import { issueRefreshToken, type AuthDeps, type RequestMeta, type SessionGrant } from './session-grant.js';

const invalid = () => new AppError('UNAUTHENTICATED', 'Refresh token is invalid or expired');

/**
 * Rotates a refresh token. Presenting a token that was already rotated means it leaked (or a client raced
 * itself): the whole session family is revoked, as OAuth 2.0 Security BCP §4.14 recommends.
 */
export async function refreshSession(deps: AuthDeps, input: { refreshToken: string } & RequestMeta): Promise<SessionGrant> {
  const { db, audit, clock } = deps;
  const now = clock.now();
  const stored = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(input.refreshToken) },
    include: { session: { include: { user: true } } },
  });
  if (!stored) throw invalid();
  const { session } = stored;

  if (stored.rotatedAt) {
    if (!session.revokedAt) {
      await db.session.update({ where: { id: session.id }, data: { revokedAt: now, revokedReason: 'refresh_token_reuse' } });
      await audit.record({
        actorType: 'user', actorId: session.userId, action: 'auth.refresh_reuse_detected',
        targetType: 'session', targetId: session.id, ip: input.ip ?? null,
      });
    }
    throw invalid();
  }
  if (session.revokedAt || stored.expiresAt <= now || session.user.disabledAt) throw invalid();

  return db.$transaction(async (tx) => {
    // Conditional update: of two concurrent refreshes with the same token, exactly one wins.
    const { count } = await tx.refreshToken.updateMany({ where: { id: stored.id, rotatedAt: null }, data: { rotatedAt: now } });
    if (count !== 1) throw invalid();
    const refresh = await issueRefreshToken(tx, deps, session.id);
    return {
      userId: session.userId,
      sessionId: session.id,
      role: session.user.role,
      mfaAt: session.mfaAt,
      ...refresh,
      // A single sign-on whose provider asserted MFA needs no TOTP of ours (complete-oidc-sign-in.ts).
      mustEnrollMfa: !session.idpMfa && (!session.user.mfaEnrolledAt || session.user.mustReenrollMfa),
      mustResetPassword: session.user.mustResetPassword,
    };
  });
}
