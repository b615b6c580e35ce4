import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export async function renderMetrics(registries: Registry[]): Promise<string> {
  return (await Promise.all(registries.map((r) => r.metrics()))).join('\n');
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own for GET /metrics (the worker's, and the API's when METRICS_PORT is set), so metrics can be
 * bound to an internal address that the load balancer never routes to. The token, when set, is still required.
 */
export async function startMetricsServer(options: { host: string; port: number; registries: Registry[]; token?: string; health?: () => Promise<boolean> }): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    // The worker's health check (compose, Kubernetes): the process answers and its own connections work. No token:
    // it says nothing but up or down.
    if (request.method === 'GET' && request.url?.split('?')[0] === '/healthz' && options.health) {
      options.health().then(
        (ok) => response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' })),
        () => response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable' })),
      );
      return;
    }
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
      response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    renderMetrics(options.registries).then(
      (body) => response.writeHead(200, { 'content-type': options.registries[0]!.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
