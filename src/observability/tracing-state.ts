import { BullMQOtel } from 'bullmq-otel';

let enabled = false;

/** Set by startTracing; kept apart from the SDK so processes without tracing never load it. */
export function markTracingEnabled() {
  enabled = true;
}

/**
 * BullMQ's telemetry option when tracing is on: the enqueuing span's context travels with the job, so a job's spans
 * join the trace of the request that caused it.
 */
export function bullTelemetry(): { telemetry?: BullMQOtel } {
  return enabled ? { telemetry: new BullMQOtel({ tracerName: 'mdm' }) } : {};
}
