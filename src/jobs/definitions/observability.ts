import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/** Keeps the metric summary tables small: /metrics reads totals plus the deltas not folded yet. */
export const foldMetricDeltasJob = defineJob({
  name: 'observability.fold-metric-deltas',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 15_000,
});

/** Removes data past its retention (RETENTION_*), in short batches; hourly, once across all workers. */
export const applyRetentionJob = defineJob({
  name: 'operations.apply-retention',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 3600_000,
});

export const observabilityJobs: JobDefinition[] = [foldMetricDeltasJob, applyRetentionJob];
