// @ts-nocheck
import type { Role } from '../../generated/prisma/enums.js';
import type { BaseDeps } from '../../container.js';
import type { Tx } from '../../db/prisma.js';
import { hashToken, newRefreshToken } from '../../domain/auth/tokens.js';

/** What an access token is signed from: who, which session, and when MFA was last proven in it. */
export interface SessionGrant {
  userId: string;
  sessionId: string;
  role: Role;
  mfaAt: Date | null;
  refreshToken: string;
  refreshExpiresAt: Date;
  mustEnrollMfa: boolean;
  mustResetPassword: boolean;
}

export type AuthDeps = Pick<BaseDeps, 'db' | 'audit' | 'clock' | 'config'>;

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export async function issueRefreshToken(tx: Tx, deps: AuthDeps, sessionId: string) {
  const refreshToken = newRefreshToken();
  const refreshExpiresAt = new Date(deps.clock.now().getTime() + deps.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  await tx.refreshToken.create({ data: { sessionId, tokenHash: hashToken(refreshToken), expiresAt: refreshExpiresAt } });
  return { refreshToken, refreshExpiresAt };
}
