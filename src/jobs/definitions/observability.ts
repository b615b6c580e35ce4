import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';
import { foldMetricDeltas } from '../../use-cases/observability/fold-metric-deltas.js';
import { applyRetention } from '../../use-cases/operations/apply-retention.js';

/** Keeps the metric summary tables small: /metrics reads totals plus the deltas not folded yet. */
export const foldMetricDeltasJob = defineJob({
  name: 'observability.fold-metric-deltas',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 15_000,
  async handle(_payload, deps) {
    await foldMetricDeltas(deps);
  },
});

/** Removes data past its retention (RETENTION_*), in short batches; hourly, once across all workers. */
export const applyRetentionJob = defineJob({
  name: 'operations.apply-retention',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 3600_000,
  async handle(_payload, deps) {
    await applyRetention(deps);
  },
});

export const observabilityJobs: JobDefinition[] = [foldMetricDeltasJob, applyRetentionJob] as unknown as JobDefinition[];
