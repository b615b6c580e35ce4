import * as oidc from 'openid-client';
import type { Config } from '../../config/index.js';
import { OIDC_CALLBACK_PATH } from '../../domain/auth/sso.js';

/** Why a sign-in at the provider did not give us an identity, as far as we tell the browser. */
export type OidcFailure = 'denied' | 'failed' | 'unavailable';

export class OidcError extends Error {
  constructor(readonly reason: OidcFailure, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'OidcError';
  }
}

/** What the provider asserted about the person, from the verified ID token (and userinfo for missing claims). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** ID token claims, completed from userinfo with the email and groups claims when the ID token lacks them. */
  claims: Record<string, unknown>;
}

export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The relying party: authorization code flow with PKCE (S256), through openid-client. */
export interface OidcClient {
  /** The provider's authorization URL for these checks; discovery happens on first use and is retried after a failure. */
  authorizationUrl(checks: OidcChecks): Promise<URL>;
  /** Redeems the code in `callbackUrl` and verifies the ID token (issuer, audience, signature, nonce, state). */
  redeem(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity>;
}

const TIMEOUT_SECONDS = 10;

export function createOidcClient(config: Config): OidcClient | null {
  const issuer = config.OIDC_ISSUER_URL;
  const clientId = config.OIDC_CLIENT_ID;
  if (!issuer || !clientId) return null;
  const redirectUri = new URL(OIDC_CALLBACK_PATH, config.PUBLIC_BASE_URL).href;
  const execute = config.OIDC_ALLOW_HTTP ? [oidc.allowInsecureRequests] : [];
  const clientAuth = config.OIDC_CLIENT_SECRET ? oidc.ClientSecretBasic(config.OIDC_CLIENT_SECRET) : oidc.None();

  // One discovery per process, shared by concurrent sign-ins; a failed one is forgotten so the next sign-in retries
  // (the provider may have been down for a moment).
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(issuer), clientId, { redirect_uris: [redirectUri], response_types: ['code'] }, clientAuth, { execute, timeout: TIMEOUT_SECONDS })
      .then((c) => {
        c.timeout = TIMEOUT_SECONDS;
        return c;
      })
      .catch((error: unknown) => {
        discovered = null;
        throw new OidcError('unavailable', 'The identity provider could not be reached', { cause: error });
      });
    return discovered;
  };

  return {
    async authorizationUrl(checks) {
      const c = await configuration();
      return oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: config.OIDC_SCOPES,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    async redeem(callbackUrl, checks) {
      const c = await configuration();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw classify(error);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcError('failed', 'The provider returned no ID token');
      const claims: Record<string, unknown> = { ...idClaims };
      // Many providers put profile claims only in userinfo (oidc-provider does by default; Entra ID puts them in
      // the ID token). The ID token stays authoritative: userinfo only fills the profile claims it lacks, never
      // claims about the authentication itself (amr, acr, auth_time).
      const needed = [config.OIDC_EMAIL_CLAIM, ...(config.OIDC_GROUP_ROLE_MAP ? [config.OIDC_GROUPS_CLAIM] : [])];
      const fillable = new Set([...needed, 'email_verified', 'name']);
      if (needed.some((claim) => claims[claim] === undefined)) {
        try {
          const userinfo = await oidc.fetchUserInfo(c, tokens.access_token, idClaims.sub);
          for (const [name, value] of Object.entries(userinfo)) if (fillable.has(name) && claims[name] === undefined) claims[name] = value;
        } catch (error) {
          throw classify(error);
        }
      }
      return { issuer: idClaims.iss, subject: idClaims.sub, claims };
    },
  };
}

function classify(error: unknown): OidcError {
  if (error instanceof OidcError) return error;
  // The provider answered the authorization request with an error (the person cancelled, or was not allowed).
  if (error instanceof oidc.AuthorizationResponseError) return new OidcError('denied', `The provider refused: ${error.error}`, { cause: error });
  // fetch() failures (refused connection, DNS, timeout) and 5xx answers mean the provider is not there right now.
  const name = (error as { name?: string } | null)?.name;
  if (error instanceof TypeError || name === 'TimeoutError' || name === 'AbortError') {
    return new OidcError('unavailable', 'The identity provider could not be reached', { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError && error.status >= 500) {
    return new OidcError('unavailable', 'The identity provider answered with an error', { cause: error });
  }
  return new OidcError('failed', 'The identity provider\'s answer was not valid', { cause: error });
}
