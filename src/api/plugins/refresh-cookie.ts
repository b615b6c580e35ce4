import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

/**
 * The browser variant of the refresh token: an httpOnly, SameSite=Strict cookie scoped to /v1/auth, so the
 * console keeps only a short-lived access token in memory and nothing in localStorage.
 *
 * A browser opts in with the `X-Refresh-Cookie: 1` header. The cookie is only ever read when that header is
 * present: a cross-site page cannot add a custom header without a CORS preflight (which this API never grants),
 * and SameSite=Strict keeps the cookie off cross-site requests anyway; a mismatching Origin is refused as well.
 * API clients keep using the refresh token in the JSON body.
 */
export const REFRESH_COOKIE = 'mdm_refresh';
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';
/** Readable by scripts and holding no secret: tells the console a session may be resumed, so a signed-out visit
 *  does not start with a failing refresh request. */
export const SESSION_HINT_COOKIE = 'mdm_session';

export function wantsRefreshCookie(request: FastifyRequest): boolean {
  if (request.headers[REFRESH_COOKIE_HEADER] !== '1') return false;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('FORBIDDEN', 'Cross-site session requests are refused');
    }
    if (host !== request.headers.host) throw new AppError('FORBIDDEN', 'Cross-site session requests are refused');
  }
  return true;
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies[REFRESH_COOKIE];
  return value && value.length >= 10 && value.length <= 200 ? value : undefined;
}

export function setRefreshCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(REFRESH_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/v1/auth', expires: expiresAt });
  reply.setCookie(SESSION_HINT_COOKIE, '1', { httpOnly: false, sameSite: 'strict', secure, path: '/', expires: expiresAt });
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/v1/auth' });
  reply.clearCookie(SESSION_HINT_COOKIE, { sameSite: 'strict', secure, path: '/' });
}
