import type { Deps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError } from '../../errors.js';
import { findSessionStanding } from '../../storage/session-store.js';

/**
 * The session behind a valid access token, re-read on every request so a logout, disable or lost-device revocation
 * takes effect at once and a role change applies to the very next request. Returns the user's current role.
 */
export async function authenticateSession(
  deps: Pick<Deps, 'db'>,
  claims: { sub: string; sid: string },
  options: { passwordResetAllowed: boolean },
): Promise<{ role: Role }> {
  const session = await findSessionStanding(deps.db, claims.sid);
  if (!session || session.revokedAt || session.userId !== claims.sub || session.disabledAt) {
    throw new AppError('UNAUTHENTICATED', 'Session has ended; sign in again');
  }
  // After a credential reset (lost device) the session can do one thing: set a new password.
  if (session.mustResetPassword && !options.passwordResetAllowed) {
    throw new AppError('FORBIDDEN', 'Change your password first (POST /v1/auth/password)', { details: { passwordResetRequired: true } });
  }
  return { role: session.role };
}
