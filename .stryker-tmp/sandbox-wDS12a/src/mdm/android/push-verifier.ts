// @ts-nocheck
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../clock.js';

export interface PushVerifierOptions {
  jwksUrl: string;
  audience: string | undefined;
  serviceAccountEmail: string | undefined;
  clock: Clock;
}

export type PushVerdict = { ok: true; email: string } | { ok: false; reason: string };

/** Issuers Google puts in its OIDC tokens (both spellings occur). */
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

/** Checks the OIDC token Pub/Sub attaches to push requests. */
export interface PushVerifier {
  verify(authorization: string | undefined): Promise<PushVerdict>;
}

/**
 * Verifies `Authorization: Bearer <Google-signed JWT>`: RS256 signature against the configured JWKS, issuer,
 * audience, expiry, and that it names our push service account with a verified email. Unconfigured audience or
 * service account refuses everything: an open webhook would let anyone forge device reports.
 */
export function createPushVerifier(options: PushVerifierOptions): PushVerifier {
  let keys: JWTVerifyGetKey | undefined;
  return {
    async verify(authorization) {
      if (!options.audience || !options.serviceAccountEmail) return { ok: false, reason: 'push authentication is not configured' };
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '');
      if (!match) return { ok: false, reason: 'missing bearer token' };
      keys ??= createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 });
      try {
        const { payload } = await jwtVerify(match[1]!, keys, {
          algorithms: ['RS256'],
          issuer: GOOGLE_ISSUERS,
          audience: options.audience,
          currentDate: options.clock.now(),
          clockTolerance: 30,
          requiredClaims: ['exp', 'iat', 'email'],
        });
        if (payload.email !== options.serviceAccountEmail) return { ok: false, reason: 'token is for another service account' };
        if (payload.email_verified !== true) return { ok: false, reason: 'token email is not verified' };
        return { ok: true, email: payload.email };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'token expired' };
        if (error instanceof joseErrors.JWTClaimValidationFailed) return { ok: false, reason: `token claim ${error.claim} is invalid` };
        if (error instanceof joseErrors.JOSEError) return { ok: false, reason: `token rejected (${error.code})` };
        throw error;
      }
    },
  };
}
