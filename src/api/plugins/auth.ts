import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../domain/access.js';
import type { SessionGrant } from '../../use-cases/auth/session-grant.js';
import { assertRecentMfa } from '../../use-cases/auth/assert-recent-mfa.js';
import { authenticateSession } from '../../use-cases/auth/authenticate-session.js';
import { isUuid } from '../../domain/ids.js';

/** Claims of our access tokens. `mfa_at` (epoch seconds) lets routes demand a recent MFA (step-up). */
interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
  mfa: boolean;
  mfa_at: number | null;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route stays open to a user who must change their password first (POST /v1/auth/password, logout). */
    passwordResetAllowed?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Authenticates the caller and checks their role. Every user-facing route declares one. */
    allow(...roles: (Role | 'ANY')[]): preHandlerAsyncHookHandler;
    /** Requires MFA proven in this session within STEP_UP_MAX_AGE_SECONDS. Use after `allow`. */
    requireRecentMfa: preHandlerAsyncHookHandler;
    issueTokens(grant: SessionGrant): TokenResponse;
  }
}

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  mfa: boolean;
  mustEnrollMfa: boolean;
  mustResetPassword: boolean;
}

export const auth = fp(
  async (app: FastifyInstance, { deps }: { deps: Deps }) => {
    const { config, clock } = deps;
    await app.register(fastifyJwt, {
      secret: config.JWT_SECRET,
      sign: { algorithm: 'HS256', expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, iss: 'mdm' },
      verify: { algorithms: ['HS256'], allowedIss: 'mdm' },
    });

    app.decorateRequest('actor', null as unknown as Actor);

    app.decorate('issueTokens', (grant: SessionGrant): TokenResponse => ({
      accessToken: app.jwt.sign({
        sub: grant.userId,
        sid: grant.sessionId,
        role: grant.role,
        mfa: grant.mfaAt !== null,
        mfa_at: grant.mfaAt ? Math.floor(grant.mfaAt.getTime() / 1000) : null,
      }),
      tokenType: 'Bearer',
      expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: grant.refreshToken,
      refreshExpiresAt: grant.refreshExpiresAt.toISOString(),
      mfa: grant.mfaAt !== null,
      mustEnrollMfa: grant.mustEnrollMfa,
      mustResetPassword: grant.mustResetPassword,
    }));

    async function authenticate(request: FastifyRequest): Promise<Actor> {
      let claims: AccessClaims;
      try {
        claims = await request.jwtVerify<AccessClaims>();
      } catch (error) {
        const expired = (error as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
        throw new AppError('UNAUTHENTICATED', expired ? 'Access token expired' : 'A valid bearer token is required');
      }
      // A token signed with our secret but missing a claim we rely on (or carrying one of the wrong type) is
      // refused here, before any of it reaches the database.
      if (!hasAccessClaims(claims)) throw new AppError('UNAUTHENTICATED', 'A valid bearer token is required');
      const { role } = await authenticateSession(deps, claims, { passwordResetAllowed: request.routeOptions.config.passwordResetAllowed === true });
      return {
        userId: claims.sub,
        role,
        sessionId: claims.sid,
        mfaAt: typeof claims.mfa_at === 'number' ? new Date(claims.mfa_at * 1000) : null,
        ip: request.ip,
      };
    }

    app.decorate('allow', (...roles: (Role | 'ANY')[]) => {
      const any = roles.includes('ANY');
      return async (request: FastifyRequest, _reply: FastifyReply) => {
        const actor = await authenticate(request);
        if (!any && !roles.includes(actor.role)) throw new AppError('FORBIDDEN', 'Your role does not allow this');
        request.actor = actor;
      };
    });

    app.decorate('requireRecentMfa', async (request: FastifyRequest) => {
      assertRecentMfa({ clock, config }, request.actor);
    });
  },
  { name: 'auth' },
);

const ROLES: readonly string[] = ['ADMIN', 'IT', 'MANAGER', 'STAFF'];

/** Every claim authenticate() and the routes rely on, with its type. */
export function hasAccessClaims(claims: unknown): claims is AccessClaims {
  if (!claims || typeof claims !== 'object') return false;
  const c = claims as Record<string, unknown>;
  return (
    c.iss === 'mdm' &&
    typeof c.sub === 'string' && isUuid(c.sub) &&
    typeof c.sid === 'string' && isUuid(c.sid) &&
    typeof c.role === 'string' && ROLES.includes(c.role) &&
    (c.mfa_at === undefined || c.mfa_at === null || (typeof c.mfa_at === 'number' && Number.isFinite(c.mfa_at)))
  );
}
