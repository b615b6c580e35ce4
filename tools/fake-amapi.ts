import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportPKCS8, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { AmapiDevice, AmapiOperation, AmapiPolicy } from '../src/mdm/android/amapi-types.js';
import { androidFixture } from './fixtures.js';

export const ENTERPRISE = 'enterprises/LC02my9vtl';
export const PUSH_AUDIENCE = 'https://mdm.example.test/mdm/android/pubsub';
export const PUSH_SERVICE_ACCOUNT = 'pubsub-push@mdm-prod-123456.iam.gserviceaccount.com';
const SERVICE_ACCOUNT_EMAIL = 'amapi@mdm-prod-123456.iam.gserviceaccount.com';
const COMMAND_TYPE = 'type.googleapis.com/google.android.devicemanagement.v1.Command';

interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
}

/**
 * A local stand-in for Google: the OAuth token endpoint (JWT-bearer grant, assertion checked against the service
 * account's public key), the AMAPI v1 resources this backend uses, answering with Google's JSON shapes and error
 * bodies, and the certificate (JWKS) endpoint plus a signer for Pub/Sub push OIDC tokens.
 */
export class FakeAmapi {
  readonly requests: RecordedRequest[] = [];
  readonly devices = new Map<string, AmapiDevice>();
  readonly operations = new Map<string, AmapiOperation>();
  readonly policies = new Map<string, AmapiPolicy>();
  readonly enterprisePatches: unknown[] = [];
  /** devices.delete calls that found their device, with the wipe options as sent in the query string. */
  readonly deletedDevices: { name: string; wipeDataFlags: string[]; wipeReasonMessage: string | null }[] = [];
  readonly issuedTokens = new Set<string>();
  /** Answers the next AMAPI call (not the token endpoint) with this HTTP status. */
  failNext: number | null = null;
  url = '';
  private server!: Server;
  private saPublicKey!: CryptoKey;
  private saPrivatePem = '';
  private pushPrivate!: CryptoKey;
  private pushJwk!: JWK;
  /** A key nobody trusts: signs forged push tokens. */
  private forgerPrivate!: CryptoKey;
  private sequence = 1789552012345;
  private tokenCounter = 0;
  // Google's token names are unique across the enterprise; several fakes share one test database (unique column).
  private readonly instance = randomBytes(4).toString('hex');

  static async start(): Promise<FakeAmapi> {
    const fake = new FakeAmapi();
    const sa = await generateKeyPair('RS256', { extractable: true });
    fake.saPublicKey = sa.publicKey;
    fake.saPrivatePem = await exportPKCS8(sa.privateKey);
    const push = await generateKeyPair('RS256', { extractable: true });
    fake.pushPrivate = push.privateKey;
    fake.pushJwk = { ...(await exportJWK(push.publicKey)), kid: 'fake-google-key-1', alg: 'RS256', use: 'sig' };
    fake.forgerPrivate = (await generateKeyPair('RS256')).privateKey;
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((error: unknown) => send(res, 500, { error: { code: 500, message: String(error), status: 'INTERNAL' } }));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Environment for createTestContext so the app talks to this fake. */
  env(): Record<string, string> {
    return {
      ANDROID_ENTERPRISE_NAME: ENTERPRISE,
      ANDROID_SERVICE_ACCOUNT_JSON: JSON.stringify({
        type: 'service_account',
        client_email: SERVICE_ACCOUNT_EMAIL,
        private_key: this.saPrivatePem,
        private_key_id: 'sa-key-1',
        token_uri: `${this.url}/token`,
      }),
      ANDROID_API_ROOT_URL: `${this.url}/`,
      ANDROID_PUSH_AUDIENCE: PUSH_AUDIENCE,
      ANDROID_PUSH_SERVICE_ACCOUNT_EMAIL: PUSH_SERVICE_ACCOUNT,
      ANDROID_PUSH_JWKS_URL: `${this.url}/oauth2/v3/certs`,
    };
  }

  /** An OIDC token as Pub/Sub attaches to pushes; override claims or sign with an untrusted key to forge one. */
  async pushToken(options: { claims?: Record<string, unknown>; expiresInSeconds?: number; forged?: boolean; now?: Date } = {}): Promise<string> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const claims = {
      aud: PUSH_AUDIENCE,
      azp: '113774264463038321964',
      email: PUSH_SERVICE_ACCOUNT,
      email_verified: true,
      iss: 'https://accounts.google.com',
      sub: '113774264463038321964',
      iat: now,
      exp: now + (options.expiresInSeconds ?? 3600),
      ...options.claims,
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'fake-google-key-1', typ: 'JWT' })
      .sign(options.forged ? this.forgerPrivate : this.pushPrivate);
  }

  /** Marks an operation finished, as the device's acknowledgement would. */
  completeOperation(name: string, change: Partial<AmapiOperation> = {}): AmapiOperation {
    const operation = this.operations.get(name);
    if (!operation) throw new Error(`no operation ${name}`);
    const done = {
      ...operation,
      done: true,
      response: { '@type': 'type.googleapis.com/google.android.devicemanagement.v1.IssueCommandResponse' },
      ...change,
    };
    this.operations.set(name, done);
    return done;
  }

  amapiRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/v1/'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const text = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      req.on('end', () => resolve(data));
    });
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const body = text && isJson ? (JSON.parse(text) as unknown) : text;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization });

    if (url.pathname === '/oauth2/v3/certs') return send(res, 200, { keys: [this.pushJwk] });
    if (url.pathname === '/token') return this.token(res, new URLSearchParams(text));

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.issuedTokens.has(bearer)) {
      return send(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    }
    if (this.failNext !== null) {
      const status = this.failNext;
      this.failNext = null;
      return send(res, status, { error: { code: status, message: 'Injected failure', status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE' } });
    }
    const path = decodeURIComponent(url.pathname.slice('/v1/'.length));
    const method = req.method;
    let match: RegExpExecArray | null;

    if (method === 'POST' && (match = /^(enterprises\/[^/]+)\/enrollmentTokens$/.exec(path))) {
      const request = body as Record<string, unknown>;
      const value = `TOKEN${++this.tokenCounter}`.padEnd(20, 'X');
      const seconds = Number(String(request.duration ?? '3600s').replace('s', ''));
      const qr = androidFixture('qr-provisioning-extras.verbatim.json');
      (qr['android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE'] as Record<string, string>)['com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN'] = value;
      return send(res, 200, {
        ...request,
        name: `${match[1]}/enrollmentTokens/tok${this.instance}${this.tokenCounter}`,
        value,
        expirationTimestamp: new Date(Date.now() + seconds * 1000).toISOString(),
        qrCode: JSON.stringify(qr),
      });
    }
    if (method === 'PATCH' && /^enterprises\/[^/]+\/policies\/[^/]+$/.test(path)) {
      const version = String(Number(this.policies.get(path)?.version ?? 0) + 1);
      const saved = { ...(body as AmapiPolicy), name: path, version };
      this.policies.set(path, saved);
      return send(res, 200, saved);
    }
    if (method === 'PATCH' && /^enterprises\/[^/]+$/.test(path)) {
      this.enterprisePatches.push({ updateMask: url.searchParams.get('updateMask'), body });
      return send(res, 200, { name: path, ...(body as object) });
    }
    if (method === 'GET' && /^enterprises\/[^/]+\/devices\/[^/]+$/.test(path)) {
      const device = this.devices.get(path);
      return device ? send(res, 200, device) : notFound(res);
    }
    if (method === 'DELETE' && /^enterprises\/[^/]+\/devices\/[^/]+$/.test(path)) {
      // Google answers an empty Empty message; the device is gone from GET at once (the wipe follows on the phone).
      if (!this.devices.delete(path)) return notFound(res);
      this.deletedDevices.push({ name: path, wipeDataFlags: url.searchParams.getAll('wipeDataFlags'), wipeReasonMessage: url.searchParams.get('wipeReasonMessage') });
      return send(res, 200, {});
    }
    if (method === 'POST' && (match = /^(enterprises\/[^/]+\/devices\/[^/]+):issueCommand$/.exec(path))) {
      if (!this.devices.has(match[1]!)) return notFound(res);
      const name = `${match[1]}/operations/${++this.sequence}`;
      const command = body as Record<string, unknown>;
      const operation: AmapiOperation = {
        name,
        metadata: { '@type': COMMAND_TYPE, ...command, createTime: new Date().toISOString(), duration: (command.duration as string) ?? '600s' },
      };
      this.operations.set(name, operation);
      return send(res, 200, operation);
    }
    if (method === 'GET' && /^enterprises\/[^/]+\/devices\/[^/]+\/operations\/[^/]+$/.test(path)) {
      const operation = this.operations.get(path);
      return operation ? send(res, 200, operation) : notFound(res);
    }
    return send(res, 404, { error: { code: 404, message: `Fake AMAPI has no ${method} ${path}`, status: 'NOT_FOUND' } });
  }

  private async token(res: ServerResponse, form: URLSearchParams) {
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return send(res, 400, { error: 'unsupported_grant_type' });
    try {
      const { payload } = await jwtVerify(form.get('assertion') ?? '', this.saPublicKey, { audience: `${this.url}/token`, issuer: SERVICE_ACCOUNT_EMAIL });
      if (payload.scope !== 'https://www.googleapis.com/auth/androidmanagement') return send(res, 400, { error: 'invalid_scope' });
    } catch {
      return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
    const token = `ya29.fake-${this.issuedTokens.size + 1}`;
    this.issuedTokens.add(token);
    return send(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse) {
  send(res, 404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
}

/** A Pub/Sub push body carrying an AMAPI resource, shaped like the fixtures. */
export function pushBody(notificationType: string, resource: unknown, messageId: string, publishTime = new Date().toISOString()) {
  return {
    message: {
      attributes: { notificationType },
      data: Buffer.from(JSON.stringify(resource)).toString('base64'),
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
    },
    subscription: 'projects/mdm-prod-123456/subscriptions/amapi-push',
  };
}
