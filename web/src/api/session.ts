/**
 * The signed-in session. The access token lives only in this module's memory; the refresh token is an httpOnly,
 * SameSite=Strict cookie the server sets (X-Refresh-Cookie: 1) that scripts cannot read. A reload resumes the
 * session through that cookie; nothing is ever written to localStorage or sessionStorage.
 */
export type Role = 'STAFF' | 'MANAGER' | 'IT' | 'ADMIN';

export interface SessionState {
  accessToken: string;
  userId: string;
  role: Role;
  mfa: boolean;
  mfaAt: number | null;
  expiresAt: number;
  mustEnrollMfa: boolean;
  mustResetPassword: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface AccessClaims {
  sub: string;
  role: Role;
  mfa: boolean;
  mfa_at: number | null;
  exp: number;
}

/** Reads the claims of our own access token (no verification: the server verifies every request). */
export function decodeClaims(token: string): AccessClaims {
  const part = token.split('.')[1];
  if (!part) throw new Error('Malformed access token');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(json) as AccessClaims;
}

/** Seconds before expiry at which the access token is renewed in the background. */
export const REFRESH_MARGIN_SECONDS = 60;

export function refreshDelayMs(expiresAt: number, now: number): number {
  return Math.max(0, expiresAt - now - REFRESH_MARGIN_SECONDS * 1000);
}

type Listener = (state: SessionState | null) => void;

const COOKIE_HEADERS = { 'content-type': 'application/json', 'x-refresh-cookie': '1' };

export async function readError(response: Response): Promise<ApiError> {
  let code = 'HTTP_' + response.status;
  let message = response.statusText || 'The request failed';
  let details: unknown;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
    details = body.error?.details;
  } catch {
    // Not JSON (a proxy error page): keep the status text.
  }
  return new ApiError(response.status, code, message, details);
}

interface TokenBody {
  accessToken: string;
  expiresIn: number;
  mustEnrollMfa?: boolean;
  mustResetPassword?: boolean;
}

class Session {
  private state: SessionState | null = null;
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<SessionState | null> | null = null;

  get current(): SessionState | null {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState | null) {
    this.state = state;
    clearTimeout(this.timer);
    if (state) this.timer = setTimeout(() => void this.refresh(), refreshDelayMs(state.expiresAt, Date.now()));
    for (const listener of this.listeners) listener(state);
  }

  private accept(body: TokenBody, flags?: { mustEnrollMfa: boolean; mustResetPassword: boolean }): SessionState {
    const claims = decodeClaims(body.accessToken);
    const state: SessionState = {
      accessToken: body.accessToken,
      userId: claims.sub,
      role: claims.role,
      mfa: claims.mfa,
      mfaAt: claims.mfa_at,
      expiresAt: Date.now() + body.expiresIn * 1000,
      mustEnrollMfa: flags?.mustEnrollMfa ?? body.mustEnrollMfa ?? false,
      mustResetPassword: flags?.mustResetPassword ?? body.mustResetPassword ?? false,
    };
    this.set(state);
    return state;
  }

  async signIn(email: string, password: string, totp?: string): Promise<SessionState> {
    const response = await fetch('/v1/auth/login', {
      method: 'POST',
      headers: COOKIE_HEADERS,
      body: JSON.stringify(totp ? { email, password, totp } : { email, password }),
    });
    if (!response.ok) throw await readError(response);
    return this.accept((await response.json()) as TokenBody);
  }

  /** Renews the access token with the refresh cookie; null when there is no session to resume. */
  refresh(): Promise<SessionState | null> {
    // The server sets a readable hint cookie beside the httpOnly one: without it there is nothing to resume.
    if (!document.cookie.split('; ').includes('mdm_session=1')) return Promise.resolve(null);
    this.refreshing ??= (async () => {
      try {
        const response = await fetch('/v1/auth/refresh', { method: 'POST', headers: COOKIE_HEADERS, body: '{}' });
        if (!response.ok) {
          this.set(null);
          return null;
        }
        return this.accept((await response.json()) as TokenBody);
      } catch {
        return this.state;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Step-up: proves MFA again; the server answers a token carrying the new MFA time. */
  async verifyMfa(code: string): Promise<SessionState> {
    const current = this.requireState();
    const response = await fetch('/v1/auth/mfa/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${current.accessToken}` },
      body: JSON.stringify({ code }),
    });
    if (!response.ok) throw await readError(response);
    return this.accept((await response.json()) as TokenBody, { mustEnrollMfa: false, mustResetPassword: current.mustResetPassword });
  }

  markPasswordChanged() {
    if (this.state) this.set({ ...this.state, mustResetPassword: false });
  }

  async signOut(): Promise<void> {
    const current = this.state;
    this.set(null);
    if (current) {
      await fetch('/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${current.accessToken}`, 'x-refresh-cookie': '1' } }).catch(() => undefined);
    }
  }

  private requireState(): SessionState {
    if (!this.state) throw new ApiError(401, 'UNAUTHENTICATED', 'Your session has ended; sign in again');
    return this.state;
  }
}

export const session = new Session();
