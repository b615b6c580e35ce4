import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { OIDC_CALLBACK_PATH, OIDC_STATE_TTL_SECONDS } from '../../domain/auth/sso.js';
import { completeOidcSignIn, type OidcSignInFailure } from '../../use-cases/auth/complete-oidc-sign-in.js';
import { startOidcSignIn } from '../../use-cases/auth/start-oidc-sign-in.js';
import { errors } from '../schemas/common.js';
import { setRefreshCookie } from '../plugins/refresh-cookie.js';

/**
 * Binds a started sign-in to the browser that started it. SameSite=Lax, not Strict: the callback arrives as a
 * top-level navigation from the provider's site, and a Strict cookie would not be sent with it. It holds only the
 * state; the nonce and PKCE verifier stay in Redis.
 */
const STATE_COOKIE = 'mdm_oidc_state';
const STATE_COOKIE_PATH = '/v1/auth/oidc';

const Redirect = Type.Null({ description: 'Redirect (Location header)' });
const redirectQuery = Type.String({ maxLength: 4096 });

/**
 * Single sign-on for the web console (OpenID Connect, authorization code + PKCE). The console asks
 * `GET /v1/auth/sso` whether to show the button, sends the browser to `/v1/auth/oidc/start`, and after the callback
 * resumes the session from the refresh cookie exactly as after a password sign-in.
 */
export const ssoRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.PUBLIC_BASE_URL.startsWith('https://');
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });
  const toConsole = (reply: FastifyReply, code?: OidcSignInFailure) =>
    reply
      .header('cache-control', 'no-store')
      // The callback URL carries the authorization code: keep it out of Referer headers.
      .header('referrer-policy', 'no-referrer')
      .clearCookie(STATE_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: STATE_COOKIE_PATH })
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
        .setCookie(STATE_COOKIE, started.state, { httpOnly: true, sameSite: 'lax', secure, path: STATE_COOKIE_PATH, maxAge: OIDC_STATE_TTL_SECONDS })
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
      setRefreshCookie(reply, result.grant.refreshToken, result.grant.refreshExpiresAt, secure);
      return toConsole(reply);
    },
  );
};
