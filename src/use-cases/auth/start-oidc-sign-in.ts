import * as oidc from 'openid-client';
import type { Deps } from '../../deps.js';
import { OidcError } from '../../integrations/oidc/oidc-client.js';
import { saveOidcSignIn } from '../../storage/oidc-sign-in-state.js';
import type { AuthDeps, RequestMeta } from './session-grant.js';
import type { OidcSignInFailure } from './complete-oidc-sign-in.js';

export type OidcStart = { ok: true; redirectTo: string; state: string } | { ok: false; code: OidcSignInFailure };

/**
 * Begins a single sign-on: fresh state, nonce and PKCE verifier, kept server-side in Redis for a few minutes and
 * used once; the browser carries only the state (in the URL and in a cookie binding the sign-in to it).
 */
export async function startOidcSignIn(deps: AuthDeps & Pick<Deps, 'redis' | 'oidc'>, input: RequestMeta): Promise<OidcStart> {
  if (!deps.oidc) return { ok: false, code: 'disabled' };
  const state = oidc.randomState();
  const checks = { state, nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  let url: URL;
  try {
    url = await deps.oidc.authorizationUrl(checks);
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    await deps.audit.record({ actorType: 'anonymous', action: 'auth.sso_refused', targetType: 'user', ip: input.ip ?? null, details: { reason: 'provider_unreachable' } });
    return { ok: false, code: error.reason };
  }
  await saveOidcSignIn(deps.redis, deps.config.REDIS_PREFIX, state, { nonce: checks.nonce, codeVerifier: checks.codeVerifier });
  return { ok: true, redirectTo: url.href, state };
}
