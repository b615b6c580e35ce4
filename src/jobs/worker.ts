import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from '../config/index.js';
import { closeDeps, createDeps } from '../container.js';
import { startWorkers } from './start-workers.js';
import { collectProcessMetrics } from '../observability/metrics.js';
import { startMetricsServer, type MetricsServer } from '../observability/metrics-server.js';
import { checkDependencies } from '../observability/dependency-check.js';
import { stopTracing } from '../observability/tracing-state.js';

const config = loadConfigOrExit();

const deps = await createDeps(config, { process: 'worker' });
const workers = await startWorkers(deps);
collectProcessMetrics(deps.metrics);
let metricsServer: MetricsServer | undefined;
if (config.WORKER_METRICS_PORT !== 0) {
  // Healthy while this process answers and reaches PostgreSQL and Redis with its own connections (a real query and
  // PING, each bounded), so a hung worker or one whose pool is broken is restarted by its orchestrator.
  const health = async () => (await checkDependencies(deps)).ready;
  metricsServer = await startMetricsServer({ host: config.METRICS_HOST, port: config.WORKER_METRICS_PORT, registries: [deps.metrics.registry], token: config.METRICS_TOKEN, health });
}
deps.logger.info('worker started');

// Jobs in flight finish before the process exits; unfinished ones are retried by another worker.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err) deps.logger.error({ err }, 'closing after error');
  else deps.logger.info({ signal }, 'worker shutting down');
  await metricsServer?.close();
  await workers.close();
  await closeDeps(deps);
  await stopTracing(); // last: the spans of closing down are exported too
});
