import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/** Re-judge one device. Queued whenever its posture, ownership or its user's MFA changes (request-evaluation.ts). */
export const evaluateDeviceJob = defineJob({
  name: 'compliance.evaluate-device',
  queue: 'compliance',
  payload: Type.Object({ deviceId: Type.String({ format: 'uuid' }) }),
});

/** One batch of the whole-fleet re-evaluation after a policy change; it queues the next batch itself. */
export const reevaluateFleetJob = defineJob({
  name: 'compliance.reevaluate-fleet',
  queue: 'compliance',
  payload: Type.Object({ policyVersion: Type.Integer({ minimum: 1 }), afterDeviceId: Type.Optional(Type.String({ format: 'uuid' })) }),
});

/** Works out which escalation steps are due for a non-compliant device and queues them. */
export const escalateDeviceJob = defineJob({
  name: 'compliance.escalate-device',
  queue: 'compliance',
  payload: Type.Object({ deviceId: Type.String({ format: 'uuid' }) }),
});

/** Carries out one escalation step (notify, block, lock, selective wipe); safe to run more than once. */
export const runEscalationActionJob = defineJob({
  name: 'compliance.run-escalation-action',
  queue: 'compliance',
  payload: Type.Object({ actionId: Type.String({ format: 'uuid' }) }),
  attempts: 8,
  backoffMs: 30_000,
});

/** Safety net on a schedule: stale check-ins, grace periods that ended, devices never judged. */
export const sweepComplianceJob = defineJob({
  name: 'compliance.sweep',
  queue: 'compliance',
  payload: Type.Object({ afterDeviceId: Type.Optional(Type.String({ format: 'uuid' })) }),
  // Check-in limits are counted in days, so a quarter-hour cadence is ample and cheap (it only selects candidates).
  everyMs: 900_000,
});

/** Reminds a device's user before the grace deadline, if the same failure episode is still running. */
export const remindUserJob = defineJob({
  name: 'compliance.remind-user',
  queue: 'compliance',
  payload: Type.Object({ deviceId: Type.String({ format: 'uuid' }), episodeStartedAt: Type.String({ format: 'date-time' }) }),
});

export const complianceJobs: JobDefinition[] = [
  remindUserJob,
  evaluateDeviceJob,
  reevaluateFleetJob,
  escalateDeviceJob,
  runEscalationActionJob,
  sweepComplianceJob,
];
