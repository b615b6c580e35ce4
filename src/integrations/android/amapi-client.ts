import { importPKCS8, SignJWT } from 'jose';
import type { Clock } from '../../clock.js';
import type { AmapiCommand, AmapiDevice, AmapiEnrollmentToken, AmapiOperation, AmapiPolicy } from '../../mdm/android/amapi-types.js';

/**
 * The Android Management API calls this backend makes. A thin typed client over fetch rather than
 * @googleapis/androidmanagement: that package's last release (5.1.1, 2023 API snapshot) lacks the WIPE command and
 * wipeParams and pulls a second, older google-auth-library; the full `googleapis` package is 240 MB.
 */
export interface AmapiClient {
  createEnrollmentToken(enterprise: string, token: AmapiEnrollmentToken): Promise<AmapiEnrollmentToken>;
  /** Creates the policy when it does not exist yet (AMAPI has no policies.create). */
  patchPolicy(name: string, policy: AmapiPolicy): Promise<AmapiPolicy>;
  getDevice(name: string): Promise<AmapiDevice>;
  issueCommand(deviceName: string, command: AmapiCommand): Promise<AmapiOperation>;
  getOperation(name: string): Promise<AmapiOperation>;
  /**
   * enterprises.devices.delete: Google forgets the device at once and sends it the wipe. A personally-owned device
   * loses only its work profile (`wipeReasonMessage` is shown first); a company-owned one is factory reset.
   */
  deleteDevice(name: string, options: { wipeDataFlags: string[]; wipeReasonMessage?: string }): Promise<void>;
  patchEnterprise(name: string, body: Record<string, unknown>, updateMask: string[]): Promise<Record<string, unknown>>;
}

/** A non-2xx answer from Google: `status` is the HTTP status, `reason` Google's status string (NOT_FOUND, ...). */
export class AmapiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'AmapiError';
  }
}

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  /** Google writes https://oauth2.googleapis.com/token here; tests point it at their fake. */
  token_uri?: string;
}

export const AMAPI_SCOPE = 'https://www.googleapis.com/auth/androidmanagement';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

export interface AccessTokenSource {
  token(): Promise<string>;
}

/**
 * OAuth 2.0 JWT-bearer grant (RFC 7523) for a service account, as Google's libraries do it, with the token cached
 * until five minutes before it expires.
 */
export function serviceAccountTokenSource(key: ServiceAccountKey, clock: Clock, fetchImpl: typeof fetch = fetch): AccessTokenSource {
  const tokenUri = key.token_uri ?? DEFAULT_TOKEN_URI;
  let cached: { value: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const now = Math.floor(clock.now().getTime() / 1000);
    const signingKey = await importPKCS8(key.private_key, 'RS256');
    const assertion = await new SignJWT({ scope: AMAPI_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) })
      .setIssuer(key.client_email)
      .setAudience(tokenUri)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(signingKey);
    const response = await fetchImpl(tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) {
      throw new AmapiError(response.status, body.error, `Service-account token request failed (${response.status} ${body.error ?? ''})`);
    }
    cached = { value: body.access_token, refreshAt: clock.now().getTime() + Math.max(0, (body.expires_in ?? 3600) - 300) * 1000 };
    return body.access_token;
  }

  return {
    async token() {
      if (cached && clock.now().getTime() < cached.refreshAt) return cached.value;
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}

export function createAmapiClient(options: { rootUrl: string; tokens: AccessTokenSource; fetchImpl?: typeof fetch }): AmapiClient {
  const fetchImpl = options.fetchImpl ?? fetch;

  async function call<T>(method: string, path: string, query: Record<string, string | string[]> = {}, body?: unknown): Promise<T> {
    const url = new URL(`v1/${path}`, options.rootUrl);
    for (const [name, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, v);
    }
    const response = await fetchImpl(url, {
      method,
      headers: {
        authorization: `Bearer ${await options.tokens.token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : {};
    if (!response.ok) {
      const error = (json as { error?: { status?: string; message?: string } }).error;
      throw new AmapiError(response.status, error?.status, `AMAPI ${method} ${path} failed: ${response.status} ${error?.message ?? ''}`.trim());
    }
    return json as T;
  }

  return {
    createEnrollmentToken: (enterprise, token) => call('POST', `${enterprise}/enrollmentTokens`, {}, token),
    patchPolicy: (name, policy) => call('PATCH', name, {}, policy),
    getDevice: (name) => call('GET', name),
    issueCommand: (deviceName, command) => call('POST', `${deviceName}:issueCommand`, {}, command),
    getOperation: (name) => call('GET', name),
    deleteDevice: async (name, { wipeDataFlags, wipeReasonMessage }) => {
      await call('DELETE', name, { wipeDataFlags, ...(wipeReasonMessage ? { wipeReasonMessage } : {}) });
    },
    patchEnterprise: (name, body, updateMask) => call('PATCH', name, { updateMask: updateMask.join(',') }, body),
  };
}
