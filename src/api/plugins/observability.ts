import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { Registry } from 'prom-client';
import { registerClusterMetrics } from '../../observability/cluster-metrics.js';
import { runWithRequestContext } from '../../observability/request-context.js';
import { jobRegistry } from '../../jobs/registry.js';
import { metricsRoute } from '../routes/metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** What /metrics serves: this process's figures, then the fleet-wide ones (for a separate METRICS_PORT). */
    metricsRegistries: Registry[];
  }
}

const APPLE_ENDPOINTS: Record<string, string> = { '/mdm/apple/checkin': 'checkin', '/mdm/apple/connect': 'connect' };

/**
 * Cross-cutting request plumbing: the request id (X-Request-Id in, out, and on every log line and job the request
 * causes) and the per-request Prometheus figures. Routes stay unaware of both.
 */
export const observability = fp(
  async (app: FastifyInstance, { deps }: { deps: Deps }) => {
    const { metrics, config } = deps;

    const cluster = new Registry();
    cluster.setDefaultLabels({ process: 'api' });
    const clusterMetrics = registerClusterMetrics(cluster, {
      db: deps.db,
      redis: deps.redis,
      prefix: config.REDIS_PREFIX,
      queueNames: [...new Set([...jobRegistry().values()].map((r) => r.definition.queue))],
    });
    app.addHook('onClose', () => clusterMetrics.close());
    app.decorate('metricsRegistries', [metrics.registry, cluster]);
    // On the API port only behind a token; with METRICS_PORT the server starts a separate listener instead.
    if (config.METRICS_TOKEN !== undefined && config.METRICS_PORT === undefined) {
      metricsRoute(app, app.metricsRegistries, config.METRICS_TOKEN);
    }

    // Callback style so the rest of the request (hooks, handler, use cases) runs inside the context.
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      runWithRequestContext({ requestId: request.id }, done);
    });

    app.addHook('onError', async (request, _reply, error) => {
      const endpoint = APPLE_ENDPOINTS[request.routeOptions.url ?? ''];
      if (endpoint && error instanceof AppError && error.code === 'BAD_SIGNATURE') metrics.appleSignatureFailures.inc({ endpoint });
    });

    app.addHook('onResponse', async (request, reply) => {
      // The route template, never the raw URL: ids in paths would make one series per device.
      const route = request.routeOptions.url ?? 'unmatched';
      const status = String(reply.statusCode);
      metrics.httpDuration.observe({ method: request.method, route, status_code: status }, reply.elapsedTime / 1000);
      const appleEndpoint = APPLE_ENDPOINTS[route];
      if (appleEndpoint) metrics.appleRequests.inc({ endpoint: appleEndpoint, status_code: status });
      else if (route === '/mdm/android/pubsub') metrics.androidPubsubMessages.inc({ status_code: status });
    });
  },
  { name: 'observability' },
);
