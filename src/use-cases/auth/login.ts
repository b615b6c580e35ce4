import { AppError } from '../../errors.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../domain/auth/password.js';
import { lockoutUntil } from '../../domain/auth/lockout.js';
import { checkTotp } from '../../domain/auth/totp.js';
import type { SecretBox } from '../../domain/auth/secret-box.js';
import type { BaseDeps } from '../../deps.js';
import { countSignInAttempt } from '../../storage/sign-in-attempts.js';
import { issueRefreshToken, type AuthDeps, type RequestMeta, type SessionGrant } from './session-grant.js';

export interface LoginInput extends RequestMeta {
  email: string;
  password: string;
  totp?: string;
}

/**
 * Email + password, then TOTP when the user has MFA. Failures count towards a progressive lockout;
 * a missing TOTP code after a correct password does not (the client just asks for it).
 */
export async function login(deps: AuthDeps & Pick<BaseDeps, 'redis'> & { secrets: SecretBox }, input: LoginInput): Promise<SessionGrant> {
  const { db, audit, clock, config } = deps;
  const now = clock.now();
  const email = input.email.trim().toLowerCase();
  const meta = { ip: input.ip ?? null };
  // Every sign-in endpoint (API, User Enrolment form) comes through here, so they share one budget per client
  // address and one per account; the account budget holds against spraying from many addresses.
  if (input.ip) {
    const fromAddress = await countSignInAttempt(deps.redis, config.REDIS_PREFIX, 'address', input.ip, 60);
    if (fromAddress.count > config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      throw new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address; wait a minute', { details: { retryAfterSeconds: fromAddress.retryAfterSeconds } });
    }
  }
  const forAccount = await countSignInAttempt(deps.redis, config.REDIS_PREFIX, 'account', email, 3600);
  if (forAccount.count > config.LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR) {
    await audit.record({ actorType: 'anonymous', action: 'auth.login_throttled', targetType: 'user', ...meta, details: { email, attempts: forAccount.count } });
    throw new AppError('RATE_LIMITED', 'Too many sign-in attempts for this account; try again later', { details: { retryAfterSeconds: forAccount.retryAfterSeconds } });
  }
  const breakGlass = config.BREAK_GLASS_ADMIN_EMAIL?.trim().toLowerCase();
  const passwordsOff = config.LOCAL_PASSWORD_SIGNIN === 'off';
  const refusePassword = async (userId: string | null) => {
    await audit.record({ actorType: userId ? 'user' : 'anonymous', actorId: userId, action: 'auth.login_refused', targetType: 'user', targetId: userId, ...meta, details: { email, reason: 'password_signin_off' } });
    // Refused before the password is checked, so this answer says nothing about the password.
    return new AppError('FORBIDDEN', 'Password sign-in is switched off; sign in with single sign-on', { details: { ssoRequired: true } });
  };
  if (passwordsOff && email !== breakGlass) throw await refusePassword(null);
  const user = await db.user.findUnique({ where: { email } });
  // The break-glass account signs in with a password only while it is an ADMIN.
  if (passwordsOff && user && user.role !== 'ADMIN') throw await refusePassword(user.id);

  const fail = async (reason: string, userId: string | null) => {
    await audit.record({ actorType: userId ? 'user' : 'anonymous', actorId: userId, action: 'auth.login_failed', targetType: 'user', targetId: userId, ...meta, details: { email, reason } });
    return new AppError('INVALID_CREDENTIALS', 'Email, password or code is incorrect');
  };

  if (!user) {
    await verifyPassword(input.password, DUMMY_PASSWORD_HASH);
    throw await fail('unknown_email', null);
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit.record({ actorType: 'user', actorId: user.id, action: 'auth.login_locked', targetType: 'user', targetId: user.id, ...meta });
    throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', {
      details: { retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) },
    });
  }

  const registerFailure = async (reason: string) => {
    const failures = user.failedLoginCount + 1;
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: failures, lockedUntil: lockoutUntil(failures, now, config.LOCKOUT_THRESHOLD, config.LOCKOUT_BASE_SECONDS) },
    });
    return fail(reason, user.id);
  };

  if (!(await verifyPassword(input.password, user.passwordHash))) throw await registerFailure('bad_password');
  if (user.disabledAt) throw await fail('disabled', user.id);

  let mfaAt: Date | null = null;
  let acceptedStep: number | null = null;
  if (user.mfaEnrolledAt && user.totpSecretSealed && !user.mustReenrollMfa) {
    if (!input.totp) throw new AppError('MFA_REQUIRED', 'Enter the code from your authenticator app', { details: { mfaRequired: true } });
    acceptedStep = await checkTotp(deps.secrets.open(user.totpSecretSealed), input.totp, now, user.totpLastStep);
    if (acceptedStep === null) throw await registerFailure('bad_totp');
    mfaAt = now;
  }

  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, ...(acceptedStep !== null ? { totpLastStep: acceptedStep } : {}) },
    });
    const session = await tx.session.create({
      data: { userId: user.id, mfaAt, ip: input.ip ?? null, userAgent: input.userAgent ?? null },
    });
    const refresh = await issueRefreshToken(tx, deps, session.id);
    await audit.record(
      { actorType: 'user', actorId: user.id, action: 'auth.login', targetType: 'session', targetId: session.id, ...meta, details: { mfa: mfaAt !== null } },
      tx,
    );
    return {
      userId: user.id,
      sessionId: session.id,
      role: user.role,
      mfaAt,
      ...refresh,
      mustEnrollMfa: !user.mfaEnrolledAt || user.mustReenrollMfa,
      mustResetPassword: user.mustResetPassword,
    };
  });
}
