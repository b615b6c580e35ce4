// @ts-nocheck
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

export interface WebhookResponse {
  status: number;
}

/** Posts one signed JSON body to a subscriber. Resolves with the HTTP status; rejects on network errors. */
export interface WebhookClient {
  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResponse>;
}

export function createWebhookClient(options: { timeoutMs: number; caFile?: string }): WebhookClient {
  // Extra CAs are added to the public roots, not put in their place, so public endpoints keep working.
  const ca = options.caFile ? [...rootCertificates, readFileSync(options.caFile, 'utf8')] : undefined;
  return {
    post(url, body, headers) {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<WebhookResponse>((resolve, reject) => {
        const req = send(
          target,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
            timeout: options.timeoutMs,
            ...(ca && target.protocol === 'https:' ? { ca } : {}),
          },
          (res) => {
            res.resume(); // the body is not used; drain it so the socket is freed
            res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`webhook timed out after ${options.timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}
