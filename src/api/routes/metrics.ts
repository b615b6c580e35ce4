import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { AppError } from '../../errors.js';
import { bearerMatches, renderMetrics } from '../../observability/metrics-server.js';

/** GET /metrics on the API port, in Prometheus text format, for a scraper presenting METRICS_TOKEN (401 otherwise). */
export function metricsRoute(app: FastifyInstance, registries: Registry[], token: string) {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) throw new AppError('UNAUTHENTICATED', 'A valid metrics bearer token is required');
    return reply.header('content-type', registries[0]!.contentType).send(await renderMetrics(registries));
  });
}
