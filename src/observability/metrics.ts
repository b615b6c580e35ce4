import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Process figures (CPU, memory, event loop lag, GC): only for real processes, not for every test context. */
export function collectProcessMetrics(metrics: Metrics) {
  collectDefaultMetrics({ register: metrics.registry, prefix: 'mdm_' });
}

/**
 * The Prometheus metrics one process records itself. Each process (and each test context) gets its own registry,
 * so nothing is global and two apps in one test process never collide.
 */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  appleRequests: Counter<'endpoint' | 'status_code'>;
  appleSignatureFailures: Counter<'endpoint'>;
  androidPubsubMessages: Counter<'status_code'>;
  apnsPushes: Counter<'outcome'>;
  commandsExpired: Counter<'platform' | 'request_type'>;
  jobs: Counter<'queue' | 'name' | 'outcome'>;
  jobDuration: Histogram<'queue' | 'name'>;
}

export function createMetrics(options: { process: 'api' | 'worker' }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: options.process });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'mdm_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    appleRequests: new Counter({
      name: 'mdm_apple_requests_total',
      help: 'Apple MDM check-ins (endpoint="checkin") and command-channel connects (endpoint="connect") by status code',
      labelNames: ['endpoint', 'status_code'],
      registers,
    }),
    appleSignatureFailures: new Counter({
      name: 'mdm_apple_signature_failures_total',
      help: 'Apple device requests refused because the Mdm-Signature or the signing certificate did not verify',
      labelNames: ['endpoint'],
      registers,
    }),
    androidPubsubMessages: new Counter({
      name: 'mdm_android_pubsub_messages_total',
      help: 'Android Management API Pub/Sub push messages received, by status code answered',
      labelNames: ['status_code'],
      registers,
    }),
    apnsPushes: new Counter({
      name: 'mdm_apns_pushes_total',
      help: 'APNs wake-up pushes by outcome: accepted, token_invalid, or a failed push retried with backoff: error_status (5xx, 429, other 4xx), timeout (no answer within APNS_REQUEST_TIMEOUT_MS), unreachable',
      labelNames: ['outcome'],
      registers,
    }),
    commandsExpired: new Counter({
      name: 'mdm_commands_expired_total',
      help: 'Commands this process marked EXPIRED (not delivered and answered before COMMAND_DELIVERY_DEADLINE_SECONDS), by platform and request type',
      labelNames: ['platform', 'request_type'],
      registers,
    }),
    jobs: new Counter({
      name: 'mdm_jobs_total',
      help: 'Background job attempts by queue, job name and outcome (completed, failed)',
      labelNames: ['queue', 'name', 'outcome'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'mdm_job_duration_seconds',
      help: 'Background job run time by queue and job name',
      labelNames: ['queue', 'name'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers,
    }),
  };
}
