import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/** One batch of a bulk device action (POST /v1/device-actions); it queues the next batch itself. */
export const runBulkActionJob = defineJob({
  name: 'inventory.run-bulk-action',
  queue: 'commands',
  payload: Type.Object({ bulkActionId: Type.String({ format: 'uuid' }), batch: Type.Integer({ minimum: 0 }) }),
  attempts: 5,
  backoffMs: 5_000,
});

export const inventoryJobs: JobDefinition[] = [runBulkActionJob];
