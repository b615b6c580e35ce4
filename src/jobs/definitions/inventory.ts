import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';
import { runBulkActionBatch } from '../../use-cases/inventory/run-bulk-action.js';

/** One batch of a bulk device action (POST /v1/device-actions); it queues the next batch itself. */
export const runBulkActionJob = defineJob({
  name: 'inventory.run-bulk-action',
  queue: 'commands',
  payload: Type.Object({ bulkActionId: Type.String({ format: 'uuid' }), batch: Type.Integer({ minimum: 0 }) }),
  attempts: 5,
  backoffMs: 5_000,
  async handle(payload, deps) {
    await runBulkActionBatch(deps, payload);
  },
});

export const inventoryJobs: JobDefinition[] = [runBulkActionJob] as unknown as JobDefinition[];
