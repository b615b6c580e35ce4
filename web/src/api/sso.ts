/**
 * Single sign-on: GET /v1/auth/sso says whether the organisation's identity
 * provider is configured. The button is a plain link to /v1/auth/oidc/start: the browser leaves for the provider,
 * comes back to the API, which sets the refresh cookie and redirects to `/` (the console's refresh-on-load then
 * signs the person in) or to `/?sso_error=<code>` when it failed.
 */
export interface SsoConfig {
  enabled: boolean;
  label?: string;
}

export const SSO_START_PATH = '/v1/auth/oidc/start';

/** The SSO configuration; a server without the route (or a failed request) means no SSO button, not a broken page. */
export async function fetchSsoConfig(fetcher: typeof fetch = fetch): Promise<SsoConfig> {
  try {
    const response = await fetcher('/v1/auth/sso', { headers: { accept: 'application/json' } });
    if (!response.ok) return { enabled: false };
    const body = (await response.json()) as Partial<SsoConfig>;
    return { enabled: body.enabled === true, ...(typeof body.label === 'string' && body.label.trim() ? { label: body.label.trim() } : {}) };
  } catch {
    return { enabled: false };
  }
}

/**
 * What to tell the person when the provider round trip failed, by the code the API put in `?sso_error=`
 * (src/use-cases/auth/complete-oidc-sign-in.ts, OidcSignInFailure; the audit log has the precise reason).
 */
export function ssoErrorMessage(code: string): string {
  switch (code) {
    case 'denied':
      return 'Single sign-on was cancelled or refused by the identity provider. Try again, or sign in with your email and password.';
    case 'not_allowed':
      return 'Single sign-on worked, but it does not give you access here (no account, or the account is disabled). Ask IT.';
    case 'state':
      return 'The single sign-on attempt expired or was started in another tab. Try again.';
    case 'disabled':
      return 'Single sign-on is not set up for this organisation. Sign in with your email and password.';
    case 'unavailable':
      return 'The identity provider could not be reached. Try again in a moment, or sign in with your email and password.';
    default:
      return 'Single sign-on did not work. Try again, or sign in with your email and password. If it keeps failing, tell IT.';
  }
}
