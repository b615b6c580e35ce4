import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from '../config/index.js';
import { closeDeps, createDeps } from '../container.js';
import { buildApp } from './app.js';
import { collectProcessMetrics } from '../observability/metrics.js';
import { startMetricsServer, type MetricsServer } from '../observability/metrics-server.js';
import { stopTracing } from '../observability/tracing-state.js';

const config = loadConfigOrExit();

const deps = await createDeps(config);
const app = await buildApp(deps);
collectProcessMetrics(deps.metrics);
// With METRICS_PORT, /metrics lives on its own listener (bind it to an internal address), not on the API port.
let metricsServer: MetricsServer | undefined;
if (config.METRICS_PORT !== undefined) {
  metricsServer = await startMetricsServer({ host: config.METRICS_HOST, port: config.METRICS_PORT, registries: app.metricsRegistries, token: config.METRICS_TOKEN });
}

// Stop accepting connections, let in-flight requests finish, then release PostgreSQL and Redis.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after error');
  else app.log.info({ signal }, 'shutting down');
  await metricsServer?.close();
  await app.close();
  await closeDeps(deps);
  await stopTracing(); // last: the spans of closing down are exported too
});

await app.listen({ host: config.HOST, port: config.PORT });
