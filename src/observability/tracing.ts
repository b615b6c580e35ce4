import { register } from 'node:module';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { markTracingEnabled } from './tracing-state.js';

let started: NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing with the Fastify, pg (Prisma's driver adapter) and ioredis instrumentations,
 * exporting over OTLP/HTTP to `endpoint` (/v1/traces). Must run before those modules are imported: the entry
 * points load it with `node --import` (see tracing-preload.ts), so ESM imports are hooked as well.
 */
export function startTracing(options: { endpoint: string; serviceName: string }): NodeSDK {
  if (started) return started;
  // Only the instrumented packages go through the ESM hook; everything else loads as usual.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ['fastify', 'pg', 'ioredis'] } });
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  markTracingEnabled(() => sdk.shutdown());
  started = sdk;
  return sdk;
}
