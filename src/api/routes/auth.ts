import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { createSecretBox } from '../../domain/auth/secret-box.js';
import { OIDC_CALLBACK_PATH, OIDC_STATE_TTL_SECONDS } from '../../domain/auth/sso.js';
import { AppError } from '../../errors.js';
import { changePassword } from '../../use-cases/auth/change-password.js';
import { completeOidcSignIn, type OidcSignInFailure } from '../../use-cases/auth/complete-oidc-sign-in.js';
import { enrollMfa } from '../../use-cases/auth/enroll-mfa.js';
import { login } from '../../use-cases/auth/login.js';
import { logout } from '../../use-cases/auth/logout.js';
import { refreshSession } from '../../use-cases/auth/refresh-session.js';
import { startOidcSignIn } from '../../use-cases/auth/start-oidc-sign-in.js';
import { verifyMfa } from '../../use-cases/auth/verify-mfa.js';
import type { TokenResponse } from '../plugins/auth.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie, wantsRefreshCookie } from '../plugins/refresh-cookie.js';
import { errors } from '../schemas/common.js';

const Tokens = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' }),
  refreshToken: Type.Optional(Type.String({ description: 'Single use: each refresh returns a new one. Absent when the request asked for the refresh cookie (X-Refresh-Cookie: 1)' })),
  refreshExpiresAt: Type.String({ format: 'date-time' }),
  mfa: Type.Boolean({ description: 'Whether MFA was proven in this session' }),
  mustEnrollMfa: Type.Boolean(),
  mustResetPassword: Type.Boolean(),
});

/**
 * Binds a started sign-in to the browser that started it. SameSite=Lax, not Strict: the callback arrives as a
 * top-level navigation from the provider's site, and a Strict cookie would not be sent with it. It holds only the
 * state; the nonce and PKCE verifier stay in Redis.
 */
const STATE_COOKIE = 'mdm_oidc_state';
const STATE_COOKIE_PATH = '/v1/auth/oidc';

const Redirect = Type.Null({ description: 'Redirect (Location header)' });
const redirectQuery = Type.String({ maxLength: 4096 });

/** Password and TOTP sign-in, sessions, MFA, password change, and single sign-on (OpenID Connect). */
export const authRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const secrets = createSecretBox(deps.config.DATA_ENCRYPTION_KEY);
  const authDeps = { ...deps, secrets };
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });
  const secureCookie = deps.config.PUBLIC_BASE_URL.startsWith('https://');
  /** Browsers asking for the cookie get the refresh token only as an httpOnly cookie, never in the body. */
  const respond = (request: FastifyRequest, reply: FastifyReply, tokens: TokenResponse) => {
    if (!wantsRefreshCookie(request)) return tokens;
    setRefreshCookie(reply, tokens.refreshToken, new Date(tokens.refreshExpiresAt), secureCookie);
    const { refreshToken: _sentAsCookie, ...rest } = tokens;
    return rest;
  };
  const cookieHeader = Type.Object({ 'x-refresh-cookie': Type.Optional(Type.Literal('1', { description: 'Browsers: send the refresh token as an httpOnly SameSite=Strict cookie instead' })) });

  app.post(
    '/v1/auth/login',
    {
      config: {
        rateLimit: {
          max: deps.config.LOGIN_RATE_LIMIT_PER_MINUTE,
          timeWindow: 60_000,
          errorResponseBuilder: (_request, context) =>
            new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address; wait a minute', {
              details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
            }),
        },
      },
      schema: {
        operationId: 'login',
        security: [],
        tags: ['auth'],
        summary: 'Sign in with email and password (and TOTP code when MFA is enrolled)',
        body: Type.Object({
          email: Type.String({ format: 'email', maxLength: 320 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        }),
        headers: cookieHeader,
        response: { 200: Tokens, ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => respond(request, reply, app.issueTokens(await login(authDeps, { ...request.body, ...meta(request) }))),
  );

  app.post(
    '/v1/auth/refresh',
    {
      schema: {
        operationId: 'refreshSession',
        security: [],
        tags: ['auth'],
        summary: 'Exchange a refresh token for new tokens (rotation; reuse revokes the session)',
        description: 'API clients send the refresh token in the body; browsers send `X-Refresh-Cookie: 1` and an empty object, and the cookie set at sign-in is used.',
        headers: cookieHeader,
        body: Type.Object({ refreshToken: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })) }),
        response: { 200: Tokens, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const refreshToken = request.body.refreshToken ?? (wantsRefreshCookie(request) ? readRefreshCookie(request) : undefined);
      if (!refreshToken) throw new AppError('UNAUTHENTICATED', 'A refresh token is required');
      try {
        return respond(request, reply, app.issueTokens(await refreshSession(deps, { refreshToken, ...meta(request) })));
      } catch (error) {
        // A refused cookie is useless from now on: drop it so the browser shows the sign-in page cleanly.
        if (request.body.refreshToken === undefined) clearRefreshCookie(reply, secureCookie);
        throw error;
      }
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { passwordResetAllowed: true },
      preHandler: app.allow('ANY'),
      schema: { operationId: 'logout',  tags: ['auth'], summary: 'End this session', security: [{ bearerAuth: [] }], response: { 204: Type.Null(), ...errors(401) } },
    },
    async (request, reply) => {
      await logout(deps, { userId: request.actor.userId, sessionId: request.actor.sessionId!, ip: request.ip });
      clearRefreshCookie(reply, secureCookie);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/auth/mfa/enroll',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'enrollMfa',
        tags: ['auth'],
        summary: 'Start TOTP enrolment; confirm with /v1/auth/mfa/verify',
        security: [{ bearerAuth: [] }],
        response: { 200: Type.Object({ otpauthUri: Type.String(), secret: Type.String() }), ...errors(401, 403) },
      },
    },
    async (request) => enrollMfa(authDeps, { userId: request.actor.userId, sessionMfaAt: request.actor.mfaAt ?? null, ip: request.ip }),
  );

  app.post(
    '/v1/auth/mfa/verify',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'verifyMfa',
        tags: ['auth'],
        summary: 'Confirm enrolment, or prove MFA again (step-up); returns tokens carrying the new MFA time',
        security: [{ bearerAuth: [] }],
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }),
        response: { 200: Type.Object({ accessToken: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer(), mfaAt: Type.String({ format: 'date-time' }) }), ...errors(400, 401, 409) },
      },
    },
    async (request) => {
      const { actor } = request;
      const { mfaAt } = await verifyMfa(authDeps, { userId: actor.userId, sessionId: actor.sessionId!, code: request.body.code, ip: request.ip });
      const accessToken = app.jwt.sign({ sub: actor.userId, sid: actor.sessionId!, role: actor.role, mfa: true, mfa_at: Math.floor(mfaAt.getTime() / 1000) });
      return { accessToken, tokenType: 'Bearer' as const, expiresIn: deps.config.ACCESS_TOKEN_TTL_SECONDS, mfaAt: mfaAt.toISOString() };
    },
  );

  app.post(
    '/v1/auth/password',
    {
      config: { passwordResetAllowed: true },
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Change my password (required after a credential reset); ends my other sessions',
        security: [{ bearerAuth: [] }],
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 12, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      await changePassword(deps, { ...request.body, userId: request.actor.userId, sessionId: request.actor.sessionId!, ip: request.ip });
      return reply.status(204).send(null);
    },
  );

  // Single sign-on for the web console (OpenID Connect, authorization code + PKCE). The console asks
  // `GET /v1/auth/sso` whether to show the button, sends the browser to `/v1/auth/oidc/start`, and after the callback
  // resumes the session from the refresh cookie exactly as after a password sign-in.
  {
    const { config } = deps;
    const toConsole = (reply: FastifyReply, code?: OidcSignInFailure) =>
      reply
        .header('cache-control', 'no-store')
        // The callback URL carries the authorization code: keep it out of Referer headers.
        .header('referrer-policy', 'no-referrer')
        .clearCookie(STATE_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: STATE_COOKIE_PATH })
        .redirect(code ? `/?sso_error=${code}` : '/', 302);

    app.get(
      '/v1/auth/sso',
      {
        schema: {
          tags: ['auth'],
          operationId: 'getSsoOptions',
          summary: 'Whether single sign-on is offered, and the label of its button',
          security: [],
          response: { 200: Type.Object({ enabled: Type.Boolean(), label: Type.Optional(Type.String()) }) },
        },
      },
      async () => (deps.oidc ? { enabled: true, label: config.OIDC_LABEL } : { enabled: false }),
    );

    app.get(
      '/v1/auth/oidc/start',
      {
        config: {
          // Every start stores a pending sign-in in Redis: the sign-in budget per address bounds how many.
          rateLimit: {
            max: config.LOGIN_RATE_LIMIT_PER_MINUTE,
            timeWindow: 60_000,
            errorResponseBuilder: (_request, context) =>
              new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address; wait a minute', { details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) } }),
          },
        },
        schema: {
          tags: ['auth'],
          operationId: 'startSsoSignIn',
          summary: 'Start single sign-on: redirects to the identity provider (or to /?sso_error=<code> when it is off or unreachable)',
          security: [],
          response: { 302: Redirect, ...errors(429) },
        },
      },
      async (request, reply) => {
        const started = await startOidcSignIn(deps, meta(request));
        if (!started.ok) return toConsole(reply, started.code);
        return reply
          .header('cache-control', 'no-store')
          .setCookie(STATE_COOKIE, started.state, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: STATE_COOKIE_PATH, maxAge: OIDC_STATE_TTL_SECONDS })
          .redirect(started.redirectTo, 302);
      },
    );

    app.get(
      OIDC_CALLBACK_PATH,
      {
        schema: {
          tags: ['auth'],
          operationId: 'completeSsoSignIn',
          summary: 'Where the identity provider sends the browser back: signs in (refresh cookie) and redirects to /, or to /?sso_error=<code>',
          description:
            'Codes: `disabled` (single sign-on is off), `state` (expired, replayed or started in another browser), `denied` (the provider refused or the person cancelled), `failed` (the provider\'s answer did not verify), `unavailable` (the provider could not be reached), `not_allowed` (no usable account for this person).',
          security: [],
          querystring: Type.Object({
            code: Type.Optional(redirectQuery),
            state: Type.Optional(redirectQuery),
            error: Type.Optional(redirectQuery),
            error_description: Type.Optional(redirectQuery),
            iss: Type.Optional(redirectQuery),
            session_state: Type.Optional(redirectQuery),
          }),
          response: { 302: Redirect, ...errors(400) },
        },
      },
      async (request, reply) => {
        const callbackUrl = new URL(OIDC_CALLBACK_PATH, config.PUBLIC_BASE_URL);
        const query = request.url.indexOf('?');
        if (query >= 0) callbackUrl.search = request.url.slice(query);
        const browserState = request.cookies[STATE_COOKIE];
        const result = await completeOidcSignIn(deps, { ...meta(request), state: request.query.state, browserState, callbackUrl });
        if (!result.ok) return toConsole(reply, result.code);
        // The same browser session as a password sign-in from the console: the refresh token only as an httpOnly,
        // SameSite=Strict cookie; the console exchanges it at /v1/auth/refresh for an access token.
        setRefreshCookie(reply, result.grant.refreshToken, result.grant.refreshExpiresAt, secureCookie);
        return toConsole(reply);
      },
    );
  }
};
