import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../support/context.js';
import { waitFor } from '../../support/wait-for.js';

interface ExportedSpan {
  scope: string;
  name: string;
  traceId: string;
}

/** A minimal OTLP/HTTP (JSON) collector: keeps every span the process exports. */
function startCollector(spans: ExportedSpan[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string; traceId: string }[] }[] }[];
        };
        for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ scope: ss.scope.name, name: s.name, traceId: s.traceId });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('OpenTelemetry tracing', () => {
  const spans: ExportedSpan[] = [];
  let collector: Server;
  let api: ChildProcess | undefined;
  let apiUrl: string;

  beforeAll(async () => {
    collector = await startCollector(spans);
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    api = spawn(process.execPath, ['--import', 'tsx', '--import', './src/observability/tracing-preload.ts', 'src/api/server.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        ...testEnv({ LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0' }),
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        // Nothing is exported on a timer during the test: the spans must leave when the process shuts down.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    apiUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`API did not start: ${out}`)), 150_000);
      api!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      api!.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      api!.on('exit', (code) => reject(new Error(`API exited ${code}: ${out}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api!.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => collector?.close(resolve));
  });

  it('exports one trace per request with the Fastify, PostgreSQL and Redis spans inside it, flushed at shutdown', async () => {
    const response = await fetch(`${apiUrl}/readyz`);
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(spans).toEqual([]); // still buffered in the batch span processor
    const exited = new Promise<number | null>((resolve) => api!.once('exit', resolve));
    api!.kill('SIGTERM');
    expect(await exited).toBe(0);
    const scopesOf = () => {
      const root = spans.find((s) => s.scope === '@fastify/otel' && s.name === 'request');
      return root ? new Set(spans.filter((s) => s.traceId === root.traceId).map((s) => s.scope)) : new Set<string>();
    };
    const expected = ['@fastify/otel', '@opentelemetry/instrumentation-pg', '@opentelemetry/instrumentation-ioredis'];
    await waitFor(scopesOf, (scopes) => expected.every((s) => scopes.has(s)), { timeoutMs: 15_000, intervalMs: 100, what: 'one trace with all three scopes' });
    expect([...scopesOf()]).toEqual(expect.arrayContaining(['@fastify/otel', '@opentelemetry/instrumentation-pg', '@opentelemetry/instrumentation-ioredis']));
  });
});
