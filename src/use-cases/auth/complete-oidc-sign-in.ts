import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { Prisma, type User } from '../../db/prisma.js';
import { assertsMfa, emailFrom, groupsFrom, parseGroupRoleMap, roleForGroups } from '../../domain/auth/sso.js';
import { OidcError, type OidcIdentity } from '../../integrations/oidc/oidc-client.js';
import { takeOidcSignIn } from '../../storage/oidc-sign-in-state.js';
import { requestUserDevicesEvaluation } from '../compliance/request-evaluation.js';
import { issueRefreshToken, type AuthDeps, type RequestMeta, type SessionGrant } from './session-grant.js';

/**
 * What the browser is told in `/?sso_error=<code>`; the audit log has the precise reason. `not_allowed` covers an
 * unknown, disabled or unverified account alike, so the page says nothing about which accounts exist.
 */
export type OidcSignInFailure = 'disabled' | 'state' | 'denied' | 'failed' | 'unavailable' | 'not_allowed';

export type OidcSignInResult = { ok: true; grant: SessionGrant } | { ok: false; code: OidcSignInFailure };

export interface OidcCallbackInput extends RequestMeta {
  /** `state` from the callback's query string. */
  state?: string;
  /** The state the browser's sign-in cookie says it started (login CSRF: another person's callback URL fails). */
  browserState?: string;
  /** The callback URL as the provider redirected to it (our registered redirect URI plus its query). */
  callbackUrl: URL;
}

/** Passwords of users created at their first single sign-on: matches no password, so only SSO signs them in. */
const NO_PASSWORD = 'sso-only';

/**
 * Finishes a single sign-on: the state must be the one this browser started and not used before; the code is
 * redeemed with the PKCE verifier and the ID token verified (nonce included). The person is matched by email
 * (created as STAFF when OIDC_JIT_CREATE is on), their role follows OIDC_GROUP_ROLE_MAP when set, and MFA asserted
 * by the provider (`amr` contains `mfa`) counts as MFA proven now. Never throws for a refusal: it is audited and
 * returned, so the route can redirect to the console with a code.
 */
export async function completeOidcSignIn(deps: AuthDeps & Pick<Deps, 'redis' | 'queue' | 'oidc'>, input: OidcCallbackInput): Promise<OidcSignInResult> {
  const { db, audit, config, clock } = deps;
  const refuse = async (code: OidcSignInFailure, reason: string, extra: { user?: User; identity?: OidcIdentity; email?: string | null } = {}): Promise<OidcSignInResult> => {
    await audit.record({
      actorType: extra.user ? 'user' : 'anonymous',
      actorId: extra.user?.id ?? null,
      action: 'auth.sso_refused',
      targetType: 'user',
      targetId: extra.user?.id ?? null,
      ip: input.ip ?? null,
      details: {
        reason,
        ...(extra.identity ? { issuer: extra.identity.issuer, subject: extra.identity.subject } : {}),
        ...(extra.email ? { email: extra.email } : {}),
      },
    });
    return { ok: false, code };
  };

  if (!deps.oidc) return refuse('disabled', 'sso_off');
  if (!input.state) return refuse('state', 'state_missing');
  // Taken whatever happens next, so a state is good for one callback at most.
  const pending = await takeOidcSignIn(deps.redis, config.REDIS_PREFIX, input.state);
  if (!input.browserState || !sameText(input.state, input.browserState)) return refuse('state', 'state_not_this_browser');
  if (!pending) return refuse('state', 'state_unknown_or_used');

  let identity: OidcIdentity;
  try {
    identity = await deps.oidc.redeem(input.callbackUrl, { state: input.state, ...pending });
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    return refuse(error.reason, `provider_${error.reason}`);
  }

  const email = emailFrom(identity.claims[config.OIDC_EMAIL_CLAIM]);
  if (!email) return refuse('not_allowed', 'no_email_claim', { identity });
  // A provider saying outright that the address is unverified could let anyone claim anyone's account by email.
  if (identity.claims.email_verified === false) return refuse('not_allowed', 'email_unverified', { identity, email });

  let user = await db.user.findUnique({ where: { email } });
  let created = false;
  if (!user) {
    if (!config.OIDC_JIT_CREATE) return refuse('not_allowed', 'unknown_email', { identity, email });
    ({ user, created } = await createStaffUser(deps, email, identity));
  }
  if (user.disabledAt) return refuse('not_allowed', 'user_disabled', { identity, email, user });

  const now = clock.now();
  const mfa = assertsMfa(identity.claims.amr);
  // MFA was proven when the person authenticated at the provider (`auth_time`), which may be well before now when
  // the provider reused its own session; step-up is measured from then.
  const mfaAt = mfa ? authenticatedAt(identity.claims.auth_time, now) : null;
  const isBreakGlass = config.BREAK_GLASS_ADMIN_EMAIL !== undefined && email === config.BREAK_GLASS_ADMIN_EMAIL.trim().toLowerCase();
  const roleMap = parseGroupRoleMap(config.OIDC_GROUP_ROLE_MAP);
  // The break-glass ADMIN keeps its role whatever the provider says: it is the way back in when SSO goes wrong.
  const role = roleMap.size > 0 && !isBreakGlass ? roleForGroups(roleMap, groupsFrom(identity.claims[config.OIDC_GROUPS_CLAIM])) : user.role;
  const mfaRuleChanged = created || (user.idpMfaAt !== null) !== mfa;
  const signedIn = user;

  const grant = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: signedIn.id }, data: { role, idpMfaAt: mfa ? now : null } });
    if (role !== signedIn.role) {
      await audit.record(
        { actorType: 'system', action: 'user.updated', targetType: 'user', targetId: signedIn.id, ip: input.ip ?? null, details: { changes: { role: { from: signedIn.role, to: role } }, source: 'sso_group_mapping' } },
        tx,
      );
    }
    const session = await tx.session.create({
      data: { userId: signedIn.id, mfaAt, method: 'oidc', idpMfa: mfa, ip: input.ip ?? null, userAgent: input.userAgent ?? null },
    });
    const refresh = await issueRefreshToken(tx, deps, session.id);
    await audit.record(
      {
        actorType: 'user', actorId: signedIn.id, action: 'auth.sso_login', targetType: 'session', targetId: session.id, ip: input.ip ?? null,
        details: { mfa, issuer: identity.issuer, subject: identity.subject, ...(created ? { created: true } : {}) },
      },
      tx,
    );
    return {
      userId: signedIn.id,
      sessionId: session.id,
      role,
      mfaAt,
      ...refresh,
      // MFA asserted by the provider stands in for our TOTP; without it our TOTP rules apply as after a password.
      mustEnrollMfa: !mfa && (!signedIn.mfaEnrolledAt || signedIn.mustReenrollMfa),
      mustResetPassword: signedIn.mustResetPassword,
    };
  });
  // The MFA compliance rule reads the provider's assertion too; judged after commit so the jobs see it.
  if (mfaRuleChanged) await requestUserDevicesEvaluation(deps, signedIn.id);
  return { ok: true, grant };
}

async function createStaffUser(deps: AuthDeps, email: string, identity: OidcIdentity): Promise<{ user: User; created: boolean }> {
  const name = typeof identity.claims.name === 'string' && identity.claims.name.trim() ? identity.claims.name.trim().slice(0, 200) : email.split('@')[0]!;
  try {
    const user = await deps.db.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email, name, role: 'STAFF', passwordHash: NO_PASSWORD } });
      await deps.audit.record(
        { actorType: 'system', action: 'user.created', targetType: 'user', targetId: created.id, details: { email, role: 'STAFF', source: 'sso_just_in_time', issuer: identity.issuer, subject: identity.subject } },
        tx,
      );
      return created;
    });
    return { user, created: true };
  } catch (error) {
    // Two first sign-ins of the same person at once: the other one created the user.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return { user: await deps.db.user.findUniqueOrThrow({ where: { email } }), created: false };
    }
    throw error;
  }
}

function authenticatedAt(authTime: unknown, now: Date): Date {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return now;
  return new Date(Math.min(authTime * 1000, now.getTime()));
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
