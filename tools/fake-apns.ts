/**
 * Stand-ins for Apple's push service, shared by the tests, the demo (scripts/demo-standins.ts) and the benchmarks:
 * a local HTTP/2 TLS server speaking APNs' wire protocol, and the configuration that points the server at it with a
 * throw-away push certificate. Nothing here is used in production.
 */
import forge from 'node-forge';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { newRsaKeyPem } from '../src/mdm/apple/pki.js';

/** A self-signed certificate with the given subject (push certificates, TLS for the fake APNs). */
export function selfSigned(subject: forge.pki.CertificateField[], options: { altNames?: object[] } = {}) {
  const keyPem = newRsaKeyPem();
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01' + randomUUID().replace(/-/g, '').slice(0, 14);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  if (options.altNames) cert.setExtensions([{ name: 'subjectAltName', altNames: options.altNames }]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

export interface ApnsRequest {
  path: string;
  topic: string | undefined;
  pushType: string | undefined;
  body: string;
  clientCertSubject: string | undefined;
}

/** A local HTTP/2 TLS server speaking APNs' wire protocol, recording each push. */
export interface FakeApns {
  url: string;
  caPem: string;
  requests: ApnsRequest[];
  /** Status (and reason) to answer with; default 200. 'hang': accept the stream and never answer it. */
  respond: (request: ApnsRequest) => { status: number; reason?: string } | 'hang';
  /** For each push left hanging that the client gave up on (cancelled the stream or dropped the connection): after how long. */
  abandoned: { path: string; afterMs: number }[];
  close(): Promise<void>;
}

export async function startFakeApns(): Promise<FakeApns> {
  const tls = selfSigned([{ name: 'commonName', value: 'localhost' }], {
    altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }],
  });
  const server: Http2SecureServer = createSecureServer({ cert: tls.certPem, key: tls.keyPem, requestCert: true, rejectUnauthorized: false });
  const fake: FakeApns = {
    url: '',
    caPem: tls.certPem,
    requests: [],
    respond: () => ({ status: 200 }),
    abandoned: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of hanging) stream.destroy();
        server.close(() => resolve());
      }),
  };
  const hanging = new Set<ServerHttp2Stream>();
  // The client certificate is fixed for a connection: read once per session, not per push (getPeerCertificate
  // builds a new object each call, which made the double the costliest part of a delivery benchmark).
  const subjects = new WeakMap<object, string | undefined>();
  const clientSubject = (stream: ServerHttp2Stream) => {
    const session = stream.session;
    if (!session) return undefined;
    if (!subjects.has(session)) {
      const peer = (session.socket as TLSSocket | undefined)?.getPeerCertificate();
      subjects.set(session, peer?.subject ? JSON.stringify(peer.subject) : undefined);
    }
    return subjects.get(session);
  };
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const request: ApnsRequest = {
        path: headers[':path'] as string,
        topic: headers['apns-topic'] as string | undefined,
        pushType: headers['apns-push-type'] as string | undefined,
        body: Buffer.concat(chunks).toString('utf8'),
        clientCertSubject: clientSubject(stream),
      };
      fake.requests.push(request);
      const answer = fake.respond(request);
      if (answer === 'hang') {
        const since = Date.now();
        hanging.add(stream);
        stream.on('close', () => {
          hanging.delete(stream);
          fake.abandoned.push({ path: request.path, afterMs: Date.now() - since });
        });
        return;
      }
      const { status, reason } = answer;
      stream.respond({ ':status': status, 'apns-id': randomUUID(), ...(reason ? { 'content-type': 'application/json' } : {}) });
      stream.end(reason ? JSON.stringify({ reason, ...(status === 410 ? { timestamp: Date.now() } : {}) }) : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

export const TEST_TOPIC = `com.apple.mgmt.External.${randomUUID()}`;

/** Env for an Apple-enabled test context: own CA dir, a push certificate, APNs pointed at the fake. */
export function appleEnv(apns?: FakeApns, overrides: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'apple-test-'));
  const push = selfSigned([
    { type: '0.9.2342.19200300.100.1.1', value: TEST_TOPIC } as forge.pki.CertificateField,
    { name: 'commonName', value: `APSP:${TEST_TOPIC}` },
  ]);
  writeFileSync(join(dir, 'push.pem'), push.certPem);
  writeFileSync(join(dir, 'push.key'), push.keyPem);
  const env: Record<string, string> = {
    APPLE_CA_DIR: join(dir, 'ca'),
    APPLE_PUSH_CERT_PATH: join(dir, 'push.pem'),
    APPLE_PUSH_KEY_PATH: join(dir, 'push.key'),
    PUBLIC_BASE_URL: 'https://mdm.example.test',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...overrides,
  };
  if (apns) {
    writeFileSync(join(dir, 'apns-ca.pem'), apns.caPem);
    env.APNS_HOST = apns.url;
    env.APNS_CA_PATH = join(dir, 'apns-ca.pem');
  }
  return env;
}

