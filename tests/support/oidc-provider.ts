import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person known to the test identity provider, and how they authenticate next. */
export interface TestIdpAccount {
  email: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers (or replaces) an account under its email as subject. */
  account(account: TestIdpAccount): void;
  /** Who signs in at the next interaction, and with which authentication methods (RFC 8176 `amr`). */
  nextSignIn(email: string, amr: string[]): void;
  /** The next interaction ends with access_denied (the person cancelled, or the provider's policy refused). */
  denyNextSignIn(): void;
  /** Simulates an outage: every connection is dropped until `up()`. */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the `oidc-provider` package, certified by the OpenID Foundation) on a local port, with
 * one confidential client whose redirect URI is our callback. Its login page is replaced by a handler that
 * finishes the interaction as `nextSignIn` says, so a test drives the whole browser round trip with plain HTTP.
 */
export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const accounts = new Map<string, TestIdpAccount>();
  let next: { email: string; amr: string[] } | 'deny' | null = null;
  let isDown = false;
  const clientId = 'mdm-console';
  const clientSecret = 'test-client-secret-of-enough-length';

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic', require_auth_time: true }],
    pkce: { required: () => true },
    // amr under the openid scope: like Entra ID, every ID token says how the person authenticated.
    claims: { acr: null, sid: null, auth_time: null, iss: null, openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    cookies: { keys: ['test-cookie-key-one-two-three-four'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          ...(account.name ? { name: account.name } : {}),
          ...(account.groups ? { groups: account.groups } : {}),
        }),
      };
    },
    // Consent is not what these tests are about: every scope asked for is granted.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(ctx.oidc.params!.scope as string);
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (isDown) return req.socket.destroy();
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      if (!next) throw new Error('test IdP: nextSignIn() was not called');
      if (next === 'deny') {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled' }, { mergeWithLastSubmission: false });
        return;
      }
      const { email, amr } = next;
      await provider.interactionFinished(req, res, { login: { accountId: email, amr } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    account: (account) => void accounts.set(account.email, account),
    nextSignIn: (email, amr) => void (next = { email, amr }),
    denyNextSignIn: () => void (next = 'deny'),
    down: () => void (isDown = true),
    up: () => void (isDown = false),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Plays the browser at the provider: follows its redirects with its cookies until it sends the browser back to
 * `redirectUri`, and returns that URL. `tamper` may change the authorization URL first (an attacker's edit).
 */
export async function signInAtIdp(authorizationUrl: string, redirectUri: string, tamper?: (url: URL) => void): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  tamper?.(url);
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`test IdP answered ${response.status} without a redirect: ${await response.text()}`);
    url = new URL(location, url);
    if (url.href.startsWith(redirectUri)) return url;
  }
  throw new Error('test IdP: too many redirects');
}
