import { BullMQOtel } from 'bullmq-otel';

let enabled = false;
let stop: (() => Promise<void>) | undefined;

/** Set by startTracing; kept apart from the SDK so processes without tracing never load it. */
export function markTracingEnabled(shutdown: () => Promise<void>) {
  enabled = true;
  stop = shutdown;
}

/**
 * Exports the spans still buffered and stops tracing; called last by close-with-grace in the API and the worker, so
 * the spans of the final requests and jobs (the interesting ones when a pod is being replaced) are not lost. Does
 * nothing when tracing is off; an unreachable collector must not hold the shutdown up, so it gives up after `timeoutMs`.
 */
export async function stopTracing(timeoutMs = 5_000): Promise<void> {
  if (!stop) return;
  const shutdown = stop;
  stop = undefined;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([shutdown().catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/**
 * BullMQ's telemetry option when tracing is on: the enqueuing span's context travels with the job, so a job's spans
 * join the trace of the request that caused it.
 */
export function bullTelemetry(): { telemetry?: BullMQOtel } {
  return enabled ? { telemetry: new BullMQOtel({ tracerName: 'mdm' }) } : {};
}
