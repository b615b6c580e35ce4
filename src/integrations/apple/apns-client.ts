import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { readFile } from 'node:fs/promises';
import type { Config } from '../../config/index.js';
import { topicFromPushCertificate } from '../../mdm/apple/pki.js';

export interface PushResult {
  status: number;
  apnsId?: string;
  /** APNs error reason (BadDeviceToken, Unregistered, TopicDisallowed, ...). */
  reason?: string;
}

/** Wakes devices through APNs with the MDM push certificate (HTTP/2, TLS client authentication). */
export interface ApnsClient {
  /** The push certificate's topic, or null when no push certificate is configured. */
  topic(): Promise<string | null>;
  push(tokenHex: string, pushMagic: string): Promise<PushResult>;
  close(): void;
}

export class PushNotConfiguredError extends Error {}

/** APNs did not answer within APNS_REQUEST_TIMEOUT_MS (a hung connection or stream): a failed push, retried. */
export class ApnsTimeoutError extends Error {}

export function createApnsClient(config: Config): ApnsClient {
  let identity: Promise<{ cert: string; key: string; ca?: string; topic: string } | null> | undefined;
  let session: ClientHttp2Session | undefined;

  const load = () =>
    (identity ??= (async () => {
      if (!config.APPLE_PUSH_CERT_PATH || !config.APPLE_PUSH_KEY_PATH) return null;
      const cert = await readFile(config.APPLE_PUSH_CERT_PATH, 'utf8');
      const key = await readFile(config.APPLE_PUSH_KEY_PATH, 'utf8');
      const ca = config.APNS_CA_PATH ? await readFile(config.APNS_CA_PATH, 'utf8') : undefined;
      return { cert, key, ca, topic: topicFromPushCertificate(cert) };
    })());

  async function open(): Promise<ClientHttp2Session> {
    if (session && !session.closed && !session.destroyed) return session;
    const id = await load();
    if (!id) throw new PushNotConfiguredError('No MDM push certificate configured (APPLE_PUSH_CERT_PATH, APPLE_PUSH_KEY_PATH)');
    const opened = connect(config.APNS_HOST, {
      cert: id.cert,
      key: id.key,
      passphrase: config.APPLE_PUSH_KEY_PASSPHRASE,
      ...(id.ca ? { ca: id.ca } : {}),
    });
    // After GOAWAY or an error the session is dropped; the next push opens a fresh one.
    const forget = () => {
      if (session === opened) session = undefined;
    };
    opened.on('goaway', forget);
    opened.on('close', forget);
    opened.on('error', forget);
    opened.unref();
    session = opened;
    return opened;
  }

  const timeoutError = () => new ApnsTimeoutError(`APNs did not answer within ${config.APNS_REQUEST_TIMEOUT_MS} ms`);

  /** Stops using a connection: streams still open on it run to their own deadline; one still connecting is dropped. */
  function retire(stale: ClientHttp2Session) {
    if (session === stale) session = undefined;
    if (stale.connecting) stale.destroy();
    else if (!stale.closed) stale.close();
  }

  return {
    async topic() {
      return (await load())?.topic ?? null;
    },
    async push(tokenHex, pushMagic) {
      const id = await load();
      if (!id) throw new PushNotConfiguredError('No MDM push certificate configured');
      const client = await open();
      const body = Buffer.from(JSON.stringify({ mdm: pushMagic }));
      return new Promise<PushResult>((resolve, reject) => {
        const request = client.request({
          [constants.HTTP2_HEADER_METHOD]: 'POST',
          [constants.HTTP2_HEADER_PATH]: `/3/device/${tokenHex}`,
          'apns-topic': id.topic,
          'apns-push-type': 'mdm',
          'content-type': 'application/json',
          'content-length': body.length,
        });
        // One deadline for the whole push, connection set-up included (an inactivity timer would never fire on a
        // server that keeps the connection alive but never answers the stream). A connection that let a push hang
        // is not trusted with the next one: it is replaced, and the push fails so the job retries it with backoff.
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          request.close(constants.NGHTTP2_CANCEL);
          retire(client);
        }, config.APNS_REQUEST_TIMEOUT_MS);
        let status = 0;
        let apnsId: string | undefined;
        const chunks: Buffer[] = [];
        request.on('response', (headers) => {
          status = Number(headers[constants.HTTP2_HEADER_STATUS]);
          apnsId = headers['apns-id'] as string | undefined;
        });
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('error', (error) => {
          clearTimeout(timer);
          reject(timedOut ? timeoutError() : error);
        });
        request.on('close', () => {
          clearTimeout(timer);
          if (timedOut) return reject(timeoutError());
          if (!status) return reject(new Error('APNs closed the stream without answering'));
          let reason: string | undefined;
          if (chunks.length) {
            try {
              reason = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reason?: string }).reason;
            } catch {
              reason = undefined;
            }
          }
          resolve({ status, apnsId, reason });
        });
        request.end(body);
      });
    },
    close() {
      session?.close();
      session = undefined;
    },
  };
}
