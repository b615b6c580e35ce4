import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { OIDC_STATE_TTL_SECONDS } from '../domain/auth/sso.js';

/** What a sign-in started at GET /v1/auth/oidc/start must find again at the callback. */
export interface OidcPendingSignIn {
  nonce: string;
  codeVerifier: string;
}


const key = (prefix: string, state: string) => `${prefix}:oidc:state:${createHash('sha256').update(state).digest('hex')}`;

/** Stores the nonce and PKCE verifier server-side under the state; they never reach the browser. */
export async function saveOidcSignIn(redis: Redis, prefix: string, state: string, pending: OidcPendingSignIn): Promise<void> {
  await redis.set(key(prefix, state), JSON.stringify(pending), 'EX', OIDC_STATE_TTL_SECONDS);
}

/** Takes the sign-in for this state, once: GETDEL makes a replayed callback find nothing. */
export async function takeOidcSignIn(redis: Redis, prefix: string, state: string): Promise<OidcPendingSignIn | null> {
  const raw = await redis.getdel(key(prefix, state));
  if (!raw) return null;
  const parsed = JSON.parse(raw) as Partial<OidcPendingSignIn>;
  return typeof parsed.nonce === 'string' && typeof parsed.codeVerifier === 'string' ? { nonce: parsed.nonce, codeVerifier: parsed.codeVerifier } : null;
}
