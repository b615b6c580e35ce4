import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/**
 * Re-judge one device. Platform code enqueues this whenever it stores new posture
 * (jobId `evaluate:<deviceId>` collapses bursts of reports into one evaluation).
 */
export const evaluateDeviceJob = defineJob({
  name: 'compliance.evaluate-device',
  queue: 'compliance',
  payload: Type.Object({ deviceId: Type.String({ format: 'uuid' }) }),
  // Placeholder until the compliance engine lands; the name and payload are the contract.
  async handle() {},
});

export const complianceJobs: JobDefinition[] = [evaluateDeviceJob as unknown as JobDefinition];
