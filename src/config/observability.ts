import { Type } from 'typebox';

/** Metrics, tracing, queue dashboard. */
export const observabilityConfig = Type.Object({
  METRICS_TOKEN: Type.Optional(
    Type.String({ minLength: 16, description: 'Bearer token Prometheus sends to GET /metrics on the API port; /metrics answers 404 there when unset' }),
  ),
  METRICS_PORT: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 65535, description: 'Serve the API metrics on this separate port (bind METRICS_HOST) instead of the API port' }),
  ),
  METRICS_HOST: Type.String({ default: '0.0.0.0', description: 'Address the metrics ports (API METRICS_PORT, worker WORKER_METRICS_PORT) bind; use an internal interface' }),
  WORKER_METRICS_PORT: Type.Integer({ default: 9464, minimum: 0, maximum: 65535, description: 'Port of the worker\'s own /metrics (0: off)' }),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); tracing is off when unset' }),
  ),
  OTEL_SERVICE_NAME: Type.String({ default: 'mdm', description: 'service.name of exported traces (suffixed -api / -worker)' }),
  QUEUE_DASHBOARD_ENABLED: Type.Boolean({ default: true, description: 'Serve the BullMQ dashboard at /admin/queues (ADMIN only)' }),
  QUEUE_DASHBOARD_READ_ONLY: Type.Boolean({ default: true, description: 'When false, ADMINs may retry, promote and remove jobs from the dashboard' }),
});
